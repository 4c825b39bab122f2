// Shared helpers for the fuzz targets (docs/safety.md, "Fuzzing"). Kept
// free of libFuzzer headers so that every target
// also builds with g++ into a plain replay driver (replay_main.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

// A property violation is a finding: abort() so libFuzzer saves the input.
#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

namespace touchbase::fuzz {

// Takes fixed-size parameters from the front of the input; what is left is
// the text under test. Past the end it yields zeros, so every input is valid.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size)
        : text_(reinterpret_cast<const char*>(data), size) {}
    std::uint8_t u8() {
        if (text_.empty()) return 0;
        auto b = static_cast<std::uint8_t>(text_.front());
        text_.remove_prefix(1);
        return b;
    }
    std::uint16_t u16() { return static_cast<std::uint16_t>(u8() | (u8() << 8)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(u16() | (std::uint32_t{u16()} << 16)); }
    std::string_view rest() const { return text_; }

private:
    std::string_view text_;
};

}  // namespace touchbase::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
