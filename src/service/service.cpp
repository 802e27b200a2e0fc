#include "service/service.hpp"

#include "domain/text.hpp"

namespace latitudes::service {

TextProblem check_text(const std::string& text, bool required, std::size_t max_characters) {
    if (!domain::is_valid_utf8(text)) return TextProblem::encoding;
    if (required && domain::is_blank(text)) return TextProblem::missing;
    if (domain::characters(text) > max_characters) return TextProblem::too_long;
    return TextProblem::none;
}

}  // namespace latitudes::service
