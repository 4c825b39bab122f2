// Target 4: dates and durations (SPEC §1). The input is both text for the
// parsers and raw numbers for the arithmetic. Properties: parse/str round
// trips; add then subtract returns for day units; add is monotonic; compare_at
// agrees with add where both results exist, is antisymmetric, and is zero for
// durations that mean the same.
#include <string>

#include "date.h"
#include "fuzz_support.h"

using namespace touchbase;

namespace {

Date date_from(std::uint32_t raw) {
    const std::int32_t lo = Date::min().serial(), hi = Date::max().serial();
    return Date::from_serial(
        lo + static_cast<std::int32_t>(raw % static_cast<std::uint32_t>(hi - lo + 1)));
}

Duration duration_from(std::uint16_t raw, std::uint8_t unit) {
    static constexpr Unit units[] = {Unit::days, Unit::weeks, Unit::months, Unit::years};
    // Small counts are the interesting ones; still reach 9999 sometimes.
    int count = (raw & 0x8000) ? raw % 10000 : raw % 64;
    return Duration{count, units[unit % 4]};
}

void check_text(std::string_view text) {
    if (auto d = Date::parse(text)) {
        // One-digit months and days and a time after the date read too (SPEC §1).
        FUZZ_CHECK(Date::parse(d->str()) == d);
        if (text.size() == 10) FUZZ_CHECK(d->str() == text);
        FUZZ_CHECK(Date::from_ymd(d->year(), d->month(), d->day()) == d);
        FUZZ_CHECK(*d >= Date::min() && *d <= Date::max());
    }
    if (auto d = Duration::parse(text)) {
        FUZZ_CHECK(d->count >= 0 && d->count <= 9999);
        FUZZ_CHECK(Duration::parse(d->str()) == d);
        FUZZ_CHECK(means_same(*d, *d));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    touchbase::fuzz::Bytes in(data, size);
    Date start = date_from(in.u32());
    Duration a = duration_from(in.u16(), in.u8());
    Duration b = duration_from(in.u16(), in.u8());
    std::string_view text = in.rest();
    check_text(text);
    for (std::size_t cut = 0; cut + 10 <= text.size() && cut < 64; ++cut)
        check_text(text.substr(cut, 10));
    for (std::size_t cut = 0; cut < text.size() && cut < 64; ++cut) check_text(text.substr(0, cut));

    // Calendar fields agree with the serial number.
    FUZZ_CHECK(Date::from_ymd(start.year(), start.month(), start.day()) == start);
    FUZZ_CHECK(Date::parse(start.str()) == start);
    FUZZ_CHECK(start.weekday() == ((start.serial() % 7 + 7 + 3) % 7));  // 1970-01-01 was a Thursday

    auto sum = add(start, a);
    if (sum) {
        FUZZ_CHECK(*sum >= start);
        if (a.in_days()) {
            FUZZ_CHECK(start.plus_days(a.amount()) == sum);
            FUZZ_CHECK(subtract(*sum, a) == start);
        } else {
            // Months clamp the day, so subtracting lands on or before start.
            auto back = subtract(*sum, a);
            FUZZ_CHECK(back && *back <= start);
            FUZZ_CHECK(back->year() * 12 + back->month() == start.year() * 12 + start.month());
        }
    }
    auto diff = subtract(start, a);
    if (diff) FUZZ_CHECK(*diff <= start);

    int ab = compare_at(a, b, start), ba = compare_at(b, a, start);
    FUZZ_CHECK((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0));
    FUZZ_CHECK(compare_at(a, a, start) == 0);
    if (means_same(a, b)) FUZZ_CHECK(ab == 0);
    FUZZ_CHECK(means_same(a, b) == means_same(b, a));
    auto sum_b = add(start, b);
    if (sum && sum_b) FUZZ_CHECK((ab < 0) == (*sum < *sum_b) && (ab == 0) == (*sum == *sum_b));
    if (sum && !sum_b) FUZZ_CHECK(ab < 0);
    if (!sum && sum_b) FUZZ_CHECK(ab > 0);
    return 0;
}
