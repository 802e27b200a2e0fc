#include "store/organisations.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "store/query.hpp"

namespace latitudes::store {

OrganisationRecord OrganisationRepository::create(const OrganisationRecord& organisation, long long admin,
                                                  Clock::time_point now) {
    OrganisationRecord created = organisation;
    const std::string base = domain::slugify(organisation.name).substr(0, 60);
    created.slug = base.empty() ? "organisation" : base;
    // "new" is taken by the /orgs/new page.
    for (int n = 2; created.slug == "new" ||
                    Query("SELECT COUNT(*) FROM organisations WHERE slug = :slug").bind("slug", created.slug).scalar(s_) > 0;
         ++n)
        created.slug = (base.empty() ? "organisation" : base) + "-" + std::to_string(n);
    created.verified = false;
    created.id = Query(
                     "INSERT INTO organisations (slug, name, kind, city, website, description, is_partner, verified, created_at) "
                     "VALUES (:slug, :name, :kind, :city, :website, :description, 0, 0, :at) RETURNING id")
                     .bind("slug", created.slug)
                     .bind("name", created.name)
                     .bind("kind", created.kind)
                     .bind("city", created.city)
                     .bind("website", created.website)
                     .bind("description", created.description)
                     .bind("at", iso_utc(now))
                     .scalar(s_);
    Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (:person, :organisation, 'admin', :at)")
        .bind("person", admin)
        .bind("organisation", created.id)
        .bind("at", iso_utc(now))
        .execute(s_);
    return created;
}

namespace {
std::optional<OrganisationRecord> find_one(soci::session& s, Query query) {
    std::optional<OrganisationRecord> found;
    query.for_each(s, [&](const soci::row& r) {
        found = OrganisationRecord{column_int(r, 0),  column_text(r, 1), column_text(r, 2), column_text(r, 3),
                                   column_text(r, 4), column_text(r, 5), column_text(r, 6), column_int(r, 7) == 1};
    });
    return found;
}
constexpr const char* organisation_columns =
    "SELECT id, slug, name, kind, city, website, description, verified FROM organisations WHERE ";
// A stored role; an unknown one (never written by this code) counts as a plain member.
domain::MemberRole role_of(const std::string& stored) {
    return stored.empty() ? domain::MemberRole::none : domain::parse_member_role(stored).value_or(domain::MemberRole::member);
}
}  // namespace

std::optional<OrganisationRecord> OrganisationRepository::find_by_slug(const std::string& slug) {
    return find_one(s_, Query(std::string(organisation_columns) + "slug = :slug").bind("slug", slug));
}

std::optional<OrganisationRecord> OrganisationRepository::find(long long id) {
    return find_one(s_, Query(std::string(organisation_columns) + "id = :id").bind("id", id));
}

domain::MemberRole OrganisationRepository::member_role(long long organisation_id, long long person_id) {
    std::string role;
    Query("SELECT role FROM memberships WHERE organisation_id = :organisation AND person_id = :person")
        .bind("organisation", organisation_id)
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { role = column_text(r, 0); });
    return role_of(role);
}

std::vector<Member> OrganisationRepository::members(long long organisation_id) {
    std::vector<Member> list;
    Query("SELECT p.id, p.display_name, m.role FROM memberships m JOIN people p ON p.id = m.person_id "
          "WHERE m.organisation_id = :organisation ORDER BY m.role, p.display_name")
        .bind("organisation", organisation_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1), role_of(column_text(r, 2))});
        });
    return list;
}

void OrganisationRepository::set_verified(long long organisation_id, bool verified) {
    Query("UPDATE organisations SET verified = :verified WHERE id = :id")
        .bind("verified", verified ? 1LL : 0LL)
        .bind("id", organisation_id)
        .execute(s_);
}

namespace {

// A member is a member or an admin; none is what a non-member has, never stored.
void check_role(domain::MemberRole role) {
    if (role == domain::MemberRole::none) throw DatabaseError("a membership needs a role (member or admin)");
}

// Reads the member's role once the organisation's row is locked for the caller's transaction:
// two admins demoting or removing each other at once are serialised (PostgreSQL row lock;
// SQLite has a single writer anyway), so the second sees the first's change and is refused.
domain::MemberRole locked_role(soci::session& s, long long organisation_id, long long person_id, domain::MemberRole new_role) {
    Query("UPDATE organisations SET verified = verified WHERE id = :organisation")
        .bind("organisation", organisation_id)
        .execute(s);
    const auto current = OrganisationRepository(s).member_role(organisation_id, person_id);
    if (current == domain::MemberRole::none)
        throw MembershipError(MembershipError::Code::not_a_member, "person " + std::to_string(person_id) +
                                                                       " is not a member of organisation " +
                                                                       std::to_string(organisation_id));
    const long long admins = Query("SELECT COUNT(*) FROM memberships WHERE organisation_id = :organisation AND role = 'admin'")
                                 .bind("organisation", organisation_id)
                                 .scalar(s);
    if (domain::leaves_without_admin(current, new_role, admins))
        throw MembershipError(MembershipError::Code::last_admin,
                              "organisation " + std::to_string(organisation_id) + " would be left without an admin");
    return current;
}

}  // namespace

bool OrganisationRepository::add_member(long long organisation_id, long long person_id, domain::MemberRole role,
                                        Clock::time_point now) {
    check_role(role);
    // One statement: of two simultaneous additions, one inserts and the other changes nothing.
    return Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) "
                 "VALUES (:person, :organisation, :role, :at) ON CONFLICT (person_id, organisation_id) DO NOTHING")
               .bind("person", person_id)
               .bind("organisation", organisation_id)
               .bind("role", std::string(domain::to_string(role)))
               .bind("at", iso_utc(now))
               .execute(s_) == 1;
}

void OrganisationRepository::set_member_role(long long organisation_id, long long person_id, domain::MemberRole role) {
    check_role(role);
    if (locked_role(s_, organisation_id, person_id, role) == role) return;
    Query("UPDATE memberships SET role = :role WHERE organisation_id = :organisation AND person_id = :person")
        .bind("role", std::string(domain::to_string(role)))
        .bind("organisation", organisation_id)
        .bind("person", person_id)
        .execute(s_);
}

void OrganisationRepository::remove_member(long long organisation_id, long long person_id) {
    locked_role(s_, organisation_id, person_id, domain::MemberRole::none);
    Query("DELETE FROM memberships WHERE organisation_id = :organisation AND person_id = :person")
        .bind("organisation", organisation_id)
        .bind("person", person_id)
        .execute(s_);
}

std::vector<Membership> OrganisationRepository::memberships_of(long long person_id) {
    std::vector<Membership> list;
    Query("SELECT o.slug, o.name, o.kind, m.role, o.verified FROM memberships m "
          "JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = :person ORDER BY o.name, o.id")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), role_of(column_text(r, 3)),
                            column_int(r, 4) == 1});
        });
    return list;
}

std::vector<PendingInvitation> OrganisationRepository::pending_invitations(long long organisation_id, Clock::time_point now) {
    std::vector<PendingInvitation> list;
    Query("SELECT email, created_at, expires_at FROM one_time_tokens "
          "WHERE purpose = 'invitation' AND organisation_id = :organisation AND email <> '' "
          "AND used_at IS NULL AND expires_at > :now ORDER BY created_at DESC, email")
        .bind("organisation", organisation_id)
        .bind("now", iso_utc(now))
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

void OrganisationRepository::withdraw_invitations(long long organisation_id, const std::string& email, Clock::time_point now) {
    Query("UPDATE one_time_tokens SET used_at = :at WHERE purpose = 'invitation' AND organisation_id = :organisation "
          "AND LOWER(email) = :email AND used_at IS NULL")
        .bind("at", iso_utc(now))
        .bind("organisation", organisation_id)
        .bind("email", domain::normalise_email(email))
        .execute(s_);
}

std::vector<Membership> OrganisationRepository::verified_beneficiaries() {
    std::vector<Membership> list;
    Query("SELECT slug, name, kind FROM organisations WHERE verified = 1 AND kind IN ('association', 'social_enterprise', "
          "'public_institution', 'company') ORDER BY name, id")
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 0), column_text(r, 1), column_text(r, 2), domain::MemberRole::none, true});
        });
    return list;
}

}  // namespace latitudes::store
