#include "store/seed.hpp"

#include "domain/project.hpp"
#include "domain/text.hpp"
#include "store/applications.hpp"
#include "store/milestones.hpp"
#include "store/query.hpp"
#include "store/search_words.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <random>

namespace latitudes::store {

namespace {

using nlohmann::json;

struct ProjectRow {
    std::string slug, title, summary, problem, description;
    long long beneficiary_id = 0;
    std::string level, format, status;
    int team_min = 1, team_max = 1;
    std::string starts_on, ends_on, published_at;
    long long semester_id = 0;  // 0 = none
    bool featured = false;
};

// Inserts rows one by one with bound values; keeps the ids needed to link them.
class Writer {
public:
    explicit Writer(soci::session& s) : s_(s) {}

    long long insert_returning_id(Query q) {
        q.append(" RETURNING id");
        return q.scalar(s_);
    }

    long long organisation(const std::string& slug, const std::string& name, const std::string& kind, const std::string& city,
                           const std::string& website, const std::string& description, bool partner, bool verified) {
        Query q("INSERT INTO organisations (slug, name, kind, city, website, description, is_partner, verified) "
                "VALUES (:slug, :name, :kind, :city, :website, :description, :partner, :verified)");
        q.bind("slug", slug).bind("name", name).bind("kind", kind).bind("city", city).bind("website", website);
        q.bind("description", description).bind("partner", partner ? 1LL : 0LL).bind("verified", verified ? 1LL : 0LL);
        return insert_returning_id(std::move(q));
    }

    long long semester(const std::string& code, const std::string& fr, const std::string& en, const std::string& starts,
                       const std::string& ends) {
        Query q("INSERT INTO semesters (code, label_fr, label_en, starts_on, ends_on) "
                "VALUES (:code, :fr, :en, :starts, :ends)");
        q.bind("code", code).bind("fr", fr).bind("en", en).bind("starts", starts).bind("ends", ends);
        return insert_returning_id(std::move(q));
    }

    long long project(const ProjectRow& p) {
        Query q("INSERT INTO projects (slug, title, summary, problem, description, beneficiary_id, level, format, "
                "status, team_min, team_max, starts_on, ends_on, semester_id, featured, published_at) "
                "VALUES (:slug, :title, :summary, :problem, :description, :beneficiary, :level, :format, :status, "
                ":tmin, :tmax, NULLIF(:starts, ''), NULLIF(:ends, ''), NULLIF(:semester, 0), :featured, "
                "NULLIF(:published, ''))");
        q.bind("slug", p.slug).bind("title", p.title).bind("summary", p.summary).bind("problem", p.problem);
        q.bind("description", p.description).bind("beneficiary", p.beneficiary_id).bind("level", p.level);
        q.bind("format", p.format).bind("status", p.status).bind("tmin", static_cast<long long>(p.team_min));
        q.bind("tmax", static_cast<long long>(p.team_max)).bind("starts", p.starts_on).bind("ends", p.ends_on);
        q.bind("semester", p.semester_id).bind("featured", p.featured ? 1LL : 0LL);
        q.bind("published", p.published_at);
        return insert_returning_id(std::move(q));
    }

    void project_sdg(long long project, long long sdg) {
        Query("INSERT INTO project_sdgs (project_id, sdg_id) VALUES (:p, :s)").bind("p", project).bind("s", sdg).execute(s_);
    }

    void project_skill(long long project, long long skill, long long level) {
        Query("INSERT INTO project_skills (project_id, skill_id, level) VALUES (:p, :k, :l)")
            .bind("p", project)
            .bind("k", skill)
            .bind("l", level)
            .execute(s_);
    }

    long long team(long long project, long long school, long long semester) {
        // Formed when its semester began, as migration 0015 dates the teams it finds.
        Query q("INSERT INTO teams (project_id, school_id, semester_id, formed_at) SELECT :p, :s, id, starts_on || 'T00:00:00Z' "
                "FROM semesters WHERE id = :se");
        q.bind("p", project).bind("s", school).bind("se", semester);
        return insert_returning_id(std::move(q));
    }

    long long student(const std::string& name, long long school) {
        Query q("INSERT INTO people (display_name, kind, school_id) VALUES (:n, 'student', :s)");
        q.bind("n", name).bind("s", school);
        return insert_returning_id(std::move(q));
    }

    void member(long long team, long long person) {
        Query("INSERT INTO team_members (team_id, person_id) VALUES (:t, :p)").bind("t", team).bind("p", person).execute(s_);
    }

    std::map<std::string, long long> skill_ids() {
        std::map<std::string, long long> ids;
        Query("SELECT slug, id FROM skills").for_each(s_, [&](const soci::row& r) { ids[column_text(r, 0)] = column_int(r, 1); });
        return ids;
    }

    bool has_projects() { return Query("SELECT COUNT(*) FROM projects").scalar(s_) > 0; }

private:
    soci::session& s_;
};

[[noreturn]] void invalid(const std::string& where, const std::string& what) {
    throw DatabaseError("invalid demo data at " + where + ": " + what);
}

std::string text_field(const json& item, const char* key, const std::string& where, bool required = true) {
    if (!item.contains(key) || item[key].is_null()) {
        if (required) invalid(where, std::string("missing \"") + key + "\"");
        return {};
    }
    if (!item[key].is_string()) invalid(where, std::string("\"") + key + "\" must be a string");
    return item[key].get<std::string>();
}

int int_field(const json& item, const char* key, const std::string& where) {
    if (!item.contains(key) || !item[key].is_number_integer()) invalid(where, std::string("\"") + key + "\" must be an integer");
    return item[key].get<int>();
}

void check_project(const ProjectRow& p, const std::string& where) {
    auto format = domain::parse_format(p.format);
    auto level = domain::parse_level(p.level);
    if (!format) invalid(where, "unknown format '" + p.format + "'");
    if (!level) invalid(where, "unknown level '" + p.level + "'");
    if (!domain::parse_status(p.status)) invalid(where, "unknown status '" + p.status + "'");
    if (domain::level_of(*format) != *level)
        invalid(where,
                "format '" + p.format + "' belongs to level '" + std::string(domain::to_string(domain::level_of(*format))) + "'");
    if (!domain::is_valid_team_size(p.team_min, p.team_max)) invalid(where, "team_min must be between 1 and team_max");
}

// An opportunity's details (every format but semester projects), checked by the same rules as
// the framing sheet.
void seed_opportunity(soci::session& s, long long project, domain::Format format, const json& o, const std::string& where) {
    if (!o.is_object()) invalid(where, "\"opportunity\" must be an object");
    if (!domain::detail_fields(format).applications) invalid(where, "semester projects have no opportunity details");
    auto text = [&](const char* key) -> std::string {
        if (!o.contains(key) || o[key].is_null()) return {};
        if (o[key].is_string()) return o[key].get<std::string>();
        if (o[key].is_number_integer()) return std::to_string(o[key].get<long long>());
        if (o[key].is_boolean()) return o[key].get<bool>() ? "1" : "";
        invalid(where, std::string("opportunity \"") + key + "\" must be a string, an integer or a boolean");
    };
    const domain::DetailsInput input{text("place"),    text("remote"),    text("hours_per_week"), text("compensation"),
                                     text("partner"),  text("frequency"), text("sessions"),       text("seeking"),
                                     text("capacity"), text("deadline")};
    const auto checked = domain::check_details(format, input);
    if (!checked.ok())
        invalid(where, "invalid opportunity detail '" + std::string(domain::to_string(checked.problems.front())) + "'");
    ApplicationRepository(s).save_details(project, checked.details);
}

// An application by a person without an account (demo data: answered ones only matter here).
void seed_application(soci::session& s, long long project, const json& a, const std::string& where) {
    const std::string kind = text_field(a, "kind", where);
    if (kind != "student" && kind != "professional" && kind != "researcher")
        invalid(where, "applicants are students, professionals or researchers");
    const std::string status = text_field(a, "status", where);
    if (!domain::parse_application_status(status)) invalid(where, "unknown application status '" + status + "'");
    const long long person = Query("INSERT INTO people (display_name, kind) VALUES (:name, :kind) RETURNING id")
                                 .bind("name", text_field(a, "name", where))
                                 .bind("kind", kind)
                                 .scalar(s);
    const std::string at = iso_utc(Clock::now());
    Query("INSERT INTO applications (project_id, person_id, message, shared, status, owner_message, created_at, updated_at) "
          "VALUES (:project, :person, :message, '{}', :status, :owner, :at, :at)")
        .bind("project", project)
        .bind("person", person)
        .bind("message", text_field(a, "message", where))
        .bind("status", status)
        .bind("owner", text_field(a, "owner_message", where, false))
        .bind("at", at)
        .execute(s);
}

}  // namespace

SeedReport seed_demo(Database& database, std::string_view demo_json) {
    json doc;
    try {
        doc = json::parse(demo_json);
    } catch (const json::exception& e) {
        throw DatabaseError(std::string("demo data is not valid JSON: ") + e.what());
    }
    SeedReport report;
    Lease db(database);
    Writer w(*db);
    store::WriteTransaction tx(*db);
    if (w.has_projects()) {
        report.skipped = true;
        return report;
    }
    try {
        std::map<std::string, long long> semesters, orgs, org_kinds_school;
        for (const auto& s : doc.at("semesters")) {
            const std::string where = "semesters/" + s.value("code", std::string("?"));
            semesters[text_field(s, "code", where)] = w.semester(text_field(s, "code", where), text_field(s, "label_fr", where),
                                                                 text_field(s, "label_en", where),
                                                                 text_field(s, "starts_on", where),
                                                                 text_field(s, "ends_on", where));
        }
        for (const auto& o : doc.at("organisations")) {
            const std::string slug = text_field(o, "slug", "organisations");
            const std::string where = "organisations/" + slug;
            orgs[slug] = w.organisation(slug, text_field(o, "name", where), text_field(o, "kind", where),
                                        text_field(o, "city", where, false), text_field(o, "website", where, false),
                                        text_field(o, "description", where, false), o.value("is_partner", false),
                                        o.value("verified", true));
            ++report.organisations;
        }
        const auto& first_names = doc.at("first_names");
        const auto& last_names = doc.at("last_names");
        if (first_names.empty() || last_names.empty()) invalid("first_names/last_names", "must not be empty");
        const auto skills = w.skill_ids();
        std::size_t name_index = 0;
        for (const auto& p : doc.at("projects")) {
            ProjectRow row;
            row.slug = text_field(p, "slug", "projects");
            const std::string where = "projects/" + row.slug;
            row.title = text_field(p, "title", where);
            row.summary = text_field(p, "summary", where);
            row.problem = text_field(p, "problem", where, false);
            row.description = text_field(p, "description", where, false);
            const std::string beneficiary = text_field(p, "beneficiary", where);
            if (!orgs.count(beneficiary)) invalid(where, "unknown beneficiary '" + beneficiary + "'");
            row.beneficiary_id = orgs[beneficiary];
            row.level = text_field(p, "level", where);
            row.format = text_field(p, "format", where);
            row.status = text_field(p, "status", where);
            row.team_min = int_field(p, "team_min", where);
            row.team_max = int_field(p, "team_max", where);
            row.starts_on = text_field(p, "starts_on", where, false);
            row.ends_on = text_field(p, "ends_on", where, false);
            row.published_at = text_field(p, "published_at", where, false);
            row.featured = p.value("featured", false);
            const std::string semester = text_field(p, "semester", where, false);
            if (!semester.empty()) {
                if (!semesters.count(semester)) invalid(where, "unknown semester '" + semester + "'");
                row.semester_id = semesters[semester];
            }
            check_project(row, where);
            const long long id = w.project(row);
            ++report.projects;
            for (const auto& sdg : p.value("sdgs", json::array())) {
                if (!sdg.is_number_integer() || !domain::is_valid_sdg(sdg.get<int>()))
                    invalid(where, "SDGs are numbered 1 to 17");
                w.project_sdg(id, sdg.get<int>());
            }
            for (const auto& skill : p.value("skills", json::array())) {
                const std::string slug = text_field(skill, "slug", where + "/skills");
                if (!skills.count(slug)) invalid(where, "unknown skill '" + slug + "'");
                w.project_skill(id, skills.at(slug), skill.value("level", 1));
            }
            if (p.contains("opportunity")) seed_opportunity(*db, id, *domain::parse_format(row.format), p["opportunity"], where);
            for (const auto& application : p.value("applications", json::array()))
                seed_application(*db, id, application, where + "/applications");
            for (const auto& team : p.value("teams", json::array())) {
                const std::string school = text_field(team, "school", where + "/teams");
                const std::string team_semester = text_field(team, "semester", where + "/teams");
                if (!orgs.count(school)) invalid(where, "unknown school '" + school + "'");
                if (!semesters.count(team_semester)) invalid(where, "unknown semester '" + team_semester + "'");
                const long long team_id = w.team(id, orgs[school], semesters[team_semester]);
                ++report.teams;
                const int students = int_field(team, "students", where + "/teams");
                for (int i = 0; i < students; ++i, ++name_index) {
                    const std::string name =
                        first_names[name_index % first_names.size()].get<std::string>() + " " +
                        last_names[(name_index * 7 + name_index / last_names.size()) % last_names.size()].get<std::string>();
                    w.member(team_id, w.student(name, orgs[school]));
                    ++report.people;
                }
            }
        }
    } catch (const json::exception& e) {
        throw DatabaseError(std::string("invalid demo data: ") + e.what());
    }
    refresh_all_search_words(*db);
    // The seed's teams get their milestones as teams formed before migration 18 did.
    form_milestones_of_existing_teams(*db);
    tx.commit();
    return report;
}

SeedReport seed_synthetic(Database& database, int projects, unsigned seed) {
    if (projects < 0) throw DatabaseError("the number of synthetic projects must not be negative");
    SeedReport report;
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    static const char* words[] = {"éducation",    "santé",      "logement",  "insertion", "emploi",  "climat",   "énergie",
                                  "alimentation", "mobilité",   "inclusion", "numérique", "données", "handicap", "biodiversité",
                                  "culture",      "solidarité", "jeunesse",  "seniors",   "eau",     "déchets"};
    static const char* tools[] = {"plateforme", "application mobile", "tableau de bord", "outil d'analyse", "site web",
                                  "chatbot",    "carte interactive",  "modèle prédictif"};
    static const char* kinds[] = {"association", "social_enterprise", "public_institution", "company"};
    const int word_count = static_cast<int>(std::size(words));
    const int tool_count = static_cast<int>(std::size(tools));

    Lease db(database);
    Writer w(*db);
    store::WriteTransaction tx(*db);
    const std::string tag = std::to_string(seed) + "-" + std::to_string(Query("SELECT COUNT(*) FROM projects").scalar(*db));
    const auto skills = w.skill_ids();
    std::vector<long long> skill_ids;
    for (const auto& [_, id] : skills) skill_ids.push_back(id);

    std::vector<long long> semesters;
    for (int year = 2024; year <= 2026; ++year) {
        semesters.push_back(w.semester("syn-" + tag + "-" + std::to_string(year) + "A", "Automne " + std::to_string(year),
                                       "Autumn " + std::to_string(year), std::to_string(year) + "-09-01",
                                       std::to_string(year + 1) + "-01-31"));
    }
    const int school_count = std::max(3, projects / 100);
    const int beneficiary_count = std::max(5, projects / 5);
    std::vector<long long> schools, beneficiaries;
    std::vector<std::string> beneficiary_names;
    for (int i = 0; i < school_count; ++i) {
        schools.push_back(
            w.organisation("syn-school-" + tag + "-" + std::to_string(i), "École synthétique " + std::to_string(i + 1), "school",
                           "Ville " + std::to_string(i % 50), "", "Établissement fictif généré pour les mesures.", false, true));
    }
    for (int i = 0; i < beneficiary_count; ++i) {
        beneficiary_names.push_back("Structure synthétique " + std::to_string(i + 1));
        beneficiaries.push_back(w.organisation("syn-org-" + tag + "-" + std::to_string(i), beneficiary_names.back(), kinds[i % 4],
                                               "Ville " + std::to_string(i % 50), "",
                                               "Organisation fictive générée pour les mesures.", false, true));
    }
    report.organisations = school_count + beneficiary_count;
    static const char* statuses[] = {"published", "published", "in_progress", "delivered", "evaluated", "draft"};
    for (int i = 0; i < projects; ++i) {
        ProjectRow row;
        const auto format = domain::all_formats[static_cast<std::size_t>(i % 10 < 6 ? 0 : pick(1, 6))];
        const char* word = words[pick(0, word_count - 1)];
        const char* tool = tools[pick(0, tool_count - 1)];
        const auto b = static_cast<std::size_t>(pick(0, beneficiary_count - 1));
        row.slug = "synthetique-" + tag + "-" + std::to_string(i + 1);
        row.title = std::string(tool) + " pour l'" + (i % 2 ? "accès à la " : "action ") + word + " n°" + std::to_string(i + 1);
        row.summary = "Projet fictif : concevoir un " + std::string(tool) + " au service de " + word + ".";
        row.problem = "Les associations manquent d'outils numériques dans le domaine : " + std::string(word) + ".";
        row.beneficiary_id = beneficiaries[b];
        row.format = std::string(domain::to_string(format));
        row.level = std::string(domain::to_string(domain::level_of(format)));
        row.status = statuses[pick(0, 5)];
        row.team_min = pick(2, 3);
        row.team_max = row.team_min + pick(0, 3);
        const auto semester = semesters[static_cast<std::size_t>(pick(0, 2))];
        row.semester_id = format == domain::Format::student_project ? semester : 0;
        row.published_at = "2026-0" + std::to_string(pick(1, 9)) + "-1" + std::to_string(pick(0, 9));
        const long long id = w.project(row);
        ++report.projects;
        const int first_sdg = pick(1, 17);
        w.project_sdg(id, first_sdg);
        if (pick(0, 1)) w.project_sdg(id, first_sdg % 17 + 1);
        if (!skill_ids.empty()) {
            const auto k = static_cast<std::size_t>(pick(0, static_cast<int>(skill_ids.size()) - 1));
            w.project_skill(id, skill_ids[k], pick(1, 3));
            if (skill_ids.size() > 1) w.project_skill(id, skill_ids[(k + 1) % skill_ids.size()], pick(1, 3));
        }
        if (format == domain::Format::student_project &&
            (row.status == "in_progress" || row.status == "delivered" || row.status == "evaluated")) {
            const auto school = schools[static_cast<std::size_t>(pick(0, school_count - 1))];
            const long long team = w.team(id, school, row.semester_id);
            ++report.teams;
            const int size = pick(row.team_min, row.team_max);
            for (int s = 0; s < size; ++s) {
                w.member(team, w.student("Étudiant·e " + std::to_string(report.people + 1), school));
                ++report.people;
            }
        }
    }
    refresh_all_search_words(*db);
    tx.commit();
    return report;
}

}  // namespace latitudes::store
