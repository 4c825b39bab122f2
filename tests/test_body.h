// A note's body scanned as a run scans it (clients/acme.md, the default log
// section names unless a test names others), and what the tests read back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "body.h"
#include "config.h"

namespace touchbase::test {

inline const std::vector<std::string>& default_log_headings() {
    static const std::vector<std::string> headings = Config{}.log_heading;
    return headings;
}

inline BodyScan scan(std::string_view body, int first_line = 1,
                     const std::vector<std::string>& log = default_log_headings()) {
    return scan_body(body, first_line, log, "clients/acme.md");
}

// The date of each contact entry, in order.
inline std::vector<std::string> entry_dates(const BodyScan& s) {
    std::vector<std::string> out;
    for (const auto& e : s.entries) out.push_back(e.date.str());
    return out;
}

}  // namespace touchbase::test
