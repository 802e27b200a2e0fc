#include "store/organisations.hpp"

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
    created.id = Query("INSERT INTO organisations (slug, name, kind, city, website, description, is_partner, verified, created_at) "
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
        .bind("person", admin).bind("organisation", created.id).bind("at", iso_utc(now)).execute(s_);
    return created;
}

std::optional<OrganisationRecord> OrganisationRepository::find_by_slug(const std::string& slug) {
    std::optional<OrganisationRecord> found;
    Query("SELECT id, slug, name, kind, city, website, description, verified FROM organisations WHERE slug = :slug")
        .bind("slug", slug)
        .for_each(s_, [&](const soci::row& r) {
            found = OrganisationRecord{column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3),
                                       column_text(r, 4), column_text(r, 5), column_text(r, 6), column_int(r, 7) == 1};
        });
    return found;
}

std::string OrganisationRepository::member_role(long long organisation_id, long long person_id) {
    std::string role;
    Query("SELECT role FROM memberships WHERE organisation_id = :organisation AND person_id = :person")
        .bind("organisation", organisation_id).bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { role = column_text(r, 0); });
    return role;
}

std::vector<Member> OrganisationRepository::members(long long organisation_id) {
    std::vector<Member> list;
    Query("SELECT p.id, p.display_name, m.role FROM memberships m JOIN people p ON p.id = m.person_id "
          "WHERE m.organisation_id = :organisation ORDER BY m.role, p.display_name")
        .bind("organisation", organisation_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2)}); });
    return list;
}

void OrganisationRepository::set_verified(long long organisation_id, bool verified) {
    Query("UPDATE organisations SET verified = :verified WHERE id = :id")
        .bind("verified", verified ? 1LL : 0LL).bind("id", organisation_id).execute(s_);
}

}  // namespace latitudes::store
