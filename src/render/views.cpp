#include "render/views.hpp"

#include "domain/text.hpp"
#include "resources/resources.hpp"

#include <kainjow/mustache.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace latitudes::render {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

// kainjow's set() and push_back() copy their argument, so building a tree with them copies every
// subtree once per level (that copying was most of a catalogue page's time). Its data has move
// operations, so each child is moved into place instead: the slot is created cheaply, then
// reached through the const accessors (the objects themselves are not const) and move-assigned.
data to_mustache(const nlohmann::json& value);

void move_into_object(data& object, const std::string& key, data&& child) {
    object.set(key, data(data::type::bool_false));
    *const_cast<data*>(object.get(key)) = std::move(child);
}

void move_into_list(data& list, data&& child) {
    const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(child));
}

data to_mustache(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            data d{data::type::object};
            for (auto it = value.begin(); it != value.end(); ++it) move_into_object(d, it.key(), to_mustache(it.value()));
            return d;
        }
        case nlohmann::json::value_t::array: {
            data d{data::type::list};
            for (const auto& item : value) move_into_list(d, to_mustache(item));
            return d;
        }
        // An empty string is false in a section, as in mustache.js: kainjow takes every string as
        // true, so "{{#website}}<a href=…>{{/website}}" printed a link to "" and "{{#saved_at}}"
        // a label with no date. As a variable, false renders as nothing, like "".
        case nlohmann::json::value_t::string:
            if (value.get_ref<const std::string&>().empty()) return data(data::type::bool_false);
            return data(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::boolean: return data(value.get<bool>() ? data::type::bool_true : data::type::bool_false);
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return data(std::to_string(value.get<long long>()));
        case nlohmann::json::value_t::number_float: {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.1f", value.get<double>());
            return data(std::string(buffer));
        }
        default: return data(data::type::bool_false);  // null reads as false in sections
    }
}

std::atomic<unsigned long> next_views_id{1};

}  // namespace

std::string Views::translate(std::string_view source, const domain::Catalogue& catalogue, domain::Lang lang,
                             std::string_view template_name) {
    std::string out;
    out.reserve(source.size());
    std::size_t pos = 0;
    while (true) {
        const auto open = source.find("[[", pos);
        if (open == std::string_view::npos) break;
        const auto close = source.find("]]", open + 2);
        if (close == std::string_view::npos)
            throw std::runtime_error("template " + std::string(template_name) + ": unclosed [[ marker");
        out.append(source.substr(pos, open - pos));
        const auto key = source.substr(open + 2, close - open - 2);
        if (!catalogue.has(lang, key))
            throw std::runtime_error("template " + std::string(template_name) + ": unknown message key '" + std::string(key) +
                                     "' in catalogue " + std::string(domain::to_string(lang)));
        out += domain::html_escape(catalogue.get(lang, key));
        pos = close + 2;
    }
    out.append(source.substr(pos));
    return out;
}

std::string Views::fingerprint_assets(std::string source, const std::map<std::string, std::string>& asset_urls) {
    if (asset_urls.empty()) return source;
    for (auto open = source.find("\"/static/"); open != std::string::npos; open = source.find("\"/static/", open + 1)) {
        const auto close = source.find('"', open + 1);
        if (close == std::string::npos) break;
        const auto found = asset_urls.find(source.substr(open + 1, close - open - 1));
        if (found != asset_urls.end()) source.replace(open + 1, close - open - 1, found->second);
    }
    return source;
}

Views::Views(const domain::Catalogue& catalogue, const std::map<std::string, std::string>& asset_urls)
    : catalogue_(catalogue), id_(next_views_id++) {
    const std::string_view prefix = "templates/";
    for (const auto& r : resources::resources_under(prefix)) {
        std::string name(r.name.substr(prefix.size()));
        if (name.size() > 9 && name.substr(name.size() - 9) == ".mustache") name.resize(name.size() - 9);
        for (auto lang : domain::all_langs)
            sources_[static_cast<std::size_t>(lang)].emplace(name, fingerprint_assets(translate(r.content, catalogue, lang, name),
                                                                                      asset_urls));
    }
    // Partials (_x.mustache, used as {{> x}}) are pasted in at load time: kainjow would parse a
    // partial again at every use, i.e. for every card of every page.
    for (auto& sources : sources_) {
        for (auto& [name, source] : sources) {
            for (int depth = 0; source.find("{{>") != std::string::npos; ++depth) {
                // Each paste counts (a form may use one partial per field): a cycle stops here.
                if (depth == 100) throw std::runtime_error("template " + name + ": partials nested too deep");
                const auto open = source.find("{{>");
                const auto close = source.find("}}", open);
                if (close == std::string::npos) throw std::runtime_error("template " + name + ": unclosed {{>");
                std::string partial = source.substr(open + 3, close - open - 3);
                partial.erase(0, partial.find_first_not_of(' '));
                partial.erase(partial.find_last_not_of(' ') + 1);
                auto found = sources.find("_" + partial);
                if (found == sources.end()) throw std::runtime_error("template " + name + ": no partial named " + partial);
                source.replace(open, close + 2 - open, found->second);
            }
        }
        for (const auto& [name, source] : sources) {
            mustache check(source);
            if (!check.is_valid()) throw std::runtime_error("template " + name + ": " + check.error_message());
        }
    }
}

bool Views::has(std::string_view name) const { return sources_[0].find(name) != sources_[0].end(); }

std::string Views::render(domain::Lang lang, std::string_view name, const nlohmann::json& values) const {
    // kainjow templates are not safe to share between threads while rendering: each worker
    // thread compiles its own copy once and keeps it.
    thread_local std::unordered_map<std::string, std::unique_ptr<mustache>> compiled;
    std::string key = std::to_string(id_) + '/' + std::string(domain::to_string(lang)) + '/' + std::string(name);
    auto it = compiled.find(key);
    if (it == compiled.end()) {
        const auto& sources = sources_[static_cast<std::size_t>(lang)];
        auto source = sources.find(name);
        if (source == sources.end()) throw std::runtime_error("no template named " + std::string(name));
        it = compiled.emplace(std::move(key), std::make_unique<mustache>(source->second)).first;
    }
    std::string html = it->second->render(to_mustache(values));
    if (!it->second->error_message().empty())
        throw std::runtime_error("template " + std::string(name) + ": " + it->second->error_message());
    return html;
}

domain::Catalogue load_catalogue() {
    domain::Catalogue catalogue;
    for (auto lang : domain::all_langs)
        catalogue.load(lang, resources::resource("i18n/" + std::string(domain::to_string(lang)) + ".json"));
    if (auto missing = catalogue.missing_keys(); !missing.empty())
        throw std::runtime_error("message catalogues are incomplete, missing " + missing.front());
    return catalogue;
}

}  // namespace latitudes::render
