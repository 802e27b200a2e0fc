#include "store/notices.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

// People with an active account and an address; the query goes on with what selects them.
constexpr const char* addressee_columns = "SELECT pe.id, pe.email, pe.display_name FROM people pe "
                                          "JOIN accounts a ON a.person_id = pe.id WHERE a.active = 1 AND pe.email IS NOT NULL ";

std::vector<Addressee> addressees(soci::session& session, Query query) {
    std::vector<Addressee> list;
    query.for_each(session, [&](const soci::row& r) {
        list.push_back({column_int(r, 0), {column_text(r, 1), column_text(r, 2)}});
    });
    return list;
}

std::vector<long long> ids_of(const std::vector<Addressee>& list) {
    std::vector<long long> ids;
    for (const auto& a : list) ids.push_back(a.person_id);
    return ids;
}

}  // namespace

std::vector<Addressee> staff_addressees(soci::session& session) {
    return addressees(session, Query(std::string(addressee_columns) + "AND pe.kind = 'staff' ORDER BY pe.email"));
}

std::vector<Addressee> member_addressees(soci::session& session, long long organisation_id) {
    return addressees(session, Query(std::string(addressee_columns) +
                                     "AND pe.id IN (SELECT person_id FROM memberships WHERE organisation_id = :organisation) "
                                     "ORDER BY pe.email")
                                   .bind("organisation", organisation_id));
}

std::vector<long long> CommentNoticeRepository::other_side(long long project_id, long long organisation_id, long long author,
                                                           bool by_staff) {
    std::vector<long long> ids;
    if (by_staff) {
        ids = ids_of(member_addressees(s_, organisation_id));
    } else {
        ids = ids_of(addressees(
            s_, Query(std::string(addressee_columns) +
                      "AND pe.kind = 'staff' AND pe.id IN (SELECT actor_id FROM status_changes WHERE project_id = :project "
                      "UNION SELECT author_id FROM framing_revisions WHERE project_id = :project "
                      "UNION SELECT author_id FROM framing_comments WHERE project_id = :project) ORDER BY pe.id")
                    .bind("project", project_id)));
        std::erase(ids, author);
        if (ids.empty()) ids = ids_of(staff_addressees(s_));
    }
    std::erase(ids, author);  // a staff member of the organisation, or the only staff account
    return ids;
}

void CommentNoticeRepository::queue(long long comment_id, const std::vector<long long>& people) {
    for (long long person : people)
        Query("INSERT INTO framing_comment_notices (comment_id, person_id) VALUES (:comment, :person)")
            .bind("comment", comment_id)
            .bind("person", person)
            .execute(s_);
}

std::vector<Addressee> CommentNoticeRepository::due(Clock::time_point cutoff, int limit) {
    return addressees(s_, Query(std::string(addressee_columns) +
                                "AND pe.id IN (SELECT n.person_id FROM framing_comment_notices n WHERE n.notified_at IS NULL) "
                                "AND NOT EXISTS (SELECT 1 FROM framing_comment_notices t WHERE t.person_id = pe.id "
                                "AND t.notified_at > :cutoff) ORDER BY pe.id LIMIT :limit")
                              .bind("cutoff", iso_utc(cutoff))
                              .bind("limit", static_cast<long long>(limit)));
}

void CommentNoticeRepository::lock_person(long long person_id) {
    if (s_.get_backend_name() == "postgresql")
        Query("SELECT id FROM people WHERE id = :person FOR UPDATE").bind("person", person_id).scalar(s_);
}

bool CommentNoticeRepository::told_since(long long person_id, Clock::time_point cutoff) {
    return Query("SELECT COUNT(*) FROM framing_comment_notices WHERE person_id = :person AND notified_at > :cutoff")
               .bind("person", person_id)
               .bind("cutoff", iso_utc(cutoff))
               .scalar(s_) > 0;
}

std::vector<PendingComment> CommentNoticeRepository::pending(long long person_id) {
    std::vector<PendingComment> list;
    Query("SELECT c.id, c.project_id, p.title, COALESCE(au.display_name, ''), c.body, c.created_at, "
          "CASE WHEN pe.kind = 'staff' OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = pe.id "
          "AND m.organisation_id = p.beneficiary_id) THEN 1 ELSE 0 END "
          "FROM framing_comment_notices n JOIN framing_comments c ON c.id = n.comment_id "
          "JOIN projects p ON p.id = c.project_id JOIN people pe ON pe.id = n.person_id "
          "LEFT JOIN people au ON au.id = c.author_id "
          "WHERE n.person_id = :person AND n.notified_at IS NULL ORDER BY c.id")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_int(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                            column_text(r, 5), column_int(r, 6) == 1});
        });
    return list;
}

long long CommentNoticeRepository::mark_told(long long person_id, long long last_comment_id, Clock::time_point now) {
    return Query("UPDATE framing_comment_notices SET notified_at = :now "
                 "WHERE person_id = :person AND notified_at IS NULL AND comment_id <= :last")
        .bind("now", iso_utc(now))
        .bind("person", person_id)
        .bind("last", last_comment_id)
        .execute(s_);
}

}  // namespace latitudes::store
