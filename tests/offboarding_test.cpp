// SPEC §5.4: coming off client work.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>

#include "config.h"
#include "offboarding.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::dur;

namespace {

std::string append(std::string_view note, std::string_view eol, const char* project_end,
                   const std::vector<OffboardingStep>& steps = Config::default_offboarding()) {
    OffboardingAppend a = offboarding_append(note, eol, day(project_end), steps);
    REQUIRE_FALSE(a.error);
    return a.text;
}

constexpr const char* kChecklist20261120 =
    "## Coming off client work (2026-11-20)\n"
    "- [ ] Ask for a reference 📅 2026-11-23\n"
    "- [ ] Ask for a testimonial for the website 📅 2026-11-23\n"
    "- [ ] Send a thank-you note with a summary of the work 📅 2026-11-22\n"
    "- [ ] Pencil in a follow-up booking about a month out 📅 2026-11-27\n"
    "- [ ] Ask whether they know of other projects or people we could help\n";

}  // namespace

TEST_CASE("offboarding: the default checklist is SPEC §5.4's, word for word") {
    CHECK(append("text\n", "\n", "2026-11-20") == std::string("\n") + kChecklist20261120);
}

TEST_CASE("offboarding: ending the last line and one blank line") {
    const std::string list = kChecklist20261120;
    SUBCASE("a note ending with a line ending gets one blank line") {
        CHECK(append("---\n---\nbody\n", "\n", "2026-11-20") == "\n" + list);
    }
    SUBCASE("a note without a final line ending: the last line is ended first") {
        CHECK(append("---\n---\nbody", "\n", "2026-11-20") == "\n\n" + list);
    }
    SUBCASE("a note that already ends with a blank line gets no other") {
        CHECK(append("---\n---\nbody\n\n", "\n", "2026-11-20") == list);
        CHECK(append("---\n---\nbody\n  \n", "\n", "2026-11-20") == list);
    }
    SUBCASE("an unended last line of spaces is a blank line once ended") {
        CHECK(append("---\n---\nbody\n  ", "\n", "2026-11-20") == "\n" + list);
    }
    SUBCASE("a note ending in its closing delimiter") {
        CHECK(append("---\nname: x\n---\n", "\n", "2026-11-20") == "\n" + list);
    }
}

TEST_CASE("offboarding: every line in the note's own line ending") {
    std::string crlf;
    for (char c : std::string(kChecklist20261120)) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    CHECK(append("---\r\n---\r\nbody\r\n", "\r\n", "2026-11-20") == "\r\n" + crlf);
    CHECK(append("---\r\n---\r\nbody", "\r\n", "2026-11-20") == "\r\n\r\n" + crlf);
    CHECK(append("---\r\n---\r\nbody\r\n\r\n", "\r\n", "2026-11-20") == crlf);
}

TEST_CASE("offboarding: due dates are offsets from project_end, months clamped") {
    SUBCASE("the default offsets across a month end") {
        CHECK(append("x\n", "\n", "2026-01-31") ==
              "\n## Coming off client work (2026-01-31)\n"
              "- [ ] Ask for a reference 📅 2026-02-03\n"
              "- [ ] Ask for a testimonial for the website 📅 2026-02-03\n"
              "- [ ] Send a thank-you note with a summary of the work 📅 2026-02-02\n"
              "- [ ] Pencil in a follow-up booking about a month out 📅 2026-02-07\n"
              "- [ ] Ask whether they know of other projects or people we could help\n");
    }
    SUBCASE("across a year end") {
        CHECK(
            append("x\n", "\n", "2026-12-30", {{"Ask for a reference", Duration{3, Unit::days}}}) ==
            "\n## Coming off client work (2026-12-30)\n"
            "- [ ] Ask for a reference 📅 2027-01-02\n");
    }
    SUBCASE("after: 1m clamps to the month's last day") {
        const std::vector<OffboardingStep> steps{
            {"Book a follow-up", Duration{1, Unit::months}},
            {"Send a note", Duration{1, Unit::years}},
            {"Review", Duration{2, Unit::weeks}},
            {"Same day", Duration{0, Unit::days}},
        };
        CHECK(append("x\n", "\n", "2026-01-31", steps) ==
              "\n## Coming off client work (2026-01-31)\n"
              "- [ ] Book a follow-up 📅 2026-02-28\n"
              "- [ ] Send a note 📅 2027-01-31\n"
              "- [ ] Review 📅 2026-02-14\n"
              "- [ ] Same day 📅 2026-01-31\n");
        CHECK(append("x\n", "\n", "2028-01-31", {steps[0]}) ==
              "\n## Coming off client work (2028-01-31)\n"
              "- [ ] Book a follow-up 📅 2028-02-29\n");
    }
    SUBCASE("an empty list still gets the heading") {
        CHECK(append("x\n", "\n", "2026-11-20", {}) ==
              "\n## Coming off client work (2026-11-20)\n");
    }
}

TEST_CASE("offboarding: a due date past 9999-12-31 is an error, nothing is appended") {
    OffboardingAppend a = offboarding_append("x\n", "\n", day("9999-12-30"),
                                             {{"Ask for a reference", Duration{3, Unit::days}}});
    REQUIRE(a.error);
    CHECK(a.error->find("Ask for a reference") != std::string::npos);
    CHECK(a.text.empty());
}

TEST_CASE("offboarding: when the checklist is due") {
    const Date end = day("2026-11-20");
    SUBCASE("project_end today or before, ongoing, casual or former, not yet offboarded") {
        for (Engagement e : {Engagement::ongoing, Engagement::casual, Engagement::former}) {
            CAPTURE(to_string(e));
            CHECK(offboarding_due(end, std::nullopt, e, day("2026-11-20")));
            CHECK(offboarding_due(end, std::nullopt, e, day("2027-03-01")));
        }
    }
    SUBCASE("no project_end, or one after today") {
        CHECK_FALSE(offboarding_due(std::nullopt, std::nullopt, Engagement::former, end));
        CHECK_FALSE(offboarding_due(end, std::nullopt, Engagement::former, day("2026-11-19")));
    }
    SUBCASE("active or paused clients") {
        CHECK_FALSE(offboarding_due(end, std::nullopt, Engagement::active, day("2026-11-24")));
        CHECK_FALSE(offboarding_due(end, std::nullopt, Engagement::paused, day("2026-11-24")));
    }
    SUBCASE("offboarded equal to project_end: done, even if the checklist was deleted") {
        CHECK_FALSE(offboarding_due(end, end, Engagement::former, day("2026-11-24")));
    }
    SUBCASE("offboarded for another project_end: a new checklist") {
        CHECK(offboarding_due(end, day("2026-06-30"), Engagement::former, day("2026-11-24")));
        CHECK(offboarding_due(end, day("2026-12-31"), Engagement::former, day("2026-11-24")));
    }
}

TEST_CASE("offboarding: an active client past project_end gets a warning") {
    const Date end = day("2026-11-20");
    CHECK_FALSE(active_past_project_end(end, Engagement::active, day("2026-11-19")));
    for (const char* today : {"2026-11-20", "2027-02-01"}) {
        CAPTURE(today);
        const auto warning = active_past_project_end(end, Engagement::active, day(today));
        REQUIRE(warning);
        CHECK(warning->find("2026-11-20") != std::string::npos);
        CHECK(warning->find("ongoing or former") != std::string::npos);
    }
    CHECK_FALSE(active_past_project_end(std::nullopt, Engagement::active, day("2026-11-24")));
    for (Engagement e :
         {Engagement::ongoing, Engagement::casual, Engagement::former, Engagement::paused})
        CHECK_FALSE(active_past_project_end(end, e, day("2026-11-24")));
}

TEST_CASE("offboarding: a corrected project_end while the checklist is worked through") {
    // Body lines start at file line 5.
    const std::string body =
        "Notes.\n"                                            // 5
        "\n"                                                  // 6
        "## Coming off client work (2026-11-20)\n"            // 7
        "- [x] Ask for a reference 📅 2026-11-23\n"            // 8
        "- [ ] Pencil in a follow-up booking 📅 2026-11-27\n"  // 9
        "\n"                                                  // 10
        "## Other\n"                                          // 11
        "- [ ] Send the invoice\n";                           // 12
    const Date first = day("2026-11-20");
    SUBCASE("an open task in the checklist's section, within 30 days: in progress") {
        CHECK(checklist_in_progress(day("2026-11-24"), first, body, 5, {9, 12}));
        CHECK(checklist_in_progress(day("2026-12-20"), first, body, 5, {9}));
        CHECK(checklist_in_progress(day("2026-10-21"), first, body, 5, {9}));
    }
    SUBCASE("more than 30 days apart: a new project, a new checklist") {
        CHECK_FALSE(checklist_in_progress(day("2026-12-21"), first, body, 5, {9}));
        CHECK_FALSE(checklist_in_progress(day("2026-10-20"), first, body, 5, {9}));
    }
    SUBCASE("no open task in that section") {
        CHECK_FALSE(checklist_in_progress(day("2026-11-24"), first, body, 5, {12}));
        CHECK_FALSE(checklist_in_progress(day("2026-11-24"), first, body, 5, {}));
    }
    SUBCASE("never offboarded, or offboarded for this very date") {
        CHECK_FALSE(checklist_in_progress(day("2026-11-24"), std::nullopt, body, 5, {9}));
        CHECK_FALSE(checklist_in_progress(first, first, body, 5, {9}));
    }
    SUBCASE("a task under a sub-heading of the section is in it; a same-level heading ends it") {
        const std::string nested =
            "## Coming off client work (2026-11-20)\n"  // 5
            "### Follow-ups\n"                          // 6
            "- [ ] Pencil in a booking\n"               // 7
            "## Done\n"                                 // 8
            "- [ ] Other\n";                            // 9
        CHECK(checklist_in_progress(day("2026-11-24"), first, nested, 5, {7}));
        CHECK_FALSE(checklist_in_progress(day("2026-11-24"), first, nested, 5, {9}));
    }
}

TEST_CASE("offboarding: a note ending inside an unclosed block would swallow the checklist") {
    auto swallowed = [](std::string body) {
        const std::string add = append(body, "\n", "2026-11-20");
        return checklist_swallowed(body, add);
    };
    CHECK_FALSE(swallowed("Notes.\n"));
    CHECK_FALSE(swallowed("```\ncode\n```\n"));
    CHECK_FALSE(swallowed("    indented code\n"));
    CHECK_FALSE(swallowed("<div>\nhtml ended by a blank line\n"));  // type 6
    CHECK_FALSE(swallowed("> a quote\n"));
    CHECK_FALSE(swallowed(""));
    for (const char* open : {"```\nnever closed\n", "~~~~ yaml\na: b\n~~~\n", "- item\n\n```\nx\n",
                             "<!-- a comment\nnever closed\n", "<pre>\nx\n", "<script>\nx\n",
                             "<style>\nx\n", "<?php\nx\n", "<!DOCTYPE html\n", "<![CDATA[\nx\n"}) {
        CAPTURE(open);
        const auto why = swallowed(open);
        REQUIRE(why);
        const bool html = std::string_view(open).starts_with("<");
        CHECK(why->find(html ? "HTML block" : "code block") != std::string::npos);
    }
}
