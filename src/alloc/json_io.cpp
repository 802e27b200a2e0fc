#include "alloc/json_io.hpp"
#include "alloc/json_reader.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

#include <nlohmann/json.hpp>

namespace latitudes::alloc {

using nlohmann::json;

namespace {

void append_escaped(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}
void append_int(std::string& out, long long v) {
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, p);
}

}  // namespace

json campaign_to_json(const Campaign& c) {
    auto skills = [](const std::vector<SkillLevel>& v) {
        json o = json::object();
        for (const auto& s : v) o[s.skill] = s.level;
        return o;
    };
    json j;
    j["students"] = json::array();
    for (const auto& s : c.students) {
        json o{{"id", s.id}, {"choices", s.choices}};
        if (!s.skills.empty()) o["skills"] = skills(s.skills);
        j["students"].push_back(std::move(o));
    }
    j["projects"] = json::array();
    for (const auto& p : c.projects) {
        json o{{"id", p.id}, {"capacity", p.capacity}};
        if (p.min_size) o["min_size"] = p.min_size;
        if (p.supervisor) o["supervisor"] = *p.supervisor;
        if (p.ranking) o["ranking"] = *p.ranking;
        if (!p.required_skills.empty()) o["required_skills"] = skills(p.required_skills);
        j["projects"].push_back(std::move(o));
    }
    j["supervisors"] = json::array();
    for (const auto& l : c.supervisors) {
        json o{{"id", l.id}};
        if (l.capacity) o["capacity"] = *l.capacity;
        if (!l.ranking.empty()) o["ranking"] = l.ranking;
        j["supervisors"].push_back(std::move(o));
    }
    j["options"] = json{{"respect_min_size", c.options.respect_min_size}};
    if (c.options.seed) j["options"]["seed"] = *c.options.seed;
    return j;
}

namespace {
nlohmann::ordered_json explanation_ordered(const Explanation& x) {
    nlohmann::ordered_json j;
    j["student"] = x.student;
    j["project"] = x.project ? nlohmann::ordered_json(*x.project) : nlohmann::ordered_json(nullptr);
    j["rank"] = x.rank;
    j["better_choices"] = nlohmann::ordered_json::array();
    for (const auto& c : x.better_choices)
        j["better_choices"].push_back(
            {{"project", c.project}, {"rank", c.rank}, {"reason", to_string(c.reason)}, {"message", c.message}});
    return j;
}
}  // namespace

json explanation_to_json(const Explanation& x) { return json::parse(explanation_ordered(x).dump()); }

std::string result_to_json_text(const Result& r, const Explanation* x) {
    std::string out;
    out.reserve(64 + r.assignments.size() * 48);
    out += "{\"algorithm\": ";
    append_escaped(out, to_string(r.algorithm));
    out += ",\n \"seed\": ";
    out += std::to_string(r.seed);
    out += ",\n \"assignments\": [";
    for (std::size_t i = 0; i < r.assignments.size(); ++i) {
        const auto& a = r.assignments[i];
        out += i ? ",\n  {\"student\": " : "\n  {\"student\": ";
        append_escaped(out, a.student);
        out += ", \"project\": ";
        append_escaped(out, a.project);
        out += ", \"rank\": ";
        append_int(out, a.rank);
        out += '}';
    }
    out += "],\n \"unassigned\": [";
    for (std::size_t i = 0; i < r.unassigned.size(); ++i) {
        if (i) out += ", ";
        append_escaped(out, r.unassigned[i]);
    }
    out += "],\n \"closed_projects\": [";
    for (std::size_t i = 0; i < r.closed_projects.size(); ++i) {
        if (i) out += ", ";
        append_escaped(out, r.closed_projects[i]);
    }
    out += "],\n \"stats\": ";
    nlohmann::ordered_json st{{"students", r.stats.students},
                              {"assigned", r.stats.assigned},
                              {"rank_histogram", r.stats.rank_histogram},
                              {"mean_rank", r.stats.mean_rank},
                              {"blocking_pairs", r.stats.blocking_pairs},
                              {"undersized_teams", r.stats.undersized_teams},
                              {"teams_missing_skills", r.stats.teams_missing_skills},
                              {"elapsed_ms", r.stats.elapsed_ms}};
    out += st.dump();
    if (x) {
        out += ",\n \"explanation\": ";
        out += explanation_ordered(*x).dump(2);
    }
    out += "}\n";
    return out;
}

json result_to_json(const Result& r) { return json::parse(result_to_json_text(r)); }

Result result_from_json(const json& j) {
    Result r;
    const std::string alg = j.at("algorithm").get<std::string>();
    const auto a = parse_algorithm(alg);
    if (!a) throw InputError("algorithm", "unknown algorithm \"" + alg + "\"");
    r.algorithm = *a;
    r.seed = j.at("seed").get<std::uint64_t>();
    for (const auto& x : j.at("assignments"))
        r.assignments.push_back({x.at("student").get<std::string>(), x.at("project").get<std::string>(),
                                 x.at("rank").get<int>()});
    r.unassigned = j.at("unassigned").get<std::vector<std::string>>();
    r.closed_projects = j.at("closed_projects").get<std::vector<std::string>>();
    const json& st = j.at("stats");
    r.stats.students = st.at("students").get<int>();
    r.stats.assigned = st.at("assigned").get<int>();
    r.stats.rank_histogram = st.at("rank_histogram").get<std::vector<int>>();
    r.stats.mean_rank = st.at("mean_rank").get<double>();
    r.stats.blocking_pairs = st.at("blocking_pairs").get<int>();
    r.stats.undersized_teams = st.at("undersized_teams").get<int>();
    r.stats.teams_missing_skills = st.at("teams_missing_skills").get<int>();
    r.stats.elapsed_ms = st.at("elapsed_ms").get<double>();
    return r;
}

}  // namespace latitudes::alloc
