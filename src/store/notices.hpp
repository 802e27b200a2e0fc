#pragma once
// Whom to tell of what happens to a need, and what is still to be told (issue 10): staff when a
// need is submitted, an organisation's members when it is verified, the other side of a framing
// conversation when someone comments (the hourly digest, migration 0014). Recipients are people
// with an active account and an address. Every method works on the caller's session, so that
// the notices of a comment are written with it and a digest's marks with its mail.
#include "store/accounts.hpp"
#include "store/applications.hpp"

#include <string>
#include <vector>

namespace latitudes::store {

struct Addressee {
    long long person_id = 0;
    Recipient to;
};

// Every staff account, by address.
std::vector<Addressee> staff_addressees(soci::session& session);
// The organisation's members, by address.
std::vector<Addressee> member_addressees(soci::session& session, long long organisation_id);

struct PendingComment {
    long long comment_id = 0, project_id = 0;
    std::string need_title, author_name, body, created_at;
    bool visible = false;  // the person may still read it: staff, or a member of the need's organisation
};

class CommentNoticeRepository {
public:
    explicit CommentNoticeRepository(soci::session& session) : s_(session) {}

    // The people to tell of a comment by `author` on `project_id`'s sheet: the other side of the
    // conversation. A comment by staff goes to the organisation's members; one by the
    // beneficiary goes to the staff who follow the need (who moved it, revised its sheet or
    // commented on it), or to every staff account while none has. Never to the author.
    std::vector<long long> other_side(long long project_id, long long organisation_id, long long author, bool by_staff);
    // One notice per person for the comment (in the comment's transaction).
    void queue(long long comment_id, const std::vector<long long>& people);

    // People with a notice not yet told and none told after `cutoff` (told within the hour:
    // they wait), with an active account and an address, by id.
    std::vector<Addressee> due(Clock::time_point cutoff, int limit);
    // Inside the write transaction of the digest: locks the person (PostgreSQL; SQLite has one
    // writer), so that two runners handle one person one after the other.
    void lock_person(long long person_id);
    // True when a notice of the person was marked after `cutoff`.
    bool told_since(long long person_id, Clock::time_point cutoff);
    // The person's notices not yet told, oldest comment first.
    std::vector<PendingComment> pending(long long person_id);
    // Marks the person's notices up to `last_comment_id` as told at `now`; returns how many.
    long long mark_told(long long person_id, long long last_comment_id, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
