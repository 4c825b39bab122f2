#include <fmt/core.h>

int main() {
    fmt::print("touchbase {}\n", TOUCHBASE_VERSION);
    return 0;
}
