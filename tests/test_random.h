// Random test inputs from a fixed seed: the same seed gives the same inputs,
// so a property test that fails fails again the same way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

namespace touchbase::test {

class Random {
public:
    explicit Random(std::uint32_t seed) : rng_(seed) {}

    // lo..hi, both included.
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(int percent) { return uniform(1, 100) <= percent; }

    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))];
    }
    std::string pick(std::initializer_list<const char*> items) {
        return *(items.begin() + uniform(0, static_cast<int>(items.size()) - 1));
    }

    template <class It>
    void shuffle(It first, It last) {
        std::shuffle(first, last, rng_);
    }

private:
    std::mt19937 rng_;
};

}  // namespace touchbase::test
