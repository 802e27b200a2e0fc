#include "store/projects.hpp"

#include "domain/text.hpp"
#include "store/accounts.hpp"
#include "store/query.hpp"

#include <algorithm>

namespace latitudes::store {

// The public statuses as a literal SQL list: "('published', 'in_progress', ...)". These are
// constants of the domain, never input, written literally (not bound) so that the planner can use
// the partial indexes of migrations 0003 and 0008, whose WHERE clause is this same list.
const std::string& public_status_sql() {
    static const std::string list = [] {
        std::string sql = "(";
        for (auto status : domain::public_statuses) {
            if (sql.size() > 1) sql += ", ";
            sql += "'" + std::string(domain::to_string(status)) + "'";
        }
        return sql + ")";
    }();
    return list;
}

std::string_view to_string(ProjectSort sort) { return sort == ProjectSort::closing ? "closing" : "new"; }

std::string ProjectPage::next_cursor() const {
    if (!next_after) return {};
    return std::to_string(*next_after) + "." + next_key;
}

namespace {

void append_public_statuses(Query& q) { q.append(public_status_sql()); }

// A card's columns, read by read_card; `card_joins` must follow them in the FROM clause.
std::string card_columns(Engine engine) {
    return "p.id, p.slug, p.title, p.summary, o.name, o.slug, p.level, p.format, p.status, "
           "p.team_min, p.team_max, p.starts_on, p.ends_on, p.published_at, "
           "(SELECT " +
           sql_group_concat(engine, "s.sdg_id") +
           " FROM project_sdgs s WHERE s.project_id = p.id), "
           "d.project_id, d.place, d.remote, d.hours_per_week, d.compensation, d.partner, d.frequency, d.sessions, "
           "d.seeking, d.capacity, d.deadline, se.label_fr, se.label_en, "
           // Places taken, so that a filled opportunity is not shown as open.
           "CASE WHEN d.project_id IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM applications a "
           "WHERE a.project_id = p.id AND a.status = 'accepted') END ";
}
constexpr std::size_t card_column_count = 29;
const char* const card_joins_to_p =  // after "... JOIN projects p ON ..."
    " JOIN organisations o ON o.id = p.beneficiary_id "
    "LEFT JOIN opportunity_details d ON d.project_id = p.id LEFT JOIN semesters se ON se.id = p.semester_id ";
const std::string card_joins = std::string(" FROM projects p") + card_joins_to_p;

// The sort keys, as SQL over the aliases p (projects) and d (opportunity_details). The newest
// key is the expression of the index of migration 0008, written identically. The closing key is
// "0" followed by the closing date (YYYY-MM-DD sorts as text), or "1" when there is none, so that
// one ascending text order puts dated projects first, soonest first; it needs :today bound.
const char* const newest_key = "COALESCE(p.published_at, p.created_at)";
const char* const closing_key =
    "(CASE WHEN p.status <> 'published' THEN '1' "
    "WHEN d.deadline IS NOT NULL THEN (CASE WHEN d.deadline >= :today THEN '0' || d.deadline ELSE '1' END) "
    "WHEN p.starts_on >= :today THEN '0' || p.starts_on "
    "WHEN p.ends_on >= :today THEN '0' || p.ends_on ELSE '1' END)";

std::vector<int> parse_int_list(const std::string& csv) {
    std::vector<int> values;
    std::size_t pos = 0;
    while (pos < csv.size()) {
        auto end = csv.find(',', pos);
        if (end == std::string::npos) end = csv.size();
        if (end > pos) values.push_back(std::stoi(csv.substr(pos, end - pos)));
        pos = end + 1;
    }
    std::sort(values.begin(), values.end());
    return values;
}

ProjectCard read_card(const soci::row& r) {
    ProjectCard c;
    c.id = column_int(r, 0);
    c.slug = column_text(r, 1);
    c.title = column_text(r, 2);
    c.summary = column_text(r, 3);
    c.beneficiary_name = column_text(r, 4);
    c.beneficiary_slug = column_text(r, 5);
    c.level = column_text(r, 6);
    c.format = column_text(r, 7);
    c.status = column_text(r, 8);
    c.team_min = static_cast<int>(column_int(r, 9));
    c.team_max = static_cast<int>(column_int(r, 10));
    c.starts_on = column_text(r, 11);
    c.ends_on = column_text(r, 12);
    c.published_at = column_text(r, 13);
    c.sdgs = parse_int_list(column_text(r, 14));
    if (r.get_indicator(15) != soci::i_null) {
        CardDetails d;
        d.place = column_text(r, 16);
        d.remote = column_int(r, 17) != 0;
        d.hours_per_week = static_cast<int>(column_int(r, 18));
        d.compensation = static_cast<int>(column_int(r, 19));
        d.partner = column_text(r, 20);
        d.frequency = column_text(r, 21);
        d.sessions = static_cast<int>(column_int(r, 22));
        d.seeking = column_text(r, 23);
        d.capacity = static_cast<int>(column_int(r, 24));
        d.deadline = column_text(r, 25);
        d.accepted = static_cast<int>(column_int(r, 28));
        c.details = std::move(d);
    }
    c.semester_label_fr = column_text(r, 26);
    c.semester_label_en = column_text(r, 27);
    return c;
}

}  // namespace

ProjectPage ProjectRepository::list_public(const ProjectFilter& filter) {
    const int limit = std::clamp(filter.limit, 1, 100);
    const bool closing = filter.sort == ProjectSort::closing;
    const std::string key = closing ? closing_key : newest_key;
    const std::string today = filter.today.empty() ? iso_utc(Clock::now()).substr(0, 10) : filter.today;
    ProjectPage page;
    if (filter.status && !domain::is_public(*filter.status)) return page;
    Lease db(db_);

    // A cursor without its key (an address from before sorts existed): the key of that project.
    std::optional<std::string> after_key = filter.after_key;
    if (filter.after && !after_key) {
        Query k("SELECT " + key + " FROM projects p LEFT JOIN opportunity_details d ON d.project_id = p.id WHERE p.id = :id");
        k.bind("id", *filter.after);
        if (closing) k.bind("today", today);
        k.for_each(*db, [&](const soci::row& r) { after_key = column_text(r, 0); });
        if (!after_key) return page;  // that project is gone: nothing sensible follows it
    }

    // Two steps in one statement: the page's ids and keys first (filters, order and limit over
    // projects alone), then the cards of those rows only. The closing key orders every matching
    // project: computing the card columns (SDG list, joins) for each of them before the sort
    // would cost four times as much.
    Query q("SELECT " + card_columns(db_.engine()) + ", pg.k FROM (SELECT p.id AS pid, " + key +
            " AS k FROM projects p LEFT JOIN opportunity_details d ON d.project_id = p.id WHERE p.status IN ");
    append_public_statuses(q);
    if (closing) q.bind("today", today);
    if (filter.status) q.append(" AND p.status = :status").bind("status", std::string(domain::to_string(*filter.status)));
    if (filter.delivered_only) {
        q.append(" AND p.status IN ('delivered', 'evaluated')");
        // A project delivered through the workspace (migration 0019) is featured only with its
        // beneficiary's consent, and a refusal by any of its evaluations wins; projects recorded
        // from before the workspaces were already public records of the programme.
        q.append(
            " AND (NOT EXISTS (SELECT 1 FROM teams st JOIN team_deliveries sd ON sd.team_id = st.id WHERE st.project_id = p.id)"
            " OR (EXISTS (SELECT 1 FROM teams st JOIN beneficiary_evaluations se ON se.team_id = st.id"
            "   WHERE st.project_id = p.id AND se.consent_showcase = 1)"
            "  AND NOT EXISTS (SELECT 1 FROM teams st JOIN beneficiary_evaluations se ON se.team_id = st.id"
            "   WHERE st.project_id = p.id AND se.consent_showcase = 0)))");
    }
    if (filter.level) q.append(" AND p.level = :level").bind("level", std::string(domain::to_string(*filter.level)));
    if (filter.format) q.append(" AND p.format = :format").bind("format", std::string(domain::to_string(*filter.format)));
    if (filter.sdg)
        q.append(" AND EXISTS (SELECT 1 FROM project_sdgs fs WHERE fs.project_id = p.id AND fs.sdg_id = :sdg)")
            .bind("sdg", static_cast<long long>(*filter.sdg));
    if (!filter.skill.empty())
        q.append(" AND EXISTS (SELECT 1 FROM project_skills fk JOIN skills k ON k.id = fk.skill_id "
                 "WHERE fk.project_id = p.id AND k.slug = :skill)")
            .bind("skill", filter.skill);
    int n = 0;
    for (const auto& term : domain::search_terms(filter.q)) {
        if (n == 8) break;  // a bounded query, whatever is typed
        const std::string name = "q" + std::to_string(n++);
        // Terms are letters and digits only, so no LIKE wildcard can come from the visitor.
        q.append(" AND p.search_text LIKE :" + name).bind(name, "% " + term + "%");
    }
    if (!filter.published_after.empty())
        q.append(" AND " + std::string(newest_key) + " > :published_after").bind("published_after", filter.published_after);
    // Keyset: what comes after (key, id) in the order "key (descending for newest, ascending for
    // closing), then id descending". Written with OR so that SQLite seeks in the index.
    if (filter.after) {
        q.append(" AND (" + key + (closing ? " > " : " < ") + ":after_key OR (" + key + " = :after_key AND p.id < :after))");
        q.bind("after_key", *after_key).bind("after", *filter.after);
    }
    const std::string direction = closing ? " ASC" : " DESC";
    q.append(" ORDER BY " + key + direction + ", p.id DESC LIMIT " + std::to_string(limit + 1) +
             ") pg JOIN projects p ON p.id = pg.pid");
    q.append(card_joins_to_p);
    q.append("ORDER BY pg.k" + direction + ", p.id DESC");

    q.for_each(*db, [&](const soci::row& r) {
        page.items.push_back(read_card(r));
        page.items.back().sort_key = column_text(r, card_column_count);
    });
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.pop_back();
        page.next_after = page.items.back().id;
        page.next_key = page.items.back().sort_key;
    }
    return page;
}

ProjectPage ProjectRepository::showcase(ProjectFilter filter) {
    filter.delivered_only = true;
    filter.sort = ProjectSort::newest;
    ProjectPage page = list_public(filter);
    if (page.items.empty()) return page;
    Query teams("SELECT t.project_id, o.name, o.slug, se.code, se.label_fr, se.label_en, "
                "(SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) "
                "FROM teams t JOIN organisations o ON o.id = t.school_id JOIN semesters se ON se.id = t.semester_id "
                "WHERE t.project_id IN (");
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        const std::string name = "p" + std::to_string(i);
        teams.append((i ? ", :" : ":") + name).bind(name, page.items[i].id);
    }
    teams.append(") ORDER BY se.starts_on, o.name");
    // The beneficiary's words, only where it agreed to be quoted (and to the showcase).
    Query quotes("SELECT t.project_id, be.comment FROM beneficiary_evaluations be JOIN teams t ON t.id = be.team_id "
                 "WHERE be.consent_quote = 1 AND be.consent_showcase = 1 AND be.comment <> '' AND t.project_id IN (");
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        const std::string name = "p" + std::to_string(i);
        quotes.append((i ? ", :" : ":") + name).bind(name, page.items[i].id);
    }
    quotes.append(") ORDER BY be.updated_at, t.id");
    Lease db(db_);
    quotes.for_each(*db, [&](const soci::row& r) {
        for (auto& card : page.items)
            if (card.id == column_int(r, 0)) card.quote = column_text(r, 1);
    });
    teams.for_each(*db, [&](const soci::row& r) {
        const long long project = column_int(r, 0);
        for (auto& card : page.items)
            if (card.id == project)
                card.teams.push_back({column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                                      column_text(r, 5), static_cast<int>(column_int(r, 6))});
    });
    return page;
}

std::optional<ProjectDetail> ProjectRepository::find_public(const std::string& slug) {
    Query q("SELECT " + card_columns(db_.engine()) + ", p.problem, p.description, o.kind, o.city, o.website" + card_joins +
            "WHERE p.slug = :slug AND p.status IN ");
    q.bind("slug", slug);
    append_public_statuses(q);
    std::optional<ProjectDetail> found;
    Lease db(db_);
    q.for_each(*db, [&](const soci::row& r) {
        ProjectDetail d;
        d.card = read_card(r);
        constexpr auto c = card_column_count;
        d.problem = column_text(r, c);
        d.description = column_text(r, c + 1);
        d.beneficiary_kind = column_text(r, c + 2);
        d.beneficiary_city = column_text(r, c + 3);
        d.beneficiary_website = column_text(r, c + 4);
        d.semester_label_fr = d.card.semester_label_fr;
        d.semester_label_en = d.card.semester_label_en;
        found = std::move(d);
    });
    if (!found) return found;
    Query skills("SELECT k.slug, k.name_fr, k.name_en, ps.level FROM project_skills ps "
                 "JOIN skills k ON k.id = ps.skill_id WHERE ps.project_id = :id ORDER BY ps.level DESC, k.slug");
    skills.bind("id", found->card.id);
    skills.for_each(*db, [&](const soci::row& r) {
        found->skills.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), static_cast<int>(column_int(r, 3))});
    });
    Query teams("SELECT o.name, o.slug, se.code, se.label_fr, se.label_en, "
                "(SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) "
                "FROM teams t JOIN organisations o ON o.id = t.school_id JOIN semesters se ON se.id = t.semester_id "
                "WHERE t.project_id = :id ORDER BY se.starts_on, o.name");
    teams.bind("id", found->card.id);
    teams.for_each(*db, [&](const soci::row& r) {
        found->teams.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                                static_cast<int>(column_int(r, 5))});
    });
    return found;
}

std::vector<ProjectCard> ProjectRepository::featured(int limit) {
    Query q("SELECT " + card_columns(db_.engine()) + card_joins + "WHERE p.featured = 1 AND p.status IN ");
    append_public_statuses(q);
    q.append(" ORDER BY p.id LIMIT " + std::to_string(std::clamp(limit, 1, 50)));
    std::vector<ProjectCard> cards;
    Lease db(db_);
    q.for_each(*db, [&](const soci::row& r) { cards.push_back(read_card(r)); });
    return cards;
}

std::vector<Organisation> ProjectRepository::partners() {
    std::vector<Organisation> found;
    Lease db(db_);
    Query("SELECT id, slug, name, kind, city, website, description FROM organisations "
          "WHERE is_partner = 1 ORDER BY name")
        .for_each(*db, [&](const soci::row& r) {
            found.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                             column_text(r, 5), column_text(r, 6), true});
        });
    return found;
}

std::vector<std::pair<std::string, std::string>> ProjectRepository::public_slugs() {
    std::vector<std::pair<std::string, std::string>> found;
    Lease db(db_);
    Query("SELECT slug, COALESCE(published_at, '') FROM projects WHERE status IN " + public_status_sql() + " ORDER BY slug")
        .for_each(*db, [&](const soci::row& r) { found.emplace_back(column_text(r, 0), column_text(r, 1).substr(0, 10)); });
    return found;
}

std::vector<Sdg> ProjectRepository::sdgs() {
    std::vector<Sdg> found;
    Lease db(db_);
    Query("SELECT id, name_fr, name_en, color FROM sdgs ORDER BY id").for_each(*db, [&](const soci::row& r) {
        found.push_back({static_cast<int>(column_int(r, 0)), column_text(r, 1), column_text(r, 2), column_text(r, 3)});
    });
    return found;
}

std::vector<Skill> ProjectRepository::skills() {
    std::vector<Skill> found;
    Lease db(db_);
    Query("SELECT slug, category, name_fr, name_en, id FROM skills ORDER BY category, slug")
        .for_each(*db, [&](const soci::row& r) {
            found.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_int(r, 4)});
        });
    return found;
}

KeyFigures ProjectRepository::key_figures() {
    KeyFigures f;
    Lease db(db_);
    auto count = [&](const std::string& sql, bool public_only) {
        Query q(sql);
        if (public_only) append_public_statuses(q);
        return q.scalar(*db);
    };
    f.projects = count("SELECT COUNT(*) FROM projects WHERE status IN ", true);
    f.delivered = count("SELECT COUNT(*) FROM projects WHERE status IN ('delivered', 'evaluated')", false);
    f.students = count("SELECT COUNT(DISTINCT person_id) FROM team_members", false);
    f.schools = count("SELECT COUNT(DISTINCT school_id) FROM teams", false);
    f.beneficiaries = count("SELECT COUNT(DISTINCT beneficiary_id) FROM projects WHERE status IN ", true);
    f.partners = count("SELECT COUNT(*) FROM organisations WHERE is_partner = 1", false);
    return f;
}

PublicStats ProjectRepository::stats() {
    PublicStats stats;
    stats.figures = key_figures();
    Lease db(db_);
    Query("SELECT se.code, se.label_fr, se.label_en, COUNT(DISTINCT t.project_id), COUNT(DISTINCT m.person_id) "
          "FROM semesters se JOIN teams t ON t.semester_id = se.id "
          "LEFT JOIN team_members m ON m.team_id = t.id "
          "GROUP BY se.code, se.label_fr, se.label_en, se.starts_on ORDER BY se.starts_on")
        .for_each(*db, [&](const soci::row& r) {
            stats.semesters.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), column_int(r, 3),
                                       column_int(r, 4)});
        });
    for (int id = 1; id <= domain::sdg_count; ++id) stats.by_sdg.push_back({id, 0});
    Query by_sdg("SELECT s.sdg_id, COUNT(*) FROM project_sdgs s JOIN projects p ON p.id = s.project_id "
                 "WHERE p.status IN ");
    append_public_statuses(by_sdg);
    by_sdg.append(" GROUP BY s.sdg_id");
    by_sdg.for_each(*db, [&](const soci::row& r) {
        const auto id = static_cast<int>(column_int(r, 0));
        if (domain::is_valid_sdg(id)) stats.by_sdg[static_cast<std::size_t>(id - 1)].projects = column_int(r, 1);
    });
    Query("SELECT o.name, o.slug, o.city, COUNT(DISTINCT t.project_id), COUNT(DISTINCT m.person_id) "
          "FROM organisations o JOIN teams t ON t.school_id = o.id LEFT JOIN team_members m ON m.team_id = t.id "
          "GROUP BY o.name, o.slug, o.city ORDER BY COUNT(DISTINCT t.project_id) DESC, o.name")
        .for_each(*db, [&](const soci::row& r) {
            stats.schools.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), column_int(r, 3),
                                     column_int(r, 4)});
        });
    return stats;
}

std::vector<PersonProject> projects_of_person(soci::session& session, long long person_id) {
    std::vector<PersonProject> list;
    Query("SELECT DISTINCT p.slug, p.title, p.status, p.format, 'team', o.name, p.id FROM team_members tm "
          "JOIN teams t ON t.id = tm.team_id JOIN projects p ON p.id = t.project_id "
          "JOIN organisations o ON o.id = p.beneficiary_id WHERE tm.person_id = :person "
          "UNION SELECT p.slug, p.title, p.status, p.format, 'organisation', o.name, p.id FROM memberships m "
          "JOIN projects p ON p.beneficiary_id = m.organisation_id JOIN organisations o ON o.id = p.beneficiary_id "
          "WHERE m.person_id = :person ORDER BY 7 DESC")
        .bind("person", person_id)
        .for_each(session, [&](const soci::row& r) {
            list.push_back({column_int(r, 6), column_text(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3),
                            column_text(r, 4), column_text(r, 5)});
        });
    return list;
}

}  // namespace latitudes::store
