// Text made in pieces: a renderer appends to `out` and hands the pieces on
// every 64 KiB, so the agenda of a large folder (tens of MB) is never held
// whole in memory. Where the pieces go is the caller's: a file, a comparison
// with the file already on disk, or one string.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace touchbase {

// Receives the text, piece by piece, in order.
using TextSink = std::function<void(std::string_view piece)>;

class ChunkedText {
public:
    explicit ChunkedText(const TextSink& sink) : sink_(sink) {}
    ChunkedText(const ChunkedText&) = delete;
    ChunkedText& operator=(const ChunkedText&) = delete;

    // What is not handed on yet; append here.
    std::string out;

    // Hands `out` on once it holds 64 KiB or more.
    void flush() {
        if (out.size() >= kPiece) hand_on();
    }
    // Hands on the rest; call once at the end.
    void finish() { hand_on(); }

private:
    static constexpr std::size_t kPiece = 64 * 1024;
    void hand_on() {
        if (!out.empty()) sink_(out);
        out.clear();
    }
    const TextSink& sink_;
};

// The whole text of a renderer that writes to a sink, as one string.
template <typename Render>
std::string collect_text(Render render) {
    std::string all;
    render([&](std::string_view piece) { all.append(piece); });
    return all;
}

}  // namespace touchbase
