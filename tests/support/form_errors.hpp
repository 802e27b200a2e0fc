#pragma once
// What a refused form must show of one field (web/form_errors.hpp, the GOV.UK pattern): the
// summary at the top links to the field, the field is marked aria-invalid and described by its
// message, and the message sits in a <small class="field-error"> of its own id.
#include <gtest/gtest.h>

#include <string>

namespace latitudes::test {

// The opening tag of the element whose id is `id` ("" when there is none).
inline std::string tag_with_id(const std::string& body, const std::string& id) {
    const auto at = body.find(" id=\"" + id + "\"");
    if (at == std::string::npos) return "";
    const auto start = body.rfind('<', at);
    return body.substr(start, body.find('>', at) - start + 1);
}

inline ::testing::AssertionResult shows_field_error(const std::string& body, const std::string& id) {
    if (body.find("data-testid=\"error-summary\"") == std::string::npos)
        return ::testing::AssertionFailure() << "no error summary";
    if (body.find("<a href=\"#" + id + "\">") == std::string::npos)
        return ::testing::AssertionFailure() << "the summary does not link to #" << id;
    const auto tag = tag_with_id(body, id);
    if (tag.empty()) return ::testing::AssertionFailure() << "no element with id " << id;
    if (tag.find("aria-invalid=\"true\"") == std::string::npos)
        return ::testing::AssertionFailure() << id << " is not aria-invalid: " << tag;
    const auto described = tag.find("aria-describedby=\"");
    if (described == std::string::npos ||
        (" " + tag.substr(described + 18, tag.find('"', described + 18) - described - 18) + " ").find(" " + id + "-error ") ==
            std::string::npos)
        return ::testing::AssertionFailure() << id << " is not described by " << id << "-error: " << tag;
    const std::string open = "<small class=\"field-error\" id=\"" + id + "-error\">";
    const auto message = body.find(open);
    if (message == std::string::npos) return ::testing::AssertionFailure() << "no message " << id << "-error";
    if (body.compare(message + open.size(), 8, "</small>") == 0)
        return ::testing::AssertionFailure() << "the message of " << id << " is empty";
    return ::testing::AssertionSuccess();
}

}  // namespace latitudes::test
