#include "install/problem.hpp"

namespace og::install {

std::string message_text(const Problem& p, std::string_view lang) {
    std::string out;
    for (const auto& sentence : p.message) {
        if (!out.empty()) out += ' ';
        out += messages::say(lang, sentence);
    }
    return out;
}

std::string fix_text(const Problem& p, std::string_view lang) {
    return messages::say(lang, p.fix);
}

}  // namespace og::install
