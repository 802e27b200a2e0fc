// Members and invitations of organisations, and what staff read: people, organisations, audit log.
#include "store/accounts.hpp"
#include "store/directory.hpp"
#include "store/migrations.hpp"
#include "store/organisations.hpp"
#include "store/query.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

using namespace latitudes;
using namespace latitudes::store;
using namespace std::chrono_literals;

namespace {

class DirectoryFixture : public test::MigratedDatabase {
protected:
    DirectoryFixture() : MigratedDatabase("directory") {}
    long long make_account(const std::string& email, const std::string& name = "Camille Martin",
                           const std::string& role = "student") {
        return AccountRepository(s()).create({email, name, role, "hash", false}, now_);
    }
    long long make_organisation(const std::string& name, long long admin, const std::string& kind = "association",
                                const std::string& city = "") {
        OrganisationRecord o;
        o.name = name;
        o.kind = kind;
        o.city = city;
        return OrganisationRepository(s()).create(o, admin, now_).id;
    }
    MembershipError::Code error_of(const std::function<void()>& action) {
        try {
            action();
        } catch (const MembershipError& e) {
            return e.code();
        }
        ADD_FAILURE() << "no MembershipError";
        return MembershipError::Code::not_a_member;
    }
    static DirectoryQuery q(std::string text = "", std::string role = "", std::string status = "", int limit = 50,
                            int offset = 0) {
        DirectoryQuery query;
        query.text = std::move(text);
        query.role = std::move(role);
        query.status = std::move(status);
        query.limit = limit;
        query.offset = offset;
        return query;
    }
    static std::vector<std::string> names(const std::vector<PersonRow>& rows) {
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(r.display_name);
        return out;
    }
    static std::vector<std::string> names(const std::vector<OrganisationRow>& rows) {
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(r.name);
        return out;
    }
};

class Memberships : public DirectoryFixture {};
class Invitations : public DirectoryFixture {};
class StaffDirectory : public DirectoryFixture {};

}  // namespace

// ---- Members ----------------------------------------------------------------------------------

TEST_F(Memberships, FindById) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long org = make_organisation("Les Amis", alice, "association", "Nantes");
    OrganisationRepository orgs(s());
    const auto found = orgs.find(org);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->slug, "les-amis");
    EXPECT_EQ(found->name, "Les Amis");
    EXPECT_EQ(found->city, "Nantes");
    EXPECT_FALSE(found->verified);
    EXPECT_EQ(orgs.find_by_slug("les-amis")->id, org);
    EXPECT_FALSE(orgs.find(org + 1000).has_value());
}

TEST_F(Memberships, AddingNeverDemotes) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long bob = make_account("bob@example.org", "Bob");
    const long long org = make_organisation("Les Amis", alice);
    OrganisationRepository orgs(s());
    EXPECT_TRUE(orgs.add_member(org, bob, domain::MemberRole::member, now_));
    EXPECT_EQ(orgs.member_role(org, bob), domain::MemberRole::member);
    EXPECT_FALSE(orgs.add_member(org, bob, domain::MemberRole::admin, now_)) << "already a member: role kept";
    EXPECT_EQ(orgs.member_role(org, bob), domain::MemberRole::member);
    EXPECT_FALSE(orgs.add_member(org, alice, domain::MemberRole::member, now_)) << "an invitation never demotes";
    EXPECT_EQ(orgs.member_role(org, alice), domain::MemberRole::admin);
    EXPECT_THROW(orgs.add_member(org, make_account("c@example.org"), domain::MemberRole::none, now_), DatabaseError);
    EXPECT_EQ(orgs.members(org).size(), 2u);
}

TEST_F(Memberships, TheLastAdminCanNeitherBeDemotedNorRemoved) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long bob = make_account("bob@example.org", "Bob");
    const long long carol = make_account("carol@example.org", "Carol");
    const long long org = make_organisation("Les Amis", alice);
    OrganisationRepository orgs(s());
    EXPECT_EQ(error_of([&] { orgs.set_member_role(org, alice, domain::MemberRole::member); }), MembershipError::Code::last_admin);
    EXPECT_EQ(error_of([&] { orgs.remove_member(org, alice); }), MembershipError::Code::last_admin);
    EXPECT_EQ(orgs.member_role(org, alice), domain::MemberRole::admin);
    EXPECT_NO_THROW(orgs.set_member_role(org, alice, domain::MemberRole::admin)) << "no change";

    orgs.add_member(org, bob, domain::MemberRole::member, now_);
    orgs.set_member_role(org, bob, domain::MemberRole::admin);
    EXPECT_EQ(orgs.member_role(org, bob), domain::MemberRole::admin);
    orgs.set_member_role(org, alice, domain::MemberRole::member);  // Bob is admin too: allowed
    EXPECT_EQ(orgs.member_role(org, alice), domain::MemberRole::member);
    EXPECT_EQ(error_of([&] { orgs.remove_member(org, bob); }), MembershipError::Code::last_admin);
    orgs.remove_member(org, alice);  // a plain member leaves
    EXPECT_EQ(orgs.member_role(org, alice), domain::MemberRole::none);

    EXPECT_EQ(error_of([&] { orgs.set_member_role(org, carol, domain::MemberRole::admin); }),
              MembershipError::Code::not_a_member);
    EXPECT_EQ(error_of([&] { orgs.remove_member(org, carol); }), MembershipError::Code::not_a_member);
    EXPECT_EQ(error_of([&] { orgs.remove_member(org + 1000, bob); }), MembershipError::Code::not_a_member);
    EXPECT_THROW(orgs.set_member_role(org, bob, domain::MemberRole::none), DatabaseError);
    EXPECT_EQ(orgs.member_role(org, bob), domain::MemberRole::admin);

    // The rule is per organisation: Bob administers another one alone, which does not help here.
    const long long other = make_organisation("Autre", carol);
    orgs.add_member(other, bob, domain::MemberRole::admin, now_);
    EXPECT_EQ(error_of([&] { orgs.set_member_role(org, bob, domain::MemberRole::member); }), MembershipError::Code::last_admin);
    orgs.set_member_role(other, carol, domain::MemberRole::member);
    EXPECT_EQ(orgs.member_role(other, carol), domain::MemberRole::member);
}

TEST_F(Memberships, TwoAdminsDemotingEachOtherAtOnceLeaveOne) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long bob = make_account("bob@example.org", "Bob");
    const long long org = make_organisation("Les Amis", alice);
    OrganisationRepository(s()).add_member(org, bob, domain::MemberRole::admin, now_);

    // Alice's transaction demotes Bob and stays open while another connection demotes Alice:
    // the second waits for the first, then sees that Alice would be the last admin.
    soci::transaction first(s());
    OrganisationRepository(s()).set_member_role(org, bob, domain::MemberRole::member);
    std::optional<MembershipError::Code> second_error;
    std::string unexpected;
    std::thread second([&] {
        Lease other(*db_);
        soci::transaction tx(*other);
        try {
            OrganisationRepository(*other).set_member_role(org, alice, domain::MemberRole::member);
            tx.commit();
        } catch (const MembershipError& e) {
            second_error = e.code();
        } catch (const std::exception& e) {
            unexpected = e.what();  // an exception may not leave the thread
        }
    });
    std::this_thread::sleep_for(300ms);
    first.commit();
    second.join();
    EXPECT_EQ(unexpected, "");
    EXPECT_EQ(second_error, MembershipError::Code::last_admin);
    EXPECT_EQ(OrganisationRepository(s()).member_role(org, alice), domain::MemberRole::admin);
    EXPECT_EQ(OrganisationRepository(s()).member_role(org, bob), domain::MemberRole::member);
}

TEST_F(Memberships, MembershipsOfAPersonByName) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long bob = make_account("bob@example.org", "Bob");
    const long long zebra = make_organisation("Zèbre Solidaire", alice, "social_enterprise");
    const long long abeille = make_organisation("Abeilles", bob, "school");
    OrganisationRepository orgs(s());
    orgs.add_member(abeille, alice, domain::MemberRole::member, now_);
    orgs.set_verified(abeille, true);
    const auto list = orgs.memberships_of(alice);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].name, "Abeilles");
    EXPECT_EQ(list[0].slug, "abeilles");
    EXPECT_EQ(list[0].kind, "school");
    EXPECT_EQ(list[0].role, domain::MemberRole::member);
    EXPECT_TRUE(list[0].verified);
    EXPECT_EQ(list[1].name, "Zèbre Solidaire");
    EXPECT_EQ(list[1].role, domain::MemberRole::admin);
    EXPECT_FALSE(list[1].verified);
    EXPECT_EQ(orgs.memberships_of(bob).size(), 1u);
    EXPECT_TRUE(orgs.memberships_of(bob + 1000).empty());
    (void)zebra;
}

// ---- Invitations ------------------------------------------------------------------------------

TEST_F(Invitations, PendingAreUnusedUnexpiredNewestFirst) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long org = make_organisation("Les Amis", alice);
    const long long other = make_organisation("Autre", alice);
    TokenStore tokens(s());
    auto invite = [&](long long organisation, const std::string& email, Clock::time_point at, std::chrono::seconds ttl) {
        return tokens.issue(TokenPurpose::invitation, {0, organisation, email}, ttl, at);
    };
    invite(org, "old@example.org", now_ - 8 * 24h, 7 * 24h);   // expired
    invite(org, "edge@example.org", now_ - 7 * 24h, 7 * 24h);  // expires exactly now: expired
    const auto used = invite(org, "used@example.org", now_ - 1h, 7 * 24h);
    ASSERT_TRUE(tokens.consume(used, TokenPurpose::invitation, now_ - 30min).has_value());
    invite(org, "first@example.org", now_ - 2h, 7 * 24h);
    invite(org, "second@example.org", now_ - 1h, 7 * 24h);
    invite(other, "elsewhere@example.org", now_, 7 * 24h);
    tokens.issue(TokenPurpose::reset_password, {alice, org, "reset@example.org"}, 1h, now_);  // not an invitation

    const auto pending = OrganisationRepository(s()).pending_invitations(org, now_);
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].email, "second@example.org");
    EXPECT_EQ(pending[0].created_at, "2026-11-28T09:00:00Z");
    EXPECT_EQ(pending[0].expires_at, "2026-12-05T09:00:00Z");
    EXPECT_EQ(pending[1].email, "first@example.org");
    EXPECT_EQ(OrganisationRepository(s()).pending_invitations(org, now_ + 7 * 24h - 90min).size(), 1u);
}

TEST_F(Invitations, PeekShowsWhatALinkGrantsWithoutUsingIt) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long org = make_organisation("Les Amis", alice);
    TokenStore tokens(s());
    const auto token = tokens.issue(TokenPurpose::invitation, {0, org, "bob@example.org"}, 7 * 24h, now_);
    const auto seen = tokens.peek(token, TokenPurpose::invitation, now_ + 1h);
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->organisation_id, org);
    EXPECT_EQ(seen->person_id, 0);
    EXPECT_EQ(seen->email, "bob@example.org");
    EXPECT_TRUE(tokens.peek(token, TokenPurpose::invitation, now_ + 2h).has_value()) << "peeking uses nothing";
    EXPECT_FALSE(tokens.peek(token, TokenPurpose::reset_password, now_).has_value()) << "wrong purpose";
    EXPECT_FALSE(tokens.peek(token, TokenPurpose::invitation, now_ + 7 * 24h).has_value()) << "expired";
    EXPECT_FALSE(tokens.peek("", TokenPurpose::invitation, now_).has_value());
    EXPECT_FALSE(tokens.peek("forged", TokenPurpose::invitation, now_).has_value());
    ASSERT_TRUE(tokens.consume(token, TokenPurpose::invitation, now_ + 3h).has_value());
    EXPECT_FALSE(tokens.peek(token, TokenPurpose::invitation, now_ + 4h).has_value()) << "used";
}

TEST_F(Invitations, WithdrawingOneAddressLeavesTheOthers) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long org = make_organisation("Les Amis", alice);
    const long long other = make_organisation("Autre", alice);
    TokenStore tokens(s());
    const auto withdrawn = tokens.issue(TokenPurpose::invitation, {0, org, "bob@example.org"}, 7 * 24h, now_);
    tokens.issue(TokenPurpose::invitation, {0, org, "bob@example.org"}, 7 * 24h, now_);
    tokens.issue(TokenPurpose::invitation, {0, org, "carol@example.org"}, 7 * 24h, now_);
    const auto elsewhere = tokens.issue(TokenPurpose::invitation, {0, other, "bob@example.org"}, 7 * 24h, now_);
    OrganisationRepository orgs(s());
    orgs.withdraw_invitations(org, " Bob@Example.org", now_ + 1min);

    const auto pending = orgs.pending_invitations(org, now_ + 2min);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].email, "carol@example.org");
    EXPECT_FALSE(tokens.consume(withdrawn, TokenPurpose::invitation, now_ + 2min).has_value());
    EXPECT_EQ(orgs.pending_invitations(other, now_ + 2min).size(), 1u);
    EXPECT_TRUE(tokens.consume(elsewhere, TokenPurpose::invitation, now_ + 2min).has_value());
}

// ---- People -----------------------------------------------------------------------------------

TEST_F(StaffDirectory, PeopleSearchFiltersAndFields) {
    const long long alice = make_account("alice.martin@example.org", "Alice Martin");
    const long long bruno = make_account("bruno@asso.example.net", "Bruno Petit", "professional");
    const long long chloe = make_account("chloe@example.org", "Chloé MARTINEZ", "staff");
    const long long dan = make_account("dan@example.org", "Dan Inactive");
    AccountRepository accounts(s());
    accounts.set_active(dan, false);
    accounts.confirm_email(alice, now_);
    accounts.record_login(alice, now_ + 1h);
    // People without an account (seeded students, erased people) are not listed.
    Query("INSERT INTO people (display_name, kind) VALUES ('Martin Seeded', 'student')").execute(s());
    const long long erased = make_account("erased@example.org", "Erased Martin");
    accounts.erase(erased, now_);

    Directory directory(s());
    const auto all = directory.people(q());
    EXPECT_EQ(names(all), (std::vector<std::string>{"Alice Martin", "Bruno Petit", "Chloé MARTINEZ", "Dan Inactive"}));
    EXPECT_EQ(all[0].id, alice);
    EXPECT_EQ(all[0].email, "alice.martin@example.org");
    EXPECT_EQ(all[0].role, "student");
    EXPECT_EQ(all[0].created_at, "2026-11-28T10:00:00Z");
    EXPECT_EQ(all[0].last_login_at, "2026-11-28T11:00:00Z");
    EXPECT_TRUE(all[0].active);
    EXPECT_TRUE(all[0].email_confirmed);
    EXPECT_EQ(all[1].last_login_at, "");
    EXPECT_FALSE(all[1].email_confirmed);
    EXPECT_FALSE(all[3].active);

    EXPECT_EQ(names(directory.people(q("martin"))), (std::vector<std::string>{"Alice Martin", "Chloé MARTINEZ"}));
    EXPECT_EQ(names(directory.people(q("  MARTIN "))), (std::vector<std::string>{"Alice Martin", "Chloé MARTINEZ"}));
    EXPECT_EQ(names(directory.people(q("ASSO.EXAMPLE"))), std::vector<std::string>{"Bruno Petit"}) << "e-mail";
    EXPECT_EQ(names(directory.people(q("martin", "staff"))), std::vector<std::string>{"Chloé MARTINEZ"});
    EXPECT_EQ(directory.people(q("", "professional")).at(0).id, bruno);
    EXPECT_TRUE(directory.people(q("", "emperor")).empty());
    EXPECT_EQ(names(directory.people(q("", "", "inactive"))), std::vector<std::string>{"Dan Inactive"});
    EXPECT_EQ(directory.people(q("", "", "active")).size(), 3u);
    EXPECT_TRUE(directory.people(q("", "", "asleep")).empty());
    EXPECT_TRUE(directory.people(q("nobody")).empty());
    (void)chloe;
}

TEST_F(StaffDirectory, SearchTextIsNoPattern) {
    make_account("a@example.org", "Promo 50% off");
    make_account("b@example.org", "Promo 500");
    make_account("c@example.org", "snake_case");
    make_account("d@example.org", "snakeXcase");
    make_account("e@example.org", "back\\slash");
    make_account("f@example.org", "backslash");
    Directory directory(s());
    EXPECT_EQ(names(directory.people(q("50%"))), std::vector<std::string>{"Promo 50% off"});
    EXPECT_EQ(names(directory.people(q("e_c"))), std::vector<std::string>{"snake_case"});
    EXPECT_EQ(names(directory.people(q("k\\s"))), std::vector<std::string>{"back\\slash"});
    EXPECT_EQ(names(directory.people(q("%"))), std::vector<std::string>{"Promo 50% off"});
    EXPECT_EQ(names(directory.people(q("_"))), std::vector<std::string>{"snake_case"});
}

TEST_F(StaffDirectory, PeoplePagesAreClamped) {
    {
        soci::transaction tx(s());
        for (int i = 0; i < 205; ++i) {
            char name[16];
            std::snprintf(name, sizeof name, "Person %03d", i);
            make_account("p" + std::to_string(i) + "@example.org", name);
        }
        tx.commit();
    }
    Directory directory(s());
    const auto first = directory.people(q("", "", "", 2));
    EXPECT_EQ(names(first), (std::vector<std::string>{"Person 000", "Person 001"}));
    EXPECT_EQ(names(directory.people(q("", "", "", 2, 2))), (std::vector<std::string>{"Person 002", "Person 003"}));
    EXPECT_EQ(names(directory.people(q("", "", "", 2, -5))), names(first)) << "negative offset reads as 0";
    EXPECT_EQ(directory.people(q("", "", "", 0)).size(), 1u);
    EXPECT_EQ(directory.people(q("", "", "", -3)).size(), 1u);
    EXPECT_EQ(directory.people(q("", "", "", 1000)).size(), 200u);
    EXPECT_EQ(directory.people(q()).size(), 50u) << "default page";
    EXPECT_EQ(directory.people(q("", "", "", 200, 200)).size(), 5u);
    EXPECT_TRUE(directory.people(q("", "", "", 50, 1000)).empty());
}

TEST_F(StaffDirectory, PeopleWithTheSameNameAreOrderedById) {
    const long long first = make_account("one@example.org", "Same Name");
    const long long second = make_account("two@example.org", "Same Name");
    const auto rows = Directory(s()).people(q("same"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, first);
    EXPECT_EQ(rows[1].id, second);
}

// ---- Organisations ----------------------------------------------------------------------------

TEST_F(StaffDirectory, OrganisationsUnverifiedFirstThenByName) {
    const long long alice = make_account("alice@example.org", "Alice");
    const long long bob = make_account("bob@example.org", "Bob");
    const long long verified_b = make_organisation("Banque Alimentaire", alice, "association", "Lyon");
    make_organisation("Atelier Vélo", alice, "association", "Grenoble");
    const long long verified_a = make_organisation("Abri Solidaire", alice, "social_enterprise", "Lyon");
    make_organisation("Zest", bob, "company", "Paris");
    OrganisationRepository orgs(s());
    orgs.set_verified(verified_a, true);
    orgs.set_verified(verified_b, true);
    orgs.add_member(verified_b, bob, domain::MemberRole::member, now_);

    Directory directory(s());
    const auto all = directory.organisations(q());
    EXPECT_EQ(names(all), (std::vector<std::string>{"Atelier Vélo", "Zest", "Abri Solidaire", "Banque Alimentaire"}));
    EXPECT_FALSE(all[0].verified);
    EXPECT_TRUE(all[3].verified);
    EXPECT_EQ(all[3].id, verified_b);
    EXPECT_EQ(all[3].slug, "banque-alimentaire");
    EXPECT_EQ(all[3].kind, "association");
    EXPECT_EQ(all[3].city, "Lyon");
    EXPECT_EQ(all[3].created_at, "2026-11-28T10:00:00Z");
    EXPECT_EQ(all[3].members, 2);
    EXPECT_EQ(all[0].members, 1);

    EXPECT_EQ(names(directory.organisations(q("lyon"))), (std::vector<std::string>{"Abri Solidaire", "Banque Alimentaire"}))
        << "city";
    EXPECT_EQ(names(directory.organisations(q("ZEST"))), std::vector<std::string>{"Zest"});
    EXPECT_EQ(names(directory.organisations(q("", "", "unverified"))), (std::vector<std::string>{"Atelier Vélo", "Zest"}));
    EXPECT_EQ(names(directory.organisations(q("a", "", "verified"))),
              (std::vector<std::string>{"Abri Solidaire", "Banque Alimentaire"}));
    EXPECT_TRUE(directory.organisations(q("", "", "pending")).empty());
    EXPECT_EQ(names(directory.organisations(q("", "", "", 1, 1))), std::vector<std::string>{"Zest"});
    EXPECT_TRUE(directory.organisations(q("%")).empty());
}

// ---- Audit log --------------------------------------------------------------------------------

TEST_F(StaffDirectory, AuditNewestFirstPagedBackWithActorNames) {
    const long long staff = make_account("staff@example.org", "Sam Staff", "staff");
    const long long target = make_account("t@example.org", "Target");
    // Written in this order; the instants are not monotonic on purpose: the order of writing wins.
    write_audit(s(), staff, "first", "person", target, R"({"n":1})", now_);
    write_audit(s(), staff, "second", "organisation", 7, "{}", now_ + 2h);
    write_audit(s(), 0, "third", "person", 0, "{}", now_ + 1h);  // no actor (system)
    write_audit(s(), staff, "fourth", "person", target, "{}", now_ + 3h);

    Directory directory(s());
    const auto all = directory.audit(50);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].action, "fourth");
    EXPECT_EQ(all[1].action, "third");
    EXPECT_EQ(all[2].action, "second");
    EXPECT_EQ(all[3].action, "first");
    EXPECT_EQ(all[3].actor_name, "Sam Staff");
    EXPECT_EQ(all[3].at, "2026-11-28T10:00:00Z");
    EXPECT_EQ(all[3].target_kind, "person");
    EXPECT_EQ(all[3].target_id, target);
    EXPECT_EQ(all[3].details, R"({"n":1})");
    EXPECT_EQ(all[2].target_id, 7);
    EXPECT_EQ(all[1].actor_name, "");
    EXPECT_EQ(all[1].target_id, 0);

    const auto page1 = directory.audit(2);
    ASSERT_EQ(page1.size(), 2u);
    EXPECT_EQ(page1[1].action, "third");
    const auto page2 = directory.audit(2, page1.back().id);
    ASSERT_EQ(page2.size(), 2u);
    EXPECT_EQ(page2[0].action, "second");
    EXPECT_EQ(page2[1].action, "first");
    EXPECT_TRUE(directory.audit(2, page2.back().id).empty());
    EXPECT_EQ(directory.audit(0).size(), 1u) << "limit at least 1";
    EXPECT_EQ(directory.audit(-1).size(), 1u);
}

TEST_F(StaffDirectory, AuditOfAnErasedActorKeepsTheRecordWithoutTheName) {
    const long long staff = make_account("staff@example.org", "Sam Staff", "staff");
    const long long other = make_account("other@example.org", "Olga Other", "staff");
    write_audit(s(), staff, "staff_verify_organisation", "organisation", 3, "{}", now_);
    write_audit(s(), other, "staff_verify_organisation", "organisation", 4, "{}", now_);
    AccountRepository(s()).erase(staff, now_ + 1h);  // writes its own entry, by the erased person

    const auto entries = Directory(s()).audit(10);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].action, "self_erase_account");
    EXPECT_EQ(entries[0].actor_name, "");
    EXPECT_EQ(entries[1].actor_name, "Olga Other");
    EXPECT_EQ(entries[2].actor_name, "") << "the person row stays, nameless";
    EXPECT_EQ(entries[2].target_id, 3);
    for (const auto& e : entries) EXPECT_NE(e.actor_name, "Sam Staff");
}

TEST_F(StaffDirectory, AuditLimitIsClamped) {
    const long long staff = make_account("staff@example.org", "Sam Staff", "staff");
    {
        soci::transaction tx(s());
        for (int i = 0; i < 203; ++i) write_audit(s(), staff, "a" + std::to_string(i), "person", staff, "{}", now_);
        tx.commit();
    }
    EXPECT_EQ(Directory(s()).audit(1000).size(), 200u);
    EXPECT_EQ(Directory(s()).audit(1000).front().action, "a202");
}
