// What goes wrong at the command line, and the one place where it is said:
// every error, warning and progress line of the commands reaches stderr
// through report(). Messages interpolate names and paths with
// shown_format(), which escapes control characters in them (problem.h
// shown_text), so a file name can neither drive the terminal nor break a
// line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "problem.h"

namespace touchbase {

// Why a command stops: its exit status (commands.h ExitCode) and what it
// says: the problems that caused it (a bad configuration's), then
// "touchbase: error: MESSAGE" unless the message is empty. Line breaks in
// the message are its own (made with shown_format, the interpolated texts
// hold none).
struct Failure {
    int exit_code = 0;
    std::string message;
    std::vector<Problem> problems;
};

// A step that yields nothing: nullopt when it went well.
using Outcome = std::optional<Failure>;

// A value, or the Failure that stopped it.
template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : value_(std::in_place_index<0>, std::move(value)) {}
    Expected(Failure failure) : value_(std::in_place_index<1>, std::move(failure)) {}
    explicit operator bool() const { return value_.index() == 0; }
    T& operator*() { return std::get<0>(value_); }
    const T& operator*() const { return std::get<0>(value_); }
    T* operator->() { return &std::get<0>(value_); }
    const T* operator->() const { return &std::get<0>(value_); }
    const Failure& failure() const { return std::get<1>(value_); }

private:
    std::variant<T, Failure> value_;
};

namespace detail {
template <class T>
auto shown_argument(const T& value) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>)
        return shown_text(std::string_view(value));
    else
        return value;
}
}  // namespace detail

// fmt::format with every text argument as shown_text.
template <class... Args>
[[nodiscard]] std::string shown_format(fmt::format_string<Args...> format, Args&&... args) {
    auto shown = std::make_tuple(detail::shown_argument(args)...);
    return std::apply(
        [&](auto&... a) {
            return fmt::vformat(fmt::string_view(format), fmt::make_format_args(a...));
        },
        shown);
}

// A Failure whose message is shown_format(format, args...).
template <class... Args>
[[nodiscard]] Failure failure(int exit_code, fmt::format_string<Args...> format, Args&&... args) {
    return Failure{exit_code, shown_format(format, std::forward<Args>(args)...), {}};
}

// The one way to stderr. A note's problem comes with its source line and a
// caret (format_problem_with_source); a Failure is said as an error; a
// warning is not said when `quiet`.
void report(const Problem& problem, bool quiet = false);
// Says `failure`; returns its exit status.
int report(const Failure& failure);
// "touchbase: warning: MESSAGE", unless `quiet` (MESSAGE made with shown_format).
void report_warning(std::string_view message, bool quiet = false);
// "touchbase: LINE": what a command did (counts, the notes it updated),
// beside its problems on stderr, so that stdout keeps only what was asked for.
void report_progress(std::string_view line);

}  // namespace touchbase
