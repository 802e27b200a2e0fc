// Profiles, personal API tokens, change of e-mail and what erasing an account removes.
#include "domain/credentials.hpp"
#include "store/accounts.hpp"
#include "store/api_tokens.hpp"
#include "store/migrations.hpp"
#include "store/organisations.hpp"
#include "store/profiles.hpp"
#include "store/query.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace latitudes;
using namespace latitudes::store;
using namespace std::chrono_literals;

namespace {

class StoreFixture : public test::MigratedDatabase {
protected:
    StoreFixture() : MigratedDatabase("profiles") {}
    using MigratedDatabase::count;
    long long make_account(const std::string& email, const std::string& role = "student",
                           const std::string& name = "Camille Martin") {
        return AccountRepository(s()).create({email, name, role, "hash-of-" + email, false}, now_);
    }
    long long make_organisation(const std::string& name, const std::string& kind, long long admin, bool verified = true) {
        OrganisationRecord o;
        o.name = name;
        o.kind = kind;
        const long long id = OrganisationRepository(s()).create(o, admin, now_).id;
        if (verified) OrganisationRepository(s()).set_verified(id, true);
        return id;
    }
    long long skill(const std::string& slug) {
        return Query("SELECT id FROM skills WHERE slug = :slug").bind("slug", slug).scalar(s());
    }
    long long count(const std::string& sql, long long id) { return Query(sql).bind("id", id).scalar(s()); }
};

class Profiles : public StoreFixture {};
class ApiTokens : public StoreFixture {};
class AccountEmail : public StoreFixture {};

}  // namespace

// ---- Profiles ---------------------------------------------------------------------------------

TEST_F(Profiles, AnUnsavedProfileIsEmpty) {
    const long long id = make_account("a@example.org");
    const Profile p = ProfileRepository(s()).find(id);
    EXPECT_EQ(p.school_id, 0);
    EXPECT_EQ(p.study_year, 0);
    EXPECT_EQ(p.hours_per_week, 0);
    EXPECT_TRUE(p.employer.empty());
    EXPECT_TRUE(p.bio.empty());
    EXPECT_TRUE(p.skills.empty());
    EXPECT_TRUE(p.sdgs.empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM profiles"), 0);
}

TEST_F(Profiles, SaveThenFindRoundTrips) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long school = make_organisation("École Centrale", "school", staff);
    const long long id = make_account("a@example.org");
    Profile p;
    p.school_id = school;
    p.study_year = 4;
    p.availability = "2 jours par semaine dès février";
    p.hours_per_week = 12;
    p.bio = "Étudiante en data science.";
    p.skills = {{skill("web-frontend"), 2}, {skill("web-backend"), 3}};
    p.sdgs = {4, 13};
    ProfileRepository(s()).save(id, p, now_);

    const Profile found = ProfileRepository(s()).find(id);
    EXPECT_EQ(found.school_id, school);
    EXPECT_EQ(found.study_year, 4);
    EXPECT_EQ(found.availability, "2 jours par semaine dès février");
    EXPECT_EQ(found.hours_per_week, 12);
    EXPECT_EQ(found.bio, "Étudiante en data science.");
    ASSERT_EQ(found.skills.size(), 2u);
    const long long frontend = skill("web-frontend"), backend = skill("web-backend");
    EXPECT_EQ(found.skills[0].skill_id, std::min(frontend, backend)) << "ordered by skill id";
    EXPECT_EQ(found.skills[1].skill_id, std::max(frontend, backend));
    EXPECT_EQ(found.skills[frontend < backend ? 0 : 1].level, 2);
    EXPECT_EQ(found.skills[frontend < backend ? 1 : 0].level, 3);
    EXPECT_EQ(found.sdgs, (std::vector<int>{4, 13}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE school_id IS NOT NULL AND id = :id", id), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM profiles WHERE updated_at = '2026-11-28T10:00:00Z'"), 1);
}

TEST_F(Profiles, SaveReplacesTheWholeProfile) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long school = make_organisation("INSA Lyon", "school", staff);
    const long long id = make_account("a@example.org");
    const long long other = make_account("b@example.org");
    ProfileRepository profiles(s());
    Profile first;
    first.school_id = school;
    first.study_year = 2;
    first.hours_per_week = 10;
    first.skills = {{skill("web-frontend"), 1}, {skill("mobile"), 2}};
    first.sdgs = {1, 2, 3};
    profiles.save(id, first, now_);
    profiles.save(other, first, now_);

    Profile second;  // no school, no year, one different skill, one SDG
    second.employer = "Coopérative numérique";
    second.skills = {{skill("web-backend"), 3}};
    second.sdgs = {17};
    profiles.save(id, second, now_ + 1h);

    const Profile found = profiles.find(id);
    EXPECT_EQ(found.school_id, 0);
    EXPECT_EQ(found.study_year, 0);
    EXPECT_EQ(found.hours_per_week, 0);
    EXPECT_EQ(found.employer, "Coopérative numérique");
    ASSERT_EQ(found.skills.size(), 1u);
    EXPECT_EQ(found.skills[0].skill_id, skill("web-backend"));
    EXPECT_EQ(found.skills[0].level, 3);
    EXPECT_EQ(found.sdgs, (std::vector<int>{17}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM profiles WHERE person_id = :id", id), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE school_id IS NULL AND id = :id", id), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM profiles WHERE study_year IS NULL AND hours_per_week IS NULL AND person_id = :id", id),
              1);
    // The other person's profile is untouched.
    EXPECT_EQ(profiles.find(other).skills.size(), 2u);
    EXPECT_EQ(profiles.find(other).sdgs.size(), 3u);
}

TEST_F(Profiles, RefusesWhatTheSchemaWouldRefuseWithoutWriting) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long association = make_organisation("Les Restos", "association", staff);
    const long long school = make_organisation("ENSIMAG", "school", staff);
    const long long id = make_account("a@example.org");
    ProfileRepository profiles(s());
    Profile good;
    good.school_id = school;
    good.skills = {{skill("mobile"), 2}};
    good.sdgs = {5};
    profiles.save(id, good, now_);

    auto refused = [&](auto change) {
        Profile p = good;
        p.skills = {};
        p.sdgs = {};
        change(p);
        EXPECT_THROW(profiles.save(id, p, now_ + 1h), DatabaseError);
        // Nothing was written: the first profile is still there as it was.
        const Profile kept = profiles.find(id);
        EXPECT_EQ(kept.school_id, school);
        EXPECT_EQ(kept.skills.size(), 1u);
        EXPECT_EQ(kept.sdgs, std::vector<int>{5});
    };
    refused([&](Profile& p) { p.school_id = association; });    // an organisation, but not a school
    refused([&](Profile& p) { p.school_id = school + 1000; });  // no such organisation
    refused([&](Profile& p) { p.skills = {{999999, 1}}; });
    refused([&](Profile& p) { p.skills = {{skill("mobile"), 4}}; });
    refused([&](Profile& p) { p.skills = {{skill("mobile"), 1}, {skill("mobile"), 2}}; });
    refused([&](Profile& p) { p.sdgs = {18}; });
    refused([&](Profile& p) { p.sdgs = {3, 3}; });
    refused([&](Profile& p) { p.study_year = 9; });
    refused([&](Profile& p) { p.hours_per_week = 61; });
    EXPECT_THROW(profiles.save(id + 1000, good, now_), DatabaseError) << "no such person";
}

TEST_F(Profiles, SchoolsAreTheVerifiedSchoolsByName) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long z = make_organisation("Zeta School", "school", staff);
    const long long a = make_organisation("Alpha School", "school", staff);
    make_organisation("Hidden School", "school", staff, false);
    make_organisation("Alpha Association", "association", staff);
    const auto schools = ProfileRepository(s()).schools();
    ASSERT_EQ(schools.size(), 2u);
    EXPECT_EQ(schools[0].id, a);
    EXPECT_EQ(schools[0].name, "Alpha School");
    EXPECT_EQ(schools[1].id, z);
}

// ---- Change of e-mail and erasure -------------------------------------------------------------

TEST_F(AccountEmail, SetEmailNormalisesAndConfirms) {
    const long long id = make_account("old@example.org");
    AccountRepository accounts(s());
    ASSERT_FALSE(accounts.find(id)->email_confirmed);
    accounts.set_email(id, "  New.Address@Example.ORG ");
    const auto a = accounts.find(id);
    EXPECT_EQ(a->email, "new.address@example.org");
    EXPECT_TRUE(a->email_confirmed);
    EXPECT_FALSE(accounts.find_by_email("old@example.org").has_value());
    EXPECT_EQ(accounts.find_by_email("new.address@example.org")->person_id, id);
    // Setting one's own address again is no conflict.
    EXPECT_NO_THROW(accounts.set_email(id, "new.address@example.org"));
}

TEST_F(AccountEmail, SetEmailKeepsAnEarlierConfirmation) {
    const long long id = make_account("old@example.org");
    AccountRepository accounts(s());
    accounts.confirm_email(id, now_);
    accounts.set_email(id, "new@example.org");
    EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE email_confirmed_at = '2026-11-28T10:00:00Z'"), 1);
}

TEST_F(AccountEmail, SetEmailRefusesTakenAndInvalidAddresses) {
    const long long id = make_account("a@example.org");
    make_account("b@example.org");
    AccountRepository accounts(s());
    auto code_of = [&](long long person, std::string_view email) {
        try {
            accounts.set_email(person, email);
        } catch (const AccountError& e) {
            return e.code();
        }
        return AccountError::Code::invalid_role;  // not thrown: the test fails below
    };
    EXPECT_EQ(code_of(id, "B@Example.org"), AccountError::Code::email_taken);
    EXPECT_EQ(code_of(id, "not-an-email"), AccountError::Code::invalid_email);
    EXPECT_EQ(code_of(id, ""), AccountError::Code::invalid_email);
    EXPECT_EQ(code_of(id + 1000, "c@example.org"), AccountError::Code::unknown_account);
    EXPECT_EQ(accounts.find(id)->email, "a@example.org");
    EXPECT_FALSE(accounts.find(id)->email_confirmed);
}

TEST_F(AccountEmail, EraseRemovesTheProfile) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long school = make_organisation("ENSIIE", "school", staff);
    const long long id = make_account("a@example.org");
    const long long other = make_account("b@example.org");
    Profile p;
    p.school_id = school;
    p.bio = "Personal words";
    p.skills = {{skill("mobile"), 2}};
    p.sdgs = {4};
    ProfileRepository(s()).save(id, p, now_);
    ProfileRepository(s()).save(other, p, now_);
    ApiTokenStore(s()).create(id, "script", now_);

    AccountRepository(s()).erase(id, now_);
    for (const char* table : {"profiles", "person_skills", "person_sdgs", "api_tokens", "accounts"})
        EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE person_id = :id", id), 0) << table;
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE id = :id AND school_id IS NULL AND email IS NULL", id), 1);
    const Profile gone = ProfileRepository(s()).find(id);
    EXPECT_TRUE(gone.bio.empty());
    EXPECT_TRUE(gone.skills.empty());
    // Nobody else's profile goes with it.
    EXPECT_EQ(ProfileRepository(s()).find(other).skills.size(), 1u);
    EXPECT_EQ(ProfileRepository(s()).find(other).bio, "Personal words");
}

// ---- Personal API tokens ----------------------------------------------------------------------

TEST_F(ApiTokens, OnlyTheDigestIsStored) {
    const long long id = make_account("a@example.org");
    const NewApiToken token = ApiTokenStore(s()).create(id, "my script", now_);
    EXPECT_GT(token.id, 0);
    ASSERT_EQ(token.value.rfind("lat_", 0), 0u);
    EXPECT_EQ(token.value.size(), 4u + 43u);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM api_tokens WHERE digest = :digest")
                  .bind("digest", domain::token_digest(token.value))
                  .scalar(s()),
              1);
    EXPECT_EQ(
        Query("SELECT COUNT(*) FROM api_tokens WHERE digest = :value OR name = :value").bind("value", token.value).scalar(s()), 0)
        << "the value itself is nowhere";
    EXPECT_NE(ApiTokenStore(s()).create(id, "my script", now_).value, token.value);
}

TEST_F(ApiTokens, AuthenticateFindsTheOwnerAndRecordsTheUse) {
    const long long id = make_account("a@example.org");
    ApiTokenStore tokens(s());
    const auto token = tokens.create(id, "ci", now_);
    EXPECT_EQ(tokens.list(id).at(0).last_used_at, "");
    EXPECT_EQ(tokens.authenticate(token.value, now_ + 5min), std::optional<long long>(id));
    EXPECT_EQ(tokens.list(id).at(0).last_used_at, "2026-11-28T10:05:00Z");
    EXPECT_FALSE(tokens.authenticate("", now_).has_value());
    EXPECT_FALSE(tokens.authenticate("lat_", now_).has_value());
    EXPECT_FALSE(tokens.authenticate(token.value.substr(4), now_).has_value()) << "without its prefix";
    EXPECT_FALSE(tokens.authenticate(token.value + "x", now_).has_value());
    EXPECT_FALSE(tokens.authenticate(domain::token_digest(token.value), now_).has_value()) << "the digest is no key";
}

TEST_F(ApiTokens, RevokedTokensAndInactiveAccountsDoNotAuthenticate) {
    const long long id = make_account("a@example.org");
    ApiTokenStore tokens(s());
    const auto revoked = tokens.create(id, "old", now_);
    const auto kept = tokens.create(id, "kept", now_);
    EXPECT_TRUE(tokens.revoke(id, revoked.id, now_ + 1min));
    EXPECT_FALSE(tokens.authenticate(revoked.value, now_ + 2min).has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL"), 0);
    EXPECT_TRUE(tokens.authenticate(kept.value, now_ + 2min).has_value());

    AccountRepository(s()).set_active(id, false);
    EXPECT_FALSE(tokens.authenticate(kept.value, now_ + 3min).has_value());
    AccountRepository(s()).set_active(id, true);
    EXPECT_TRUE(tokens.authenticate(kept.value, now_ + 4min).has_value());
}

TEST_F(ApiTokens, OnlyTheOwnerRevokesAndOnlyOnce) {
    const long long alice = make_account("alice@example.org");
    const long long bob = make_account("bob@example.org");
    ApiTokenStore tokens(s());
    const auto token = tokens.create(alice, "script", now_);
    EXPECT_FALSE(tokens.revoke(bob, token.id, now_)) << "someone else's token";
    EXPECT_TRUE(tokens.authenticate(token.value, now_).has_value());
    EXPECT_FALSE(tokens.revoke(alice, token.id + 1000, now_)) << "no such token";
    EXPECT_TRUE(tokens.revoke(alice, token.id, now_));
    EXPECT_FALSE(tokens.revoke(alice, token.id, now_ + 1min)) << "already revoked";
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE revoked_at = '2026-11-28T10:00:00Z'"), 1);
}

TEST_F(ApiTokens, ListsNewestFirstWithRevokedOnesMarked) {
    const long long id = make_account("a@example.org");
    const long long other = make_account("b@example.org");
    ApiTokenStore tokens(s());
    const auto first = tokens.create(id, "first", now_);
    const auto second = tokens.create(id, "second", now_ + 1h);
    const auto third = tokens.create(id, "third", now_ + 1h);  // same instant: the later id first
    tokens.create(other, "not mine", now_ + 2h);
    tokens.revoke(id, first.id, now_ + 3h);

    const auto list = tokens.list(id);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].id, third.id);
    EXPECT_EQ(list[1].id, second.id);
    EXPECT_EQ(list[1].name, "second");
    EXPECT_EQ(list[1].created_at, "2026-11-28T11:00:00Z");
    EXPECT_FALSE(list[1].revoked);
    EXPECT_EQ(list[2].id, first.id);
    EXPECT_TRUE(list[2].revoked);
    EXPECT_EQ(tokens.live_count(id), 2);
    EXPECT_EQ(tokens.live_count(other), 1);
    EXPECT_TRUE(tokens.list(id + 1000).empty());
    EXPECT_EQ(tokens.live_count(id + 1000), 0);
}
