// Pages with missing values show nothing for them (issue 10's "broken details"): a partner
// without a website has no link to "" (axe: link-name), a project without a semester or dates has
// no empty "Semestre" or lone "Dates" row, Mon espace shows no "new token" box when none was
// created. All came from one cause: the template engine took an empty string as true in a
// section. In-process through Site::handle, on SQLite and PostgreSQL.
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;

class EmptyValues : public InProcessSite<EmptyValues> {
protected:
    static bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }
};

TEST_F(EmptyValues, MissingValuesLeaveNoEmptyLinkRowOrBox) {
    // A partner without a website (seeded: cooperative-r2k).
    ASSERT_EQ(count("SELECT COUNT(*) FROM organisations WHERE slug = 'cooperative-r2k' AND is_partner = 1 AND "
                    "COALESCE(website, '') = ''"),
              1);
    const auto partners = http().get("/partners");
    ASSERT_EQ(partners.status, 200);
    EXPECT_FALSE(has(partners, "href=\"\"")) << "a link to nowhere";
    // A published internship has no semester and no dates.
    scalar(url_, "UPDATE projects SET starts_on = NULL, ends_on = NULL WHERE slug = 'stage-data-impact-fab-inclusion' "
                 "RETURNING id");
    const auto project = http().get("/projects/stage-data-impact-fab-inclusion");
    ASSERT_EQ(project.status, 200);
    EXPECT_FALSE(has(project, "<dt>Semestre</dt>")) << project.body.substr(0, 3000);
    EXPECT_FALSE(has(project, "<dt>Dates</dt>"));
    // Mon espace without a token just created.
    create_account(url_, email("someone"), "student");
    Browser someone = log_in(http(), email("someone"));
    const auto me = someone.get(http(), "/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_FALSE(has(me, "data-testid=\"new-token\"")) << "no token was created";
}
