#pragma once
// Files embedded into the binary at build time (see cmake/Embed.cmake):
// migrations/, templates/, i18n/ and seed/ are found under their folder name.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::resources {

struct Resource {
    std::string_view name;  // e.g. "migrations/0001_initial_schema.sql"
    std::string_view content;
};

// Each generated file registers its group through a static instance of this.
struct ResourceRegistration {
    ResourceRegistration(std::initializer_list<Resource> resources);
};

// All embedded resources whose name starts with `prefix`, sorted by name.
std::vector<Resource> resources_under(std::string_view prefix);
// One resource; throws std::out_of_range when absent.
std::string_view resource(std::string_view name);

}  // namespace latitudes::resources
