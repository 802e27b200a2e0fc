#include "store/applications.hpp"

#include "store/query.hpp"

namespace latitudes::store {

using domain::ApplicationStatus;

namespace {

// The columns read_application() expects, in order.
constexpr const char* application_select =
    "SELECT a.id, a.project_id, a.person_id, a.message, a.shared, a.status, a.owner_message, a.created_at, "
    "a.updated_at, a.reminded_at, pe.display_name, pe.email, p.slug, p.title, p.format, p.status, o.id, o.name "
    "FROM applications a JOIN projects p ON p.id = a.project_id JOIN organisations o ON o.id = p.beneficiary_id "
    "JOIN people pe ON pe.id = a.person_id ";

ApplicationRecord read_application(const soci::row& r) {
    ApplicationRecord a;
    a.id = column_int(r, 0);
    a.project_id = column_int(r, 1);
    a.person_id = column_int(r, 2);
    a.message = column_text(r, 3);
    a.shared = column_text(r, 4);
    a.status = column_text(r, 5);
    a.owner_message = column_text(r, 6);
    a.created_at = column_text(r, 7);
    a.updated_at = column_text(r, 8);
    a.reminded_at = column_text(r, 9);
    a.person_name = column_text(r, 10);
    a.person_email = column_text(r, 11);
    a.project_slug = column_text(r, 12);
    a.project_title = column_text(r, 13);
    a.project_format = column_text(r, 14);
    a.project_status = column_text(r, 15);
    a.organisation_id = column_int(r, 16);
    a.organisation_name = column_text(r, 17);
    return a;
}

std::vector<ApplicationRecord> read_all(soci::session& s, Query query) {
    std::vector<ApplicationRecord> list;
    query.for_each(s, [&](const soci::row& r) { list.push_back(read_application(r)); });
    return list;
}

std::optional<OpportunityTarget> read_target(soci::session& s, Query query) {
    std::optional<OpportunityTarget> found;
    query.for_each(s, [&](const soci::row& r) {
        found = OpportunityTarget{column_int(r, 0),  column_text(r, 1), column_text(r, 2), column_text(r, 3),
                                  column_text(r, 4), column_int(r, 5),  column_text(r, 6), column_text(r, 7)};
    });
    return found;
}

constexpr const char* target_select = "SELECT p.id, p.slug, p.title, p.format, p.status, o.id, o.slug, o.name FROM projects p "
                                      "JOIN organisations o ON o.id = p.beneficiary_id WHERE ";

// Statuses still awaiting the owner, for SQL (domain::is_awaiting).
constexpr const char* awaiting_sql = "('pending', 'call_requested')";

std::string text_of(ApplicationStatus status) { return std::string(domain::to_string(status)); }

}  // namespace

std::optional<domain::OpportunityDetails> ApplicationRepository::details(long long project_id) {
    std::optional<domain::OpportunityDetails> found;
    Query("SELECT place, remote, hours_per_week, compensation, partner, frequency, sessions, seeking, capacity, deadline "
          "FROM opportunity_details WHERE project_id = :id")
        .bind("id", project_id)
        .for_each(s_, [&](const soci::row& r) {
            domain::OpportunityDetails d;
            d.place = column_text(r, 0);
            d.remote = column_int(r, 1) == 1;
            d.hours_per_week = static_cast<int>(column_int(r, 2));
            d.compensation = static_cast<int>(column_int(r, 3));
            d.partner = column_text(r, 4);
            d.frequency = column_text(r, 5);
            d.sessions = static_cast<int>(column_int(r, 6));
            d.seeking = column_text(r, 7);
            d.capacity = static_cast<int>(column_int(r, 8));
            d.deadline = column_text(r, 9);
            found = d;
        });
    return found;
}

void ApplicationRepository::save_details(long long project_id, const domain::OpportunityDetails& d) {
    Query("DELETE FROM opportunity_details WHERE project_id = :id").bind("id", project_id).execute(s_);
    Query q("INSERT INTO opportunity_details (project_id, place, remote, hours_per_week, compensation, partner, frequency, "
            "sessions, seeking, capacity, deadline) VALUES (:id, :place, :remote, NULLIF(:hours, 0), NULLIF(:compensation, 0), "
            ":partner, :frequency, NULLIF(:sessions, 0), :seeking, :capacity, NULLIF(:deadline, ''))");
    q.bind("id", project_id).bind("place", d.place).bind("remote", d.remote ? 1LL : 0LL);
    q.bind("hours", static_cast<long long>(d.hours_per_week)).bind("compensation", static_cast<long long>(d.compensation));
    q.bind("partner", d.partner).bind("frequency", d.frequency).bind("sessions", static_cast<long long>(d.sessions));
    q.bind("seeking", d.seeking).bind("capacity", static_cast<long long>(d.capacity)).bind("deadline", d.deadline);
    q.execute(s_);
}

std::optional<OpportunityTarget> ApplicationRepository::target(const std::string& slug) {
    return read_target(s_, Query(std::string(target_select) + "p.slug = :slug").bind("slug", slug));
}

std::optional<OpportunityTarget> ApplicationRepository::target(long long project_id) {
    return read_target(s_, Query(std::string(target_select) + "p.id = :id").bind("id", project_id));
}

long long ApplicationRepository::accepted_count(long long project_id) {
    return Query("SELECT COUNT(*) FROM applications WHERE project_id = :id AND status = 'accepted'")
        .bind("id", project_id)
        .scalar(s_);
}

std::optional<ApplicationRecord> ApplicationRepository::of_person(long long project_id, long long person_id) {
    auto list = read_all(s_, Query(std::string(application_select) + "WHERE a.project_id = :project AND a.person_id = :person")
                                 .bind("project", project_id)
                                 .bind("person", person_id));
    if (list.empty()) return std::nullopt;
    return list.front();
}

void ApplicationRepository::lock_project(long long project_id) {
    Query("UPDATE projects SET featured = featured WHERE id = :id").bind("id", project_id).execute(s_);
}

ApplyState ApplicationRepository::apply_state(const OpportunityTarget& project, long long person_id, Clock::time_point now) {
    ApplyState state;
    const auto format = domain::parse_format(project.format);
    const auto status = domain::parse_status(project.status);
    if (!format || !status) throw DatabaseError("project " + std::to_string(project.id) + " has an unknown format or status");
    state.details = details(project.id).value_or(domain::OpportunityDetails{});
    if (person_id != 0) state.earlier = of_person(project.id, person_id);
    auto& context = state.context;
    context.format = *format;
    context.status = *status;
    context.deadline = state.details.deadline;
    context.today = iso_utc(now).substr(0, 10);  // dates are compared in UTC, like every stored instant
    context.capacity = state.details.capacity;
    context.accepted = accepted_count(project.id);
    context.already_applied = state.earlier && state.earlier->status != text_of(ApplicationStatus::withdrawn);
    return state;
}

ApplyOutcome ApplicationRepository::apply(const NewApplication& application, Clock::time_point now) {
    ApplyOutcome outcome;
    lock_project(application.project_id);
    const auto project = target(application.project_id);
    if (!project) {
        outcome.refusal = std::string(domain::apply_refusal::not_open);
        return outcome;
    }
    const auto state = apply_state(*project, application.person_id, now);
    const auto& earlier = state.earlier;
    const std::string at = iso_utc(now);
    outcome.refusal = std::string(domain::can_apply(state.context));
    if (!outcome.ok()) return outcome;
    if (earlier) {
        // Sent again after a withdrawal: a fresh application, timers included.
        Query("UPDATE applications SET message = :message, shared = :shared, status = 'pending', owner_message = '', "
              "created_at = :at, updated_at = :at, reminded_at = NULL WHERE id = :id AND status = 'withdrawn'")
            .bind("message", application.message)
            .bind("shared", application.shared)
            .bind("at", at)
            .bind("id", earlier->id)
            .execute(s_);
        outcome.id = earlier->id;
        outcome.resubmitted = true;
        return outcome;
    }
    outcome.id = Query("INSERT INTO applications (project_id, person_id, message, shared, status, created_at, updated_at) "
                       "VALUES (:project, :person, :message, :shared, 'pending', :at, :at) RETURNING id")
                     .bind("project", application.project_id)
                     .bind("person", application.person_id)
                     .bind("message", application.message)
                     .bind("shared", application.shared)
                     .bind("at", at)
                     .scalar(s_);
    return outcome;
}

std::optional<ApplicationRecord> ApplicationRepository::find(long long id) {
    auto list = read_all(s_, Query(std::string(application_select) + "WHERE a.id = :id").bind("id", id));
    if (list.empty()) return std::nullopt;
    return list.front();
}

std::vector<ApplicationRecord> ApplicationRepository::for_project(long long project_id) {
    return read_all(s_, Query(std::string(application_select) + "WHERE a.project_id = :id ORDER BY CASE WHEN a.status IN " +
                              awaiting_sql + " THEN 0 ELSE 1 END, a.created_at, a.id")
                            .bind("id", project_id));
}

std::vector<ApplicationRecord> ApplicationRepository::for_person(long long person_id) {
    return read_all(s_, Query(std::string(application_select) + "WHERE a.person_id = :id ORDER BY a.created_at DESC, a.id DESC")
                            .bind("id", person_id));
}

DecideOutcome ApplicationRepository::decide(long long id, ApplicationStatus to, const std::string& owner_message,
                                            Clock::time_point now) {
    // The project's lock comes first, before any read: on SQLite a transaction that read first
    // could not write after another one committed.
    Query("UPDATE projects SET featured = featured WHERE id = (SELECT project_id FROM applications WHERE id = :id)")
        .bind("id", id)
        .execute(s_);
    const auto found = find(id);
    if (!found) return DecideOutcome::not_found;
    const auto from = domain::parse_application_status(found->status);
    if (!from || !domain::can_decide(*from, to)) return DecideOutcome::not_allowed;
    if (to == ApplicationStatus::accepted) {
        const auto d = details(found->project_id).value_or(domain::OpportunityDetails{});
        if (accepted_count(found->project_id) >= d.capacity) return DecideOutcome::full;
    }
    const long long changed = Query("UPDATE applications SET status = :to, owner_message = :message, updated_at = :at "
                                    "WHERE id = :id AND status = :from")
                                  .bind("to", text_of(to))
                                  .bind("message", owner_message)
                                  .bind("at", iso_utc(now))
                                  .bind("id", id)
                                  .bind("from", found->status)
                                  .execute(s_);
    return changed == 1 ? DecideOutcome::done : DecideOutcome::not_allowed;
}

bool ApplicationRepository::withdraw(long long id, long long person_id, Clock::time_point now) {
    return Query(std::string("UPDATE applications SET status = 'withdrawn', updated_at = :at "
                             "WHERE id = :id AND person_id = :person AND status IN ") +
                 awaiting_sql)
               .bind("at", iso_utc(now))
               .bind("id", id)
               .bind("person", person_id)
               .execute(s_) == 1;
}

std::vector<ApplicationRecord> ApplicationRepository::due_reminders(Clock::time_point now,
                                                                    const domain::ApplicationTimers& timers, int limit) {
    // Instants are ISO text and compare as such; domain::reminder_due has the last word.
    auto candidates = read_all(s_, Query(std::string(application_select) +
                                         "WHERE a.status = 'pending' AND a.reminded_at IS NULL AND a.created_at <= :due "
                                         "AND a.created_at > :expired ORDER BY a.created_at, a.id LIMIT :limit")
                                       .bind("due", iso_utc(now - timers.reminder_after))
                                       .bind("expired", iso_utc(now - timers.expiry_after))
                                       .bind("limit", static_cast<long long>(limit)));
    std::erase_if(candidates, [&](const ApplicationRecord& a) {
        const auto status = domain::parse_application_status(a.status);
        return !status || !domain::reminder_due(*status, parse_iso_utc(a.created_at), !a.reminded_at.empty(), now, timers);
    });
    return candidates;
}

std::vector<ApplicationRecord> ApplicationRepository::due_expiries(Clock::time_point now, const domain::ApplicationTimers& timers,
                                                                   int limit) {
    auto candidates = read_all(s_, Query(std::string(application_select) + "WHERE a.status IN " + awaiting_sql +
                                         " AND a.created_at <= :due ORDER BY a.created_at, a.id LIMIT :limit")
                                       .bind("due", iso_utc(now - timers.expiry_after))
                                       .bind("limit", static_cast<long long>(limit)));
    std::erase_if(candidates, [&](const ApplicationRecord& a) {
        const auto status = domain::parse_application_status(a.status);
        return !status || !domain::expiry_due(*status, parse_iso_utc(a.created_at), now, timers);
    });
    return candidates;
}

bool ApplicationRepository::mark_reminded(long long id, Clock::time_point now) {
    return Query("UPDATE applications SET reminded_at = :at WHERE id = :id AND status = 'pending' AND reminded_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", id)
               .execute(s_) == 1;
}

bool ApplicationRepository::expire(long long id, Clock::time_point now) {
    return Query(std::string("UPDATE applications SET status = 'expired', updated_at = :at WHERE id = :id AND status IN ") +
                 awaiting_sql)
               .bind("at", iso_utc(now))
               .bind("id", id)
               .execute(s_) == 1;
}

std::vector<Recipient> ApplicationRepository::organisation_recipients(long long organisation_id, bool admins_only_if_any) {
    std::vector<Recipient> admins, everyone;
    Query("SELECT pe.email, pe.display_name, m.role FROM memberships m JOIN people pe ON pe.id = m.person_id "
          "JOIN accounts ac ON ac.person_id = pe.id "
          "WHERE m.organisation_id = :id AND ac.active = 1 AND pe.email IS NOT NULL ORDER BY pe.id")
        .bind("id", organisation_id)
        .for_each(s_, [&](const soci::row& r) {
            Recipient recipient{column_text(r, 0), column_text(r, 1)};
            if (column_text(r, 2) == "admin") admins.push_back(recipient);
            everyone.push_back(std::move(recipient));
        });
    return admins_only_if_any && !admins.empty() ? admins : everyone;
}

std::optional<Recipient> ApplicationRepository::applicant(long long person_id) {
    std::optional<Recipient> found;
    Query("SELECT pe.email, pe.display_name FROM people pe JOIN accounts ac ON ac.person_id = pe.id "
          "WHERE pe.id = :id AND ac.active = 1 AND pe.email IS NOT NULL")
        .bind("id", person_id)
        .for_each(s_, [&](const soci::row& r) {
            found = Recipient{column_text(r, 0), column_text(r, 1)};
        });
    return found;
}

}  // namespace latitudes::store
