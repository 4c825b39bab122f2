#include "model.h"

namespace touchbase {

std::optional<Engagement> parse_engagement(std::string_view text) {
    if (text == "active") return Engagement::active;
    if (text == "casual") return Engagement::casual;
    if (text == "ongoing") return Engagement::ongoing;
    if (text == "former") return Engagement::former;
    if (text == "paused") return Engagement::paused;
    return std::nullopt;
}

const char* to_string(Engagement e) {
    switch (e) {
        case Engagement::active: return "active";
        case Engagement::casual: return "casual";
        case Engagement::ongoing: return "ongoing";
        case Engagement::former: return "former";
        case Engagement::paused: return "paused";
    }
    return "ongoing";
}

}  // namespace touchbase
