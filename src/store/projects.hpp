#pragma once
// Everything the public site reads about projects, organisations and figures.
#include "domain/project.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

// The catalogue's orders. `newest` ("Nouveautés", the default): by publication date, newest first.
// `closing` ("Bientôt clos"): open opportunities by the date they close, soonest first — the
// application deadline, or without one the start date, or else the end date, counting only dates
// from today on, and only for published projects (the others have started or ended); projects
// without such a date come after, newest first.
enum class ProjectSort { newest, closing };
std::string_view to_string(ProjectSort sort);

struct ProjectFilter {
    std::string q;           // full-text query, any language, any accents
    std::optional<int> sdg;  // 1..17
    std::string skill;       // skill slug
    std::optional<domain::Level> level;
    std::optional<domain::Format> format;
    std::optional<domain::Status> status;  // must be a public status; none = all public ones
    ProjectSort sort = ProjectSort::newest;
    // Keyset cursor: the id and sort key of the last project already seen. Without the key (a
    // cursor written before sorts existed), the key is read from that project.
    std::optional<long long> after;
    std::optional<std::string> after_key;
    bool delivered_only = false;  // the showcase: delivered and evaluated projects
    std::string published_after;  // digests: published strictly after this instant
    std::string today;            // YYYY-MM-DD for the closing sort; "" = today (UTC)
    int limit = 20;
};

// The format-specific facts a card shows (opportunity_details, migration 0007).
struct CardDetails {
    std::string place, partner, frequency, seeking, deadline;
    bool remote = false;
    int hours_per_week = 0, compensation = 0, sessions = 0, capacity = 1;
    int accepted = 0;  // applications accepted: the places taken
};

struct ProjectTeam {
    std::string school_name, school_slug, semester_code, semester_label_fr, semester_label_en;
    int students = 0;
};

struct ProjectCard {
    long long id = 0;
    std::string slug, title, summary;
    std::string beneficiary_name, beneficiary_slug;
    std::string level, format, status;
    int team_min = 1, team_max = 1;
    std::string starts_on, ends_on, published_at;
    std::vector<int> sdgs;
    std::optional<CardDetails> details;  // none when the project has no opportunity_details row
    std::string semester_label_fr, semester_label_en;
    std::string sort_key;            // the key of the page's sort (for the next cursor)
    std::vector<ProjectTeam> teams;  // filled by showcase() only
    std::string quote;               // showcase() only: the beneficiary's comment, quoted with its consent
};

struct ProjectPage {
    std::vector<ProjectCard> items;
    std::optional<long long> next_after;  // cursor of the next page, when there is one: its id
    std::string next_key;                 // and its sort key
    // "id.key", what the catalogue's `after` and the API's `cursor` carry; "" on the last page.
    std::string next_cursor() const;
};

struct ProjectSkill {
    std::string slug, name_fr, name_en;
    int level = 1;
};

struct ProjectDetail {
    ProjectCard card;
    std::string problem, description;
    std::string beneficiary_kind, beneficiary_city, beneficiary_website;
    std::string semester_label_fr, semester_label_en;
    std::vector<ProjectSkill> skills;
    std::vector<ProjectTeam> teams;
};

struct Organisation {
    long long id = 0;
    std::string slug, name, kind, city, website, description;
    bool is_partner = false;
};

struct Sdg {
    int id = 0;
    std::string name_fr, name_en, color;
};

struct Skill {
    std::string slug, category, name_fr, name_en;
    long long id = 0;
};

struct KeyFigures {
    long long projects = 0;       // public projects
    long long delivered = 0;      // delivered or evaluated
    long long students = 0;       // distinct students in teams
    long long schools = 0;        // distinct schools with a team
    long long beneficiaries = 0;  // distinct organisations with a public project
    long long partners = 0;
};

struct SemesterFigures {
    std::string code, label_fr, label_en;
    long long projects = 0, students = 0;
};

struct SdgFigure {
    int sdg = 0;
    long long projects = 0;
};

struct SchoolFigure {
    std::string name, slug, city;
    long long projects = 0, students = 0;
};

struct PublicStats {
    KeyFigures figures;
    std::vector<SemesterFigures> semesters;
    std::vector<SdgFigure> by_sdg;  // all 17, zeros included
    std::vector<SchoolFigure> schools;
};

class ProjectRepository {
public:
    explicit ProjectRepository(Database& database) : db_(database) {}

    // Public projects matching the filter, in the filter's order, one page.
    ProjectPage list_public(const ProjectFilter& filter);
    // Delivered and evaluated projects matching the filter, newest first, with their teams.
    ProjectPage showcase(ProjectFilter filter);
    // A public project by slug; nullopt when absent or not public.
    std::optional<ProjectDetail> find_public(const std::string& slug);
    std::vector<ProjectCard> featured(int limit);

    std::vector<Organisation> partners();
    // Every public project's slug and publication date (YYYY-MM-DD, "" when unknown), for the sitemap.
    std::vector<std::pair<std::string, std::string>> public_slugs();
    std::vector<Sdg> sdgs();
    std::vector<Skill> skills();
    PublicStats stats();
    KeyFigures key_figures();

private:
    Database& db_;
};

// "('published', 'in_progress', 'delivered', 'evaluated')": the public statuses as the literal SQL
// list that the partial indexes repeat (queries must write it so for the planner to use them).
const std::string& public_status_sql();

// A project that concerns a person, for "Mon espace": one they are in a team of, or one of an
// organisation they belong to (any status: members follow their needs from the draft on).
struct PersonProject {
    long long id = 0;
    std::string slug, title, status, format;
    std::string via;  // "team" or "organisation"
    std::string organisation;
};
std::vector<PersonProject> projects_of_person(soci::session& session, long long person_id);

}  // namespace latitudes::store
