#include "store/directory.hpp"

#include "store/query.hpp"

#include <algorithm>

namespace latitudes::store {

namespace {

// "%text%" for `LOWER(column) LIKE :pattern ESCAPE '\'`: the visitor's % and _ match themselves.
// Lower-cased in ASCII only, as SQLite's LOWER does; "" when there is nothing to search for.
std::string like_pattern(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return pattern + "%";
}

std::string page(int limit, int offset) {
    return " LIMIT " + std::to_string(std::clamp(limit, 1, 200)) + " OFFSET " + std::to_string(std::max(offset, 0));
}

}  // namespace

std::vector<PersonRow> Directory::people(const DirectoryQuery& query) {
    Query q("SELECT p.id, p.email, p.display_name, p.kind, p.created_at, a.last_login_at, a.active, a.email_confirmed_at "
            "FROM people p JOIN accounts a ON a.person_id = p.id WHERE 1 = 1");
    if (const auto pattern = like_pattern(query.text); !pattern.empty())
        q.append(" AND (LOWER(p.display_name) LIKE :pattern ESCAPE '\\' OR LOWER(p.email) LIKE :pattern ESCAPE '\\')")
            .bind("pattern", pattern);
    if (!query.role.empty()) q.append(" AND p.kind = :role").bind("role", query.role);
    if (query.status == "active") q.append(" AND a.active = 1");
    else if (query.status == "inactive") q.append(" AND a.active = 0");
    else if (!query.status.empty()) q.append(" AND 1 = 0");  // an unknown status matches no one
    q.append(" ORDER BY p.display_name, p.id" + page(query.limit, query.offset));
    std::vector<PersonRow> rows;
    q.for_each(s_, [&](const soci::row& r) {
        rows.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                        column_text(r, 5), column_int(r, 6) == 1, !column_text(r, 7).empty()});
    });
    return rows;
}

std::vector<OrganisationRow> Directory::organisations(const DirectoryQuery& query) {
    Query q("SELECT o.id, o.slug, o.name, o.kind, o.city, o.created_at, o.verified, "
            "(SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = o.id) "
            "FROM organisations o WHERE 1 = 1");
    if (const auto pattern = like_pattern(query.text); !pattern.empty())
        q.append(" AND (LOWER(o.name) LIKE :pattern ESCAPE '\\' OR LOWER(o.city) LIKE :pattern ESCAPE '\\')")
            .bind("pattern", pattern);
    if (query.status == "verified") q.append(" AND o.verified = 1");
    else if (query.status == "unverified") q.append(" AND o.verified = 0");
    else if (!query.status.empty()) q.append(" AND 1 = 0");
    q.append(" ORDER BY o.verified, o.name, o.id" + page(query.limit, query.offset));
    std::vector<OrganisationRow> rows;
    q.for_each(s_, [&](const soci::row& r) {
        rows.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                        column_text(r, 5), column_int(r, 6) == 1, column_int(r, 7)});
    });
    return rows;
}

std::vector<AuditEntry> Directory::audit(int limit, long long before_id) {
    // Newest first by id (the order of writing), so that `before_id` pages back without gaps.
    // An erased actor keeps their person row (nameless, no account): the name reads as "".
    Query q("SELECT l.id, l.at, CASE WHEN a.person_id IS NULL THEN '' ELSE p.display_name END, "
            "l.action, l.target_kind, l.details, l.target_id "
            "FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id LEFT JOIN accounts a ON a.person_id = l.actor_id");
    if (before_id > 0) q.append(" WHERE l.id < :before").bind("before", before_id);
    q.append(" ORDER BY l.id DESC LIMIT " + std::to_string(std::clamp(limit, 1, 200)));
    std::vector<AuditEntry> entries;
    q.for_each(s_, [&](const soci::row& r) {
        entries.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                           column_text(r, 5), column_int(r, 6)});
    });
    return entries;
}

}  // namespace latitudes::store
