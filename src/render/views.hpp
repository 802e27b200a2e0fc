#pragma once
// Server-side HTML and mail bodies from the mustache templates in templates/ (embedded in the binary).
// Every [[key]] in a template is replaced at start-up by the HTML-escaped message of one language,
// so each language has its own ready template and rendering does no lookup.
// {{value}} is HTML-escaped by mustache; {{{value}}} is only ever used for HTML we rendered.
#include "domain/i18n.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace latitudes::render {

class Views {
public:
    // Loads and checks every template for every language; throws std::runtime_error naming the
    // template and the problem (unknown message key, mustache syntax error). Each quoted address
    // of `asset_urls` in a template ("/static/css/site.css") becomes its value (the address with
    // the file's fingerprint), so that templates name files as they are and stay cacheable.
    explicit Views(const domain::Catalogue& catalogue, const std::map<std::string, std::string>& asset_urls = {});

    std::string render(domain::Lang lang, std::string_view name, const nlohmann::json& data) const;
    bool has(std::string_view name) const;
    // The messages the templates were made from (for values chosen at run time, e.g. a status).
    const domain::Catalogue& catalogue() const { return catalogue_; }

    // Replaces [[key]] markers with messages; throws on an unknown key.
    static std::string translate(std::string_view source, const domain::Catalogue& catalogue, domain::Lang lang,
                                 std::string_view template_name);
    // Replaces each "/static/…" address in quotes that `asset_urls` knows by its value.
    static std::string fingerprint_assets(std::string source, const std::map<std::string, std::string>& asset_urls);

private:
    std::array<std::map<std::string, std::string, std::less<>>, domain::all_langs.size()> sources_;
    domain::Catalogue catalogue_;
    unsigned long id_;  // distinguishes instances in the per-thread compiled cache
};

// The message catalogues embedded in the binary (i18n/*.json), checked complete.
domain::Catalogue load_catalogue();

}  // namespace latitudes::render
