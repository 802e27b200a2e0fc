// Writes a generated campaign as JSON: gen_campaign STUDENTS PROJECTS CHOICES SEED > file.json
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <nlohmann/json.hpp>

#include "alloc/json_io.hpp"
#include "generator.hpp"

int main(int argc, char** argv) {
    latitudes::bench::GenParams g;
    if (argc > 1) g.students = std::atoi(argv[1]);
    if (argc > 2) g.projects = std::atoi(argv[2]);
    if (argc > 3) g.choices = std::atoi(argv[3]);
    if (argc > 4) g.seed = std::strtoull(argv[4], nullptr, 10);
    const auto c = latitudes::bench::generate_campaign(g);
    std::cout << latitudes::alloc::campaign_to_json(c).dump() << "\n";
    return 0;
}
