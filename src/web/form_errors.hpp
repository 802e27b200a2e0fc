#pragma once
// A form's problems as WCAG 3.3.1 and the GOV.UK pattern want them: each one next to its field
// (the field marked aria-invalid and described by its message) and all of them in a summary at the
// top, each linked to its field (templates/_error_summary.mustache).
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace latitudes::web {

class FormErrors {
public:
    FormErrors() = default;
    // Problems of the whole form (a stale choice, a conflict), shown in the summary only.
    FormErrors(std::initializer_list<std::string> general) {
        for (const auto& text : general) add("", text);
    }
    // `field` is the id of the input concerned; "" for a problem of the whole form.
    void add(const std::string& field, std::string text);
    void append(const FormErrors& more) { items_.insert(items_.end(), more.items_.begin(), more.items_.end()); }
    bool empty() const { return items_.empty(); }
    std::vector<std::string> texts() const;
    // {"has": bool, "summary": [{"field", "text"}], "field": {id: text, ...}}: what the templates read
    // as form_errors.summary and form_errors.field.<id>.
    nlohmann::json view() const;

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace latitudes::web
