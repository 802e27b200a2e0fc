#include "resources/resources.hpp"

#include <algorithm>
#include <stdexcept>

namespace latitudes::resources {

namespace {
std::vector<Resource>& registry() {
    static std::vector<Resource> all;  // filled during static initialisation, read-only after
    return all;
}
}  // namespace

ResourceRegistration::ResourceRegistration(std::initializer_list<Resource> resources) {
    auto& all = registry();
    all.insert(all.end(), resources.begin(), resources.end());
    std::sort(all.begin(), all.end(), [](const Resource& a, const Resource& b) { return a.name < b.name; });
}

std::vector<Resource> resources_under(std::string_view prefix) {
    std::vector<Resource> found;
    for (const auto& r : registry())
        if (r.name.substr(0, prefix.size()) == prefix) found.push_back(r);
    return found;
}

std::string_view resource(std::string_view name) {
    for (const auto& r : registry())
        if (r.name == name) return r.content;
    throw std::out_of_range("no embedded resource named " + std::string(name));
}

}  // namespace latitudes::resources
