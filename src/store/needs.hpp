#pragma once
// Needs, framing sheets and the status history (migration 0007). A need is a `projects` row
// from its first draft on; the beneficiary's words are in `needs`, the framing sheet's revisions
// in `framing_revisions` (JSON content, see domain/framing.hpp), moves in `status_changes`.
// Every method works on the caller's session, so that a move, its history row and its mail share
// one transaction.
#include "domain/project.hpp"
#include "domain/workflow.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct NeedText {
    std::string problem, beneficiaries, existing, data_tools, hopes, constraints, contact_name, contact_email;
};

struct NewNeed {
    long long organisation_id = 0;
    std::string title, summary, format;  // format: domain::Format name
    std::vector<int> sdgs;
    NeedText text;
};

struct NeedRecord {
    long long id = 0;  // the project's id
    std::string slug, title, summary, level;
    domain::Format format = domain::Format::student_project;
    domain::Status status = domain::Status::draft;
    long long organisation_id = 0;
    std::string organisation_slug, organisation_name;
    bool organisation_verified = false;
    std::vector<int> sdgs;
    NeedText text;
    std::string created_by_name, created_at, updated_at;
};

struct NeedSummary {
    long long id = 0;
    std::string slug, title, format, status, organisation_name, updated_at;
};

struct StatusChange {
    std::string from, to, actor_name, reason, at;
};

struct RevisionInfo {
    int number = 0;
    std::string author_name, created_at;
};

struct Revision {
    int number = 0;
    std::string author_name, created_at, content;  // content: JSON object as text
};

struct Comment {
    std::string author_name, body, created_at;
};

class NeedRepository {
public:
    explicit NeedRepository(soci::session& session) : s_(session) {}

    // A draft project with its need; the slug comes from the title, made unique. Returns the id.
    long long create(const NewNeed& need, long long author, Clock::time_point now);
    std::optional<NeedRecord> find(long long id);
    // When `author` created their needs after `since`: how many, and the first of them. Inside a
    // WriteTransaction, so that concurrent creations are counted one after the other: SQLite has
    // one writer, and on PostgreSQL the author's row is locked until commit.
    struct AuthorCount {
        long long count = 0;
        std::optional<Clock::time_point> first;
    };
    AuthorCount created_by_since(long long author, Clock::time_point since);
    // Rewrites what the beneficiary wrote (the caller allows it in draft only).
    void update(long long id, const NewNeed& need, Clock::time_point now);

    // Moves the project from `from` to `to` if it is still in `from` (false when someone moved it
    // meanwhile: nothing changes) and records the move, in the history and the audit log
    // ("move_need"). Publishing sets published_at.
    bool move(long long id, domain::Status from, domain::Status to, long long actor, const std::string& reason,
              Clock::time_point now);
    std::vector<StatusChange> history(long long id);

    // Needs of one organisation (newest first), and all needs in some statuses (staff's queue).
    std::vector<NeedSummary> of_organisation(long long organisation_id);
    std::vector<NeedSummary> in_statuses(const std::vector<std::string>& statuses, int limit);
    // The e-mail addresses of the organisation's members (to tell them of a move).
    std::vector<std::string> member_emails(long long organisation_id);

    // Framing sheet.
    int add_revision(long long id, long long author, const std::string& content, Clock::time_point now);
    std::vector<RevisionInfo> revisions(long long id);  // newest first
    std::optional<Revision> revision(long long id, int number);
    std::optional<Revision> latest_revision(long long id);
    long long add_comment(long long id, long long author, const std::string& body, Clock::time_point now);  // its id
    std::vector<Comment> comments(long long id);                                                            // oldest first

    // Copies a framed sheet onto the project (done when it becomes ready): summary, description,
    // team size, required skills with levels and, for opportunities, the format's details.
    struct Framed {
        std::string summary, description;
        int team_min = 1, team_max = 1;
        long long semester_id = 0;                      // 0: none
        std::string starts_on, ends_on;                 // YYYY-MM-DD or empty
        std::vector<int> sdgs;                          // empty: the need's SDGs stay
        std::vector<std::pair<long long, int>> skills;  // (skill id, level 1..3)
        bool has_details = false;
        std::string place, frequency, seeking, partner, deadline;
        bool remote = false;
        int hours_per_week = 0, compensation = 0, sessions = 0, capacity = 1;
    };
    void apply_framing(long long id, const Framed& framed);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
