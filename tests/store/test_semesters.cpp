// Semesters and the schools that are partners for them (store/cohorts.hpp), on each engine.
#include "store/accounts.hpp"
#include "store/cohorts.hpp"
#include "store/organisations.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

using namespace latitudes;
using namespace latitudes::store;

namespace {

class SemestersFixture : public test::MigratedDatabase {
protected:
    SemestersFixture() : MigratedDatabase("semesters") {}
    long long organisation(const std::string& name, const std::string& kind) {
        const long long admin = AccountRepository(s()).create(
            {"admin" + std::to_string(++made_) + "@ecole.example", "Admin " + name, "coordinator", "hash", false}, now_);
        OrganisationRecord o;
        o.name = name;
        o.kind = kind;
        return OrganisationRepository(s()).create(o, admin, now_).id;
    }
    int made_ = 0;
};

}  // namespace

TEST_F(SemestersFixture, ACodeIsTakenOnceAndEditsKeepIt) {
    CohortRepository cohorts(s());
    const long long before = count("SELECT COUNT(*) FROM semesters");
    const long long id = cohorts.create_semester({0, "2031-S1", "Printemps 2031", "Spring 2031", "2031-02-01", "2031-06-30"});
    ASSERT_GT(id, 0);
    EXPECT_EQ(cohorts.create_semester({0, "2031-S1", "Autre", "Other", "2031-09-01", "2032-01-31"}), 0)
        << "a taken code inserts nothing and fails nothing";
    EXPECT_EQ(count("SELECT COUNT(*) FROM semesters"), before + 1);

    EXPECT_TRUE(cohorts.update_semester({id, "IGNORED", "Printemps 2031 (bis)", "Spring 2031 (bis)", "2031-02-15",
                                         "2031-07-15"}));
    const auto found = cohorts.semester(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->code, "2031-S1");
    EXPECT_EQ(found->label_fr, "Printemps 2031 (bis)");
    EXPECT_EQ(found->label_en, "Spring 2031 (bis)");
    EXPECT_EQ(found->starts_on, "2031-02-15");
    EXPECT_EQ(found->ends_on, "2031-07-15");
    EXPECT_FALSE(cohorts.update_semester({id + 1000, "", "A", "B", "2031-02-15", "2031-07-15"}));
}

TEST_F(SemestersFixture, PartnersAreCountedPerSemesterAndOnlySchoolsAreListed) {
    CohortRepository cohorts(s());
    const long long spring = cohorts.create_semester({0, "2031-P", "Printemps 2031", "Spring 2031", "2031-02-01", "2031-06-30"});
    const long long autumn = cohorts.create_semester({0, "2031-A", "Automne 2031", "Autumn 2031", "2031-09-01", "2032-01-31"});
    const long long zeta = organisation("Zeta École", "school"), alpha = organisation("Alpha École", "school");
    organisation("Une association", "association");
    const auto schools = cohorts.schools();
    ASSERT_EQ(schools.size(), 2u);
    EXPECT_EQ(schools[0].id, alpha) << "by name";
    EXPECT_EQ(schools[1].id, zeta);
    EXPECT_FALSE(schools[0].verified);

    cohorts.set_partner(alpha, spring, true);
    cohorts.set_partner(zeta, spring, true);
    cohorts.set_partner(zeta, spring, true);  // twice: still one partnership
    cohorts.set_partner(zeta, autumn, true);
    EXPECT_EQ(cohorts.partner_schools(spring), (std::set<long long>{alpha, zeta}));
    auto counts = cohorts.partner_counts();
    EXPECT_EQ(counts[spring], 2);
    EXPECT_EQ(counts[autumn], 1);
    cohorts.set_partner(zeta, spring, false);
    EXPECT_EQ(cohorts.partner_schools(spring), std::set<long long>{alpha});
    EXPECT_EQ(cohorts.partner_schools(autumn), std::set<long long>{zeta});
    cohorts.set_partner(zeta, autumn, false);
    EXPECT_EQ(cohorts.partner_counts().count(autumn), 0u) << "a semester without partners is absent";
}
