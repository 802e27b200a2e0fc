#pragma once
// Opportunities and applications to them (migration 0007: opportunity_details, applications).
// The rules (who may apply, which decisions follow which status, when a reminder or an expiry is
// due) are domain/opportunity's; this layer reads and writes rows. Every method works on the
// caller's session, so that a change and the mail it sends share one transaction. Methods that
// change an application re-check its status in their UPDATE, so that two people acting at once
// (an owner deciding while the applicant withdraws, two servers running the jobs) cannot both win.
#include "domain/opportunity.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

// A project seen as something one applies to (any status; the caller decides what to show).
struct OpportunityTarget {
    long long id = 0;
    std::string slug, title, format, status;
    long long organisation_id = 0;
    std::string organisation_slug, organisation_name;
};

struct ApplicationRecord {
    long long id = 0, project_id = 0, person_id = 0;
    std::string message;
    std::string shared = "{}";  // JSON object: the parts of the profile the applicant chose to share
    std::string status;         // domain::ApplicationStatus name
    std::string owner_message;
    std::string created_at, updated_at, reminded_at;  // reminded_at "" when never reminded
    std::string person_name, person_email;            // the applicant ("" once their account is erased)
    std::string project_slug, project_title, project_format, project_status;
    long long organisation_id = 0;
    std::string organisation_name;
};

struct NewApplication {
    long long project_id = 0, person_id = 0;
    std::string message;
    std::string shared = "{}";
};

struct ApplyOutcome {
    std::string refusal;  // a domain::apply_refusal value; "" when the application was recorded
    long long id = 0;
    bool resubmitted = false;  // a withdrawn application was sent again (same row, back to pending)
    bool ok() const { return refusal.empty(); }
};

// Everything that decides whether a person may apply to a project now (domain::can_apply's input),
// read in one place for the page that offers the form and for the write that records it.
struct ApplyState {
    domain::OpportunityDetails details;
    std::optional<ApplicationRecord> earlier;  // the person's own application, any status
    domain::ApplyContext context;
};

enum class DecideOutcome {
    done,
    not_found,
    not_allowed,  // the status does not allow this decision (already decided, withdrawn, expired)
    full,         // accepting would go beyond the capacity
};

// Someone to tell: an e-mail address and a name.
struct Recipient {
    std::string email, display_name;
};

class ApplicationRepository {
public:
    explicit ApplicationRepository(soci::session& session) : s_(session) {}

    // The format-specific details of an opportunity (nullopt when none were recorded).
    std::optional<domain::OpportunityDetails> details(long long project_id);
    // Writes (inserts or replaces) the details of an opportunity (seed and tests; the framing
    // sheet writes them through NeedRepository::apply_framing).
    void save_details(long long project_id, const domain::OpportunityDetails& details);

    // The project with this slug, whatever its status.
    std::optional<OpportunityTarget> target(const std::string& slug);
    std::optional<OpportunityTarget> target(long long project_id);
    long long accepted_count(long long project_id);
    // The person's application to the project, whatever its status.
    std::optional<ApplicationRecord> of_person(long long project_id, long long person_id);

    // Records an application if domain::can_apply allows it at `now` (UTC date): the project is
    // locked first (a no-op UPDATE of its row), then status, deadline, capacity and an earlier
    // application are read again, so that the answer holds until the caller commits. A withdrawn
    // application is sent again by updating its row back to pending (UNIQUE (project, person)).
    // Nothing is written when it is refused.
    ApplyOutcome apply(const NewApplication& application, Clock::time_point now);
    // What domain::can_apply needs for `person_id` (0: anyone) at `now`.
    ApplyState apply_state(const OpportunityTarget& project, long long person_id, Clock::time_point now);

    std::optional<ApplicationRecord> find(long long id);
    // Applications to a project: those awaiting an answer first, then the others, oldest first.
    std::vector<ApplicationRecord> for_project(long long project_id);
    // A person's applications, newest first, with the project and organisation.
    std::vector<ApplicationRecord> for_person(long long person_id);

    // The owner's decision (accepted, declined, call_requested), if domain::can_decide allows it
    // from the current status; accepting also needs a free place (checked with the project locked).
    DecideOutcome decide(long long id, domain::ApplicationStatus to, const std::string& owner_message, Clock::time_point now);
    // The applicant withdraws an application awaiting an answer; false when it is not theirs or
    // no longer awaiting one.
    bool withdraw(long long id, long long person_id, Clock::time_point now);

    // Pending applications never reminded whose reminder is due at `now` (see
    // domain::reminder_due), and awaiting ones whose expiry is due, oldest first, at most `limit`.
    std::vector<ApplicationRecord> due_reminders(Clock::time_point now, const domain::ApplicationTimers& timers, int limit);
    std::vector<ApplicationRecord> due_expiries(Clock::time_point now, const domain::ApplicationTimers& timers, int limit);
    // Marks a reminder sent; false when someone else did it first or the application was answered.
    bool mark_reminded(long long id, Clock::time_point now);
    // Expires an application still awaiting an answer; false when it no longer is.
    bool expire(long long id, Clock::time_point now);

    // Who hears about an organisation's applications: its members with an active account, or
    // only its admins when `admins_only_if_any` and it has any.
    std::vector<Recipient> organisation_recipients(long long organisation_id, bool admins_only_if_any);
    // The applicant, when their account is still active.
    std::optional<Recipient> applicant(long long person_id);

private:
    // Takes the project's row lock (a no-op UPDATE) so that applying and accepting are serialised
    // per project on both engines.
    void lock_project(long long project_id);
    soci::session& s_;
};

}  // namespace latitudes::store
