#include "store/needs.hpp"

#include "domain/project.hpp"
#include "domain/text.hpp"
#include "store/query.hpp"
#include "store/search_words.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::store {

namespace {

std::string unique_slug(soci::session& s, const std::string& title) {
    const std::string base = domain::slugify(title).substr(0, 60);
    std::string slug = base.empty() ? "projet" : base;
    for (int n = 2; Query("SELECT COUNT(*) FROM projects WHERE slug = :slug").bind("slug", slug).scalar(s) > 0; ++n)
        slug = (base.empty() ? "projet" : base) + "-" + std::to_string(n);
    return slug;
}

void write_sdgs(soci::session& s, long long id, const std::vector<int>& sdgs) {
    Query("DELETE FROM project_sdgs WHERE project_id = :id").bind("id", id).execute(s);
    for (int sdg : sdgs)
        Query("INSERT INTO project_sdgs (project_id, sdg_id) VALUES (:id, :sdg)")
            .bind("id", id)
            .bind("sdg", static_cast<long long>(sdg))
            .execute(s);
}

std::vector<NeedSummary> summaries(soci::session& s, Query query) {
    std::vector<NeedSummary> list;
    query.for_each(s, [&](const soci::row& r) {
        list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                        column_text(r, 5), column_text(r, 6)});
    });
    return list;
}

constexpr const char* summary_columns = "SELECT p.id, p.slug, p.title, p.format, p.status, o.name, n.updated_at FROM projects p "
                                        "JOIN needs n ON n.project_id = p.id JOIN organisations o ON o.id = p.beneficiary_id ";

std::optional<Revision> one_revision(soci::session& s, Query query) {
    std::optional<Revision> found;
    query.for_each(s, [&](const soci::row& r) {
        found = Revision{static_cast<int>(column_int(r, 0)), column_text(r, 1), column_text(r, 2), column_text(r, 3)};
    });
    return found;
}

constexpr const char* revision_columns =
    "SELECT f.number, COALESCE(pe.display_name, ''), f.created_at, f.content FROM framing_revisions f "
    "LEFT JOIN people pe ON pe.id = f.author_id ";

}  // namespace

NeedRepository::AuthorCount NeedRepository::created_by_since(long long author, Clock::time_point since) {
    AuthorCount result;
    if (s_.get_backend_name() == "postgresql")
        Query("SELECT id FROM people WHERE id = :author FOR UPDATE").bind("author", author).scalar(s_);
    Query("SELECT COUNT(*), MIN(created_at) FROM needs WHERE created_by = :author AND created_at > :since")
        .bind("author", author)
        .bind("since", iso_utc(since))
        .for_each(s_, [&](const soci::row& r) {
            result.count = column_int(r, 0);
            if (result.count > 0) result.first = parse_iso_utc(column_text(r, 1));
        });
    return result;
}

long long NeedRepository::create(const NewNeed& need, long long author, Clock::time_point now) {
    const auto format = domain::parse_format(need.format);
    if (!format) throw DatabaseError("unknown format '" + need.format + "'");
    const std::string at = iso_utc(now);
    const long long id = Query("INSERT INTO projects (slug, title, summary, problem, beneficiary_id, level, format, status, "
                               "team_min, team_max, created_at) VALUES (:slug, :title, :summary, :problem, "
                               ":organisation, :level, :format, 'draft', 1, 1, :at) RETURNING id")
                             .bind("slug", unique_slug(s_, need.title))
                             .bind("title", need.title)
                             .bind("summary", need.summary)
                             .bind("problem", need.text.problem)
                             .bind("organisation", need.organisation_id)
                             .bind("level", std::string(domain::to_string(domain::level_of(*format))))
                             .bind("format", need.format)
                             .bind("at", at)
                             .scalar(s_);
    const auto& t = need.text;
    Query("INSERT INTO needs (project_id, problem, beneficiaries, existing, data_tools, hopes, constraints, contact_name, "
          "contact_email, created_by, created_at, updated_at) VALUES (:id, :problem, :beneficiaries, :existing, :data, "
          ":hopes, :constraints, :contact, :email, :author, :at, :at)")
        .bind("id", id)
        .bind("problem", t.problem)
        .bind("beneficiaries", t.beneficiaries)
        .bind("existing", t.existing)
        .bind("data", t.data_tools)
        .bind("hopes", t.hopes)
        .bind("constraints", t.constraints)
        .bind("contact", t.contact_name)
        .bind("email", t.contact_email)
        .bind("author", author)
        .bind("at", at)
        .execute(s_);
    write_sdgs(s_, id, need.sdgs);
    refresh_search_words(s_, id);
    return id;
}

std::optional<NeedRecord> NeedRepository::find(long long id) {
    std::optional<NeedRecord> found;
    Query("SELECT p.id, p.slug, p.title, p.summary, p.format, p.level, p.status, o.id, o.slug, o.name, o.verified, "
          "n.problem, n.beneficiaries, n.existing, n.data_tools, n.hopes, n.constraints, n.contact_name, n.contact_email, "
          "COALESCE(pe.display_name, ''), n.created_at, n.updated_at FROM projects p JOIN needs n ON n.project_id = p.id "
          "JOIN organisations o ON o.id = p.beneficiary_id LEFT JOIN people pe ON pe.id = n.created_by WHERE p.id = :id")
        .bind("id", id)
        .for_each(s_, [&](const soci::row& r) {
            NeedRecord n;
            n.id = column_int(r, 0);
            n.slug = column_text(r, 1);
            n.title = column_text(r, 2);
            n.summary = column_text(r, 3);
            // Only this code writes these columns, always with names domain knows.
            n.format = domain::parse_format(column_text(r, 4)).value_or(domain::Format::student_project);
            n.level = column_text(r, 5);
            n.status = domain::parse_status(column_text(r, 6)).value_or(domain::Status::draft);
            n.organisation_id = column_int(r, 7);
            n.organisation_slug = column_text(r, 8);
            n.organisation_name = column_text(r, 9);
            n.organisation_verified = column_int(r, 10) == 1;
            n.text = {column_text(r, 11), column_text(r, 12), column_text(r, 13), column_text(r, 14),
                      column_text(r, 15), column_text(r, 16), column_text(r, 17), column_text(r, 18)};
            n.created_by_name = column_text(r, 19);
            n.created_at = column_text(r, 20);
            n.updated_at = column_text(r, 21);
            found = std::move(n);
        });
    if (found)
        Query("SELECT sdg_id FROM project_sdgs WHERE project_id = :id ORDER BY sdg_id")
            .bind("id", id)
            .for_each(s_, [&](const soci::row& r) { found->sdgs.push_back(static_cast<int>(column_int(r, 0))); });
    return found;
}

void NeedRepository::update(long long id, const NewNeed& need, Clock::time_point now) {
    const auto format = domain::parse_format(need.format);
    if (!format) throw DatabaseError("unknown format '" + need.format + "'");
    Query("UPDATE projects SET title = :title, summary = :summary, problem = :problem, format = :format, level = :level "
          "WHERE id = :id")
        .bind("title", need.title)
        .bind("summary", need.summary)
        .bind("problem", need.text.problem)
        .bind("format", need.format)
        .bind("level", std::string(domain::to_string(domain::level_of(*format))))
        .bind("id", id)
        .execute(s_);
    const auto& t = need.text;
    Query("UPDATE needs SET problem = :problem, beneficiaries = :beneficiaries, existing = :existing, data_tools = :data, "
          "hopes = :hopes, constraints = :constraints, contact_name = :contact, contact_email = :email, updated_at = :at "
          "WHERE project_id = :id")
        .bind("problem", t.problem)
        .bind("beneficiaries", t.beneficiaries)
        .bind("existing", t.existing)
        .bind("data", t.data_tools)
        .bind("hopes", t.hopes)
        .bind("constraints", t.constraints)
        .bind("contact", t.contact_name)
        .bind("email", t.contact_email)
        .bind("at", iso_utc(now))
        .bind("id", id)
        .execute(s_);
    write_sdgs(s_, id, need.sdgs);
    refresh_search_words(s_, id);
}

bool NeedRepository::move(long long id, domain::Status from_status, domain::Status to_status, long long actor,
                          const std::string& reason, Clock::time_point now) {
    const std::string at = iso_utc(now);
    const std::string from(domain::to_string(from_status)), to(domain::to_string(to_status));
    // One conditional UPDATE decides: of two simultaneous moves from the same status, one wins.
    Query update(to_status == domain::Status::published
                     ? "UPDATE projects SET status = :to, published_at = :at WHERE id = :id AND status = :from"
                     : "UPDATE projects SET status = :to WHERE id = :id AND status = :from");
    update.bind("to", to).bind("id", id).bind("from", from);
    if (to_status == domain::Status::published) update.bind("at", at);
    if (update.execute(s_) != 1) return false;
    Query("INSERT INTO status_changes (project_id, from_status, to_status, actor_id, reason, at) "
          "VALUES (:id, :from, :to, :actor, :reason, :at)")
        .bind("id", id)
        .bind("from", from)
        .bind("to", to)
        .bind("actor", actor)
        .bind("reason", reason)
        .bind("at", at)
        .execute(s_);
    Query("UPDATE needs SET updated_at = :at WHERE project_id = :id").bind("at", at).bind("id", id).execute(s_);
    // Every move is audited here, whoever makes it (the workflow, a submission, a campaign's publication).
    nlohmann::json details{{"from", from}, {"to", to}};
    if (!reason.empty()) details["reason"] = reason;
    write_audit(s_, actor, "move_need", "need", id, details.dump(), now);
    // And told in the organisation's feed: feed.kind.need_<status>.
    Query("INSERT INTO activity (organisation_id, actor_id, kind, detail, path, at) SELECT beneficiary_id, "
          "(SELECT pe.id FROM people pe WHERE pe.id = :actor), :kind, title, :path, :at FROM projects WHERE id = :id")
        .bind("actor", actor)
        .bind("kind", "need_" + to)
        .bind("path", "/needs/" + std::to_string(id))
        .bind("at", at)
        .bind("id", id)
        .execute(s_);
    return true;
}

std::vector<StatusChange> NeedRepository::history(long long id) {
    std::vector<StatusChange> list;
    Query("SELECT c.from_status, c.to_status, COALESCE(pe.display_name, ''), c.reason, c.at FROM status_changes c "
          "LEFT JOIN people pe ON pe.id = c.actor_id WHERE c.project_id = :id ORDER BY c.id")
        .bind("id", id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4)});
        });
    return list;
}

std::vector<NeedSummary> NeedRepository::of_organisation(long long organisation_id) {
    return summaries(s_, Query(std::string(summary_columns) + "WHERE p.beneficiary_id = :organisation ORDER BY p.id DESC")
                             .bind("organisation", organisation_id));
}

std::vector<NeedSummary> NeedRepository::in_statuses(const std::vector<std::string>& statuses, int limit) {
    Query query(std::string(summary_columns) + "WHERE p.status IN (");
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        const std::string name = "s" + std::to_string(i);
        query.append(i ? ", :" : ":").append(name).bind(name, statuses[i]);
    }
    if (statuses.empty()) query.append("''");
    query.append(") ORDER BY n.updated_at, p.id LIMIT :limit").bind("limit", static_cast<long long>(std::clamp(limit, 1, 500)));
    return summaries(s_, std::move(query));
}

std::vector<std::string> NeedRepository::member_emails(long long organisation_id) {
    std::vector<std::string> list;
    Query("SELECT pe.email FROM memberships m JOIN people pe ON pe.id = m.person_id JOIN accounts a ON a.person_id = pe.id "
          "WHERE m.organisation_id = :organisation AND pe.email IS NOT NULL AND a.active = 1 ORDER BY pe.email")
        .bind("organisation", organisation_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(column_text(r, 0)); });
    return list;
}

int NeedRepository::add_revision(long long id, long long author, const std::string& content, Clock::time_point now) {
    const long long number =
        Query("SELECT COALESCE(MAX(number), 0) + 1 FROM framing_revisions WHERE project_id = :id").bind("id", id).scalar(s_);
    // UNIQUE (project_id, number): of two simultaneous saves one fails and its transaction rolls back.
    Query("INSERT INTO framing_revisions (project_id, number, author_id, created_at, content) "
          "VALUES (:id, :number, :author, :at, :content)")
        .bind("id", id)
        .bind("number", number)
        .bind("author", author)
        .bind("at", iso_utc(now))
        .bind("content", content)
        .execute(s_);
    return static_cast<int>(number);
}

std::vector<RevisionInfo> NeedRepository::revisions(long long id) {
    std::vector<RevisionInfo> list;
    Query("SELECT f.number, COALESCE(pe.display_name, ''), f.created_at FROM framing_revisions f "
          "LEFT JOIN people pe ON pe.id = f.author_id WHERE f.project_id = :id ORDER BY f.number DESC")
        .bind("id", id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({static_cast<int>(column_int(r, 0)), column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

std::optional<Revision> NeedRepository::revision(long long id, int number) {
    return one_revision(s_, Query(std::string(revision_columns) + "WHERE f.project_id = :id AND f.number = :number")
                                .bind("id", id)
                                .bind("number", static_cast<long long>(number)));
}

std::optional<Revision> NeedRepository::latest_revision(long long id) {
    return one_revision(s_, Query(std::string(revision_columns) +
                                  "WHERE f.project_id = :id AND f.number = (SELECT MAX(number) FROM framing_revisions "
                                  "WHERE project_id = :id)")
                                .bind("id", id));
}

long long NeedRepository::add_comment(long long id, long long author, const std::string& body, Clock::time_point now) {
    return Query("INSERT INTO framing_comments (project_id, author_id, body, created_at) VALUES (:id, :author, :body, :at) "
                 "RETURNING id")
        .bind("id", id)
        .bind("author", author)
        .bind("body", body)
        .bind("at", iso_utc(now))
        .scalar(s_);
}

std::vector<Comment> NeedRepository::comments(long long id) {
    std::vector<Comment> list;
    Query("SELECT COALESCE(pe.display_name, ''), c.body, c.created_at FROM framing_comments c "
          "LEFT JOIN people pe ON pe.id = c.author_id WHERE c.project_id = :id ORDER BY c.id")
        .bind("id", id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

void NeedRepository::apply_framing(long long id, const Framed& f) {
    Query("UPDATE projects SET summary = :summary, description = :description, team_min = :min, team_max = :max, "
          "semester_id = NULLIF(:semester, 0), starts_on = NULLIF(:starts, ''), ends_on = NULLIF(:ends, '') WHERE id = :id")
        .bind("summary", f.summary)
        .bind("description", f.description)
        .bind("min", static_cast<long long>(f.team_min))
        .bind("max", static_cast<long long>(f.team_max))
        .bind("semester", f.semester_id)
        .bind("starts", f.starts_on)
        .bind("ends", f.ends_on)
        .bind("id", id)
        .execute(s_);
    if (!f.sdgs.empty()) write_sdgs(s_, id, f.sdgs);
    Query("DELETE FROM project_skills WHERE project_id = :id").bind("id", id).execute(s_);
    for (const auto& [skill, level] : f.skills)
        Query("INSERT INTO project_skills (project_id, skill_id, level) VALUES (:id, :skill, :level)")
            .bind("id", id)
            .bind("skill", skill)
            .bind("level", static_cast<long long>(level))
            .execute(s_);
    refresh_search_words(s_, id);
    Query("DELETE FROM opportunity_details WHERE project_id = :id").bind("id", id).execute(s_);
    if (!f.has_details) return;
    auto optional = [](int value) { return value == 0 ? std::string() : std::to_string(value); };
    Query("INSERT INTO opportunity_details (project_id, place, remote, hours_per_week, compensation, partner, frequency, "
          "sessions, seeking, capacity, deadline) VALUES (:id, :place, :remote, "
          "CAST(NULLIF(:hours, '') AS INTEGER), CAST(NULLIF(:compensation, '') AS INTEGER), :partner, :frequency, "
          "CAST(NULLIF(:sessions, '') AS INTEGER), :seeking, :capacity, NULLIF(:deadline, ''))")
        .bind("id", id)
        .bind("place", f.place)
        .bind("remote", f.remote ? 1LL : 0LL)
        .bind("hours", optional(f.hours_per_week))
        .bind("compensation", optional(f.compensation))
        .bind("partner", f.partner)
        .bind("frequency", f.frequency)
        .bind("sessions", optional(f.sessions))
        .bind("seeking", f.seeking)
        .bind("capacity", static_cast<long long>(f.capacity))
        .bind("deadline", f.deadline)
        .execute(s_);
}

}  // namespace latitudes::store
