#include "alloc/json_io.hpp"

#include <charconv>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace latitudes::alloc {

using nlohmann::json;

namespace {

std::string idx(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

const char* type_name(const json& j) { return j.type_name(); }

const json& field(const json& obj, const char* name, const std::string& where) {
  auto it = obj.find(name);
  if (it == obj.end()) throw InputError(where, std::string("missing required field \"") + name + "\"");
  return *it;
}
const json* optional_field(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}
void expect_object(const json& j, const std::string& where) {
  if (!j.is_object()) throw InputError(where, std::string("expected an object, got ") + type_name(j));
}
void expect_array(const json& j, const std::string& where) {
  if (!j.is_array()) throw InputError(where, std::string("expected an array, got ") + type_name(j));
}
std::string get_string(const json& j, const std::string& where) {
  if (!j.is_string()) throw InputError(where, std::string("expected a string, got ") + type_name(j));
  return j.get<std::string>();
}
int get_int(const json& j, const std::string& where) {
  if (!j.is_number_integer())
    throw InputError(where, std::string("expected an integer, got ") + (j.is_number() ? "a fraction" : type_name(j)));
  const auto v = j.get<long long>();
  if (v < -1000000000LL || v > 1000000000LL) throw InputError(where, "integer out of range: " + std::to_string(v));
  return static_cast<int>(v);
}
std::vector<std::string> get_string_list(const json& j, const std::string& where) {
  expect_array(j, where);
  std::vector<std::string> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(get_string(j[i], idx(where, i)));
  return out;
}
std::vector<SkillLevel> get_skills(const json& j, const std::string& where) {
  expect_object(j, where);
  std::vector<SkillLevel> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.push_back({it.key(), get_int(it.value(), where + "." + it.key())});
  return out;
}

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

Campaign campaign_from_json(const json& j) {
  expect_object(j, "(top level)");
  Campaign c;
  const json& students = field(j, "students", "(top level)");
  expect_array(students, "students");
  c.students.reserve(students.size());
  for (std::size_t i = 0; i < students.size(); ++i) {
    const json& sj = students[i];
    const std::string w = idx("students", i);
    expect_object(sj, w);
    StudentInput s;
    s.id = get_string(field(sj, "id", w), w + ".id");
    if (const json* ch = optional_field(sj, "choices")) s.choices = get_string_list(*ch, w + ".choices");
    if (const json* sk = optional_field(sj, "skills")) s.skills = get_skills(*sk, w + ".skills");
    c.students.push_back(std::move(s));
  }
  const json& projects = field(j, "projects", "(top level)");
  expect_array(projects, "projects");
  c.projects.reserve(projects.size());
  for (std::size_t i = 0; i < projects.size(); ++i) {
    const json& pj = projects[i];
    const std::string w = idx("projects", i);
    expect_object(pj, w);
    ProjectInput p;
    p.id = get_string(field(pj, "id", w), w + ".id");
    p.capacity = get_int(field(pj, "capacity", w + " (project \"" + p.id + "\")"), w + ".capacity");
    if (const json* v = optional_field(pj, "min_size")) p.min_size = get_int(*v, w + ".min_size");
    if (const json* v = optional_field(pj, "supervisor")) p.supervisor = get_string(*v, w + ".supervisor");
    if (const json* v = optional_field(pj, "ranking")) p.ranking = get_string_list(*v, w + ".ranking");
    if (const json* v = optional_field(pj, "required_skills")) p.required_skills = get_skills(*v, w + ".required_skills");
    c.projects.push_back(std::move(p));
  }
  if (const json* sups = optional_field(j, "supervisors")) {
    expect_array(*sups, "supervisors");
    for (std::size_t i = 0; i < sups->size(); ++i) {
      const json& lj = (*sups)[i];
      const std::string w = idx("supervisors", i);
      expect_object(lj, w);
      SupervisorInput l;
      l.id = get_string(field(lj, "id", w), w + ".id");
      if (const json* v = optional_field(lj, "capacity")) l.capacity = get_int(*v, w + ".capacity");
      if (const json* v = optional_field(lj, "ranking")) l.ranking = get_string_list(*v, w + ".ranking");
      c.supervisors.push_back(std::move(l));
    }
  }
  if (const json* opt = optional_field(j, "options")) {
    expect_object(*opt, "options");
    if (const json* v = optional_field(*opt, "seed")) {
      if (!v->is_number_unsigned()) throw InputError("options.seed", "expected a non-negative integer");
      c.options.seed = v->get<std::uint64_t>();
    }
    if (const json* v = optional_field(*opt, "respect_min_size")) {
      if (!v->is_boolean()) throw InputError("options.respect_min_size", std::string("expected true or false, got ") + type_name(*v));
      c.options.respect_min_size = v->get<bool>();
    }
  }
  return c;
}

Campaign parse_campaign(std::string_view text) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string msg = e.what();
    const auto pos = msg.find("] ");
    if (pos != std::string::npos) msg = msg.substr(pos + 2);
    throw InputError("", "invalid JSON: " + msg);
  }
  return campaign_from_json(j);
}

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

json explanation_to_json(const Explanation& x) {
  json j{{"student", x.student}, {"rank", x.rank}};
  j["project"] = x.project ? json(*x.project) : json(nullptr);
  j["better_choices"] = json::array();
  for (const auto& c : x.better_choices)
    j["better_choices"].push_back(
        {{"project", c.project}, {"rank", c.rank}, {"reason", to_string(c.reason)}, {"message", c.message}});
  return j;
}

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
  json st{{"students", r.stats.students},
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
    out += explanation_to_json(*x).dump(2);
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
    r.assignments.push_back({x.at("student").get<std::string>(), x.at("project").get<std::string>(), x.at("rank").get<int>()});
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
