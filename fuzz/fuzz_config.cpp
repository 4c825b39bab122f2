// Target 5: the config reader (SPEC §8). Properties: no crash or hang; a
// config read without errors keeps SPEC §8's constraints (base, cap and
// at_least_every at least 1d, cap not shorter than base, workdays not empty).
#include <algorithm>

#include "config.h"
#include "fuzz_support.h"

using namespace touchbase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ConfigRead read = read_config(text, ".touchbase.yaml");
    for (const auto& p : read.problems) {
        FUZZ_CHECK(p.line >= 0 && p.column >= 0);
        FUZZ_CHECK(!p.message.empty());
    }
    if (has_error(read.problems)) return 0;
    const Config& c = read.config;
    const ScheduleSettings& s = c.schedule;
    FUZZ_CHECK(s.base.count >= 1 && s.cap.count >= 1 && s.at_least_every.count >= 1);
    FUZZ_CHECK(compare_at(s.cap, s.base, Date::from_ymd(2026, 1, 31).value()) >= 0);
    FUZZ_CHECK(std::any_of(s.calendar.workdays.begin(), s.calendar.workdays.end(),
                           [](bool b) { return b; }));
    FUZZ_CHECK(std::is_sorted(s.calendar.holidays.begin(), s.calendar.holidays.end()));
    return 0;
}
