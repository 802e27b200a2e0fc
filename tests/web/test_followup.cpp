// A team's follow-up, in-process on SQLite and PostgreSQL: the milestone template (staff only,
// bad input next to its field), milestones formed with a team, planning and states by the team's
// rules, the overdue flag and its reminder (once), the weekly mails (one per student and week,
// whatever the runs), the one-screen form (prefilled hours, refused input next to its field), the
// log with comments, the two-weeks-silent views (staff, teachers) and the updates API.
#include "support/in_process_site.hpp"

#include "domain/followup.hpp"
#include "jobs/jobs.hpp"
#include "render/views.hpp"
#include "service/followup.hpp"
#include "store/teams.hpp"
#include "web/http.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;
using namespace std::chrono_literals;

namespace {

std::string ids(long long id) { return std::to_string(id); }

}  // namespace

class Followup : public InProcessSite<Followup> {
protected:
    static void SetUpTestSuite() {
        InProcessSite<Followup>::SetUpTestSuite();
        team_ = scalar(url_,
                       "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = 'capteurs-points-eau'");
        scalar(url_, "UPDATE projects SET status = 'in_progress' WHERE slug = 'capteurs-points-eau' RETURNING id");
        student_ = create_account(url_, email("student"), "student", "Alice Étudiante");
        mate_ = create_account(url_, email("mate"), "student", "Bruno Coéquipier");
        teacher_ = create_account(url_, email("teacher"), "coordinator", "Chloé Enseignante");
        contact_ = create_account(url_, email("contact"), "beneficiary", "Driss Contact");
        stranger_ = create_account(url_, email("stranger"), "student", "Eve Ailleurs");
        create_account(url_, email("staff"), "staff", "Fanny Staff");
        for (long long who : {student_, mate_})
            scalar(url_, "INSERT INTO team_members (team_id, person_id) VALUES (" + ids(team_) + ", " + ids(who) +
                             ") RETURNING team_id");
        const auto member = [](long long who, const std::string& slug) {
            scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + ids(who) +
                             ", id, 'member', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" + slug +
                             "' RETURNING person_id");
        };
        member(teacher_, "esigaronne");
        member(contact_, "eau-vive-sahel");
    }
    std::string team_path() const { return "/teams/" + ids(team_); }
    static jobs::JobReport run_jobs(store::Clock::time_point now) {
        static const render::Views views(render::load_catalogue());
        return jobs::run_all(*db_, views, jobs::JobSettings{}, now);
    }
    static long long first_milestone() {
        return scalar(url_, "SELECT MIN(id) FROM milestones WHERE team_id = " + ids(team_) + " AND occurrence = 0");
    }
    static inline long long team_ = 0, student_ = 0, mate_ = 0, teacher_ = 0, contact_ = 0, stranger_ = 0;
};

TEST_F(Followup, StaffMaintainTheTemplateAndOnlyThey) {
    const Browser staff = log_in(http(), email("staff"));
    const auto page = staff.get(http(), "/admin/milestone-templates");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Lancement : comprendre le problème du bénéficiaire"), std::string::npos);
    EXPECT_NE(page.body.find("Atelier de réflexion sur les impacts"), std::string::npos);
    EXPECT_NE(log_in(http(), email("student")).get(http(), "/admin/milestone-templates").status, 200);
    EXPECT_NE(log_in(http(), email("teacher")).post(http(), "/admin/milestone-templates", "title_fr=x").status, 303);

    // Bad input: each problem next to its field, nothing stored.
    const long long before = count("SELECT COUNT(*) FROM milestone_templates");
    const auto refused = staff.post(http(), "/admin/milestone-templates",
                                    "position=2&title_fr=&title_en=Demo&anchor=formed&offset_weeks=99&owner_role=team");
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("id=\"new-step-title_fr-error\""), std::string::npos);
    EXPECT_NE(refused.body.find("Le titre en français est obligatoire."), std::string::npos);
    EXPECT_NE(refused.body.find("id=\"new-step-offset_weeks-error\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestone_templates"), before);

    const auto saved = staff.post(http(), "/admin/milestone-templates",
                                  "position=6&title_fr=D%C3%A9mo%20finale&title_en=Final%20demo&anchor=semester_end&"
                                  "offset_weeks=-2&owner_role=supervisor");
    EXPECT_EQ(saved.status, 303);
    const long long step = count("SELECT MAX(id) FROM milestone_templates WHERE title_en = 'Final demo'");
    ASSERT_GT(step, 0);
    EXPECT_EQ(staff
                  .post(http(), "/admin/milestone-templates/" + ids(step),
                        "position=6&title_fr=D%C3%A9mo&title_en=Demo&anchor=formed&offset_weeks=3&owner_role=team&weekly=1")
                  .status,
              303);
    EXPECT_EQ(count("SELECT weekly FROM milestone_templates WHERE id = " + ids(step)), 1);
    EXPECT_EQ(staff.post(http(), "/admin/milestone-templates/" + ids(step) + "/delete").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestone_templates"), before);
    EXPECT_EQ(staff.post(http(), "/admin/milestone-templates/999999/delete").status, 404);
}

TEST_F(Followup, TeamsGetTheirMilestonesWhenFormed) {
    // The teams of the seed got theirs from the migration's data step.
    EXPECT_GT(count("SELECT COUNT(*) FROM milestones WHERE team_id = " + ids(team_)), 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM teams t WHERE NOT EXISTS (SELECT 1 FROM milestones m WHERE m.team_id = t.id)"), 0);
    // An opportunity's team gets them with its first accepted applicant, in the same transaction.
    const long long owner = create_account(url_, email("fab"), "beneficiary");
    scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + ids(owner) +
                     ", id, 'admin', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = 'fab-inclusion' RETURNING person_id");
    const long long intern = create_account(url_, email("intern"), "student");
    const long long application = scalar(
        url_, "INSERT INTO applications (project_id, person_id, message, status, created_at, updated_at) SELECT id, " +
                  ids(intern) +
                  ", 'Bonjour', 'pending', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM projects "
                  "WHERE slug = 'stage-data-impact-fab-inclusion' RETURNING id");
    EXPECT_EQ(log_in(http(), email("fab"))
                  .post(http(), "/applications/" + ids(application) + "/decision", "decision=accepted&message=Oui")
                  .status,
              303);
    const long long team = count("SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = "
                                 "'stage-data-impact-fab-inclusion'");
    ASSERT_GT(team, 0);
    EXPECT_GE(count("SELECT COUNT(*) FROM milestones WHERE team_id = " + ids(team) + " AND occurrence = 0"), 4);
    EXPECT_GE(count("SELECT COUNT(*) FROM milestones WHERE team_id = " + ids(team) + " AND occurrence > 0"), 2);
    // The kick-off is the beneficiary's: its first contact owns it.
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestones WHERE team_id = " + ids(team) + " AND owner_id = " + ids(owner)), 1);
}

TEST_F(Followup, PlanningAndStatesFollowTheTeamsRules) {
    const long long m = first_milestone();
    const std::string plan = team_path() + "/milestones/" + ids(m);
    const Browser student = log_in(http(), email("student")), contact = log_in(http(), email("contact"));
    EXPECT_EQ(contact.post(http(), plan, "due_on=2030-01-15&owner=" + ids(student_)).status, 403)
        << "the beneficiary does not plan";
    EXPECT_EQ(log_in(http(), email("stranger")).post(http(), plan, "due_on=2030-01-15").status, 404);
    EXPECT_EQ(student.post(http(), plan, "due_on=2030-01-15&owner=" + ids(mate_)).status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestones WHERE id = " + ids(m) +
                    " AND due_on = '2030-01-15' AND owner_id = " + ids(mate_)),
              1);
    const auto bad = student.post(http(), plan, "due_on=2030-02-31&owner=" + ids(stranger_));
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"milestone-" + ids(m) + "-due_on-error\""), std::string::npos);
    EXPECT_NE(bad.body.find("id=\"milestone-" + ids(m) + "-owner-error\""), std::string::npos);
    EXPECT_NE(bad.body.find("Cette date n"), std::string::npos);
    // The beneficiary may mark a milestone done (the kick-off it hosts); it is in the feed.
    EXPECT_EQ(contact.post(http(), plan + "/state", "state=done").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestones WHERE id = " + ids(m) + " AND state = 'done' AND done_at IS NOT NULL"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE team_id = " + ids(team_) + " AND kind = 'milestone_done'"), 1);
    EXPECT_EQ(student.post(http(), plan + "/state", "state=finished").status, 422);
    EXPECT_EQ(student.post(http(), team_path() + "/milestones/999999/state", "state=done").status, 422) << "stale form";
    // A milestone of the team's own.
    EXPECT_EQ(student.post(http(), team_path() + "/milestones", "title=&due_on=").status, 422);
    EXPECT_EQ(student
                  .post(http(), team_path() + "/milestones",
                        "title=Atelier%20utilisateurs&due_on=15%2F03%2F2030&owner=" + ids(contact_))
                  .status,
              303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM milestones WHERE team_id = " + ids(team_) +
                    " AND title_fr = 'Atelier utilisateurs' AND "
                    "due_on = '2030-03-15'"),
              1);
}

TEST_F(Followup, OverdueMilestonesAreFlaggedAndRemindedOnce) {
    const long long m = scalar(url_, "SELECT MAX(id) FROM milestones WHERE team_id = " + ids(team_) + " AND occurrence = 0");
    scalar(url_, "UPDATE milestones SET due_on = '2020-01-06', state = 'todo', owner_id = " + ids(student_) +
                     ", reminded_at = NULL WHERE id = " + ids(m) + " RETURNING id");
    const auto page = log_in(http(), email("teacher")).get(http(), team_path());
    ASSERT_EQ(page.status, 200);
    const auto row = page.body.find("id=\"milestone-" + ids(m) + "\"");
    ASSERT_NE(row, std::string::npos);
    EXPECT_NE(page.body.find("En retard", row), std::string::npos) << "said in words, not only in colour";
    EXPECT_NE(page.body.find("data-testid=\"milestones-overdue\""), std::string::npos);

    const auto now = store::parse_iso_utc("2026-12-02T09:00:00Z");
    const auto mails = [&] {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'milestone_overdue' AND to_address = '" +
                     email("student") + "'");
    };
    const long long before = mails();
    EXPECT_GE(run_jobs(now).milestone_reminders, 1);
    EXPECT_EQ(mails(), before + 1);
    EXPECT_EQ(run_jobs(now + 1h).milestone_reminders, 0) << "once per milestone";
    EXPECT_EQ(mails(), before + 1);
    scalar(url_, "UPDATE milestones SET state = 'done' WHERE id = " + ids(m) + " RETURNING id");
}

TEST_F(Followup, TheWeeklyUpdateFromTheMailToTheLog) {
    // One mail per student and week, from Friday; a second run sends nothing.
    const auto thursday = store::parse_iso_utc("2026-12-03T10:00:00Z"), friday = store::parse_iso_utc("2026-12-04T10:00:00Z");
    const auto weekly = [&](long long person) {
        return count("SELECT COUNT(*) FROM weekly_update_mails WHERE person_id = " + ids(person));
    };
    EXPECT_EQ(run_jobs(thursday).weekly_update_mails, 0);
    const auto first = run_jobs(friday);
    EXPECT_GE(first.weekly_update_mails, 2);
    EXPECT_EQ(weekly(student_), 1);
    EXPECT_EQ(weekly(mate_), 1);
    EXPECT_EQ(weekly(teacher_), 0) << "students only";
    EXPECT_EQ(run_jobs(friday + 2h).weekly_update_mails, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'weekly_update' AND to_address = '" + email("student") +
                    "'"),
              1);
    const std::string body_link = "/teams/" + ids(team_) + "/updates/new";
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'weekly_update' AND to_address = '" + email("student") +
                    "' AND body_text LIKE '%" + body_link + "%'"),
              1);
    EXPECT_EQ(run_jobs(friday + 7 * 24h).weekly_update_mails, first.weekly_update_mails) << "next week, again one each";

    // Last week's update (through the service, dated then) prefills this week's hours.
    {
        store::Lease session(*db_);
        store::TeamRepository teams(*session);
        const auto team = teams.find(team_);
        const auto done = service::post_weekly_update(
            service::Context{*session, store::Clock::now() - 7 * 24h, *site_->notifier, site_->skills},
            {*team, student_, teams.standing_of(*team, student_, false)}, {"Entretien avec l'association", "", "", "3,5"});
        ASSERT_EQ(done.kind, service::FollowupOutcome::Kind::done);
    }
    const Browser student = log_in(http(), email("student"));
    const auto form = student.get(http(), body_link);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("id=\"hours\" name=\"hours\" value=\"3,5\""), std::string::npos);
    EXPECT_EQ(log_in(http(), email("contact")).get(http(), body_link).status, 403) << "students post updates";

    // Refused input, each message next to its field; nothing stored.
    const long long stored = count("SELECT COUNT(*) FROM team_updates WHERE team_id = " + ids(team_));
    for (const auto& [body, id, text] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"done=&hours=2", "done-error", "Dites en une phrase"},
             {"done=Ok&hours=-1", "hours-error", "ne peut pas être négatif"},
             {"done=Ok&hours=500", "hours-error", "60 heures au plus"},
             {"done=Ok&hours=beaucoup", "hours-error", "Indiquez un nombre"}}) {
        const auto r = student.post(http(), team_path() + "/updates", body);
        EXPECT_EQ(r.status, 422) << body;
        EXPECT_NE(r.body.find("id=\"" + id + "\""), std::string::npos) << body;
        EXPECT_NE(r.body.find(text), std::string::npos) << body;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_updates WHERE team_id = " + ids(team_)), stored);
    const auto posted = student.post(http(), team_path() + "/updates",
                                     "done=Import%20des%20relev%C3%A9s&next=Graphiques&blockers=&hours=4%2C5");
    ASSERT_EQ(posted.status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_updates WHERE team_id = " + ids(team_)), stored + 1);
    EXPECT_EQ(student.post(http(), team_path() + "/updates", "done=Import%20fini&hours=5").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_updates WHERE team_id = " + ids(team_)), stored + 1) << "one a week, replaced";
    EXPECT_EQ(count("SELECT SUM(minutes) FROM team_updates WHERE team_id = " + ids(team_)), 210 + 300);

    // The log, newest first, with comments; the hours per team and per student.
    const long long update = count("SELECT MAX(id) FROM team_updates WHERE team_id = " + ids(team_));
    const Browser contact = log_in(http(), email("contact"));
    EXPECT_EQ(contact.post(http(), team_path() + "/updates/" + ids(update) + "/comments", "body=").status, 422);
    EXPECT_EQ(contact.post(http(), team_path() + "/updates/" + ids(update) + "/comments", "body=Merci%20!").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE team_id = " + ids(team_) + " AND kind = 'update_commented'"), 1);
    EXPECT_GE(count("SELECT COUNT(*) FROM activity WHERE team_id = " + ids(team_) + " AND kind = 'update_posted'"), 2);
    const auto page = contact.get(http(), team_path());
    const auto newest = page.body.find("Import fini"), older = page.body.find("Entretien avec l");
    ASSERT_NE(newest, std::string::npos);
    ASSERT_NE(older, std::string::npos);
    EXPECT_LT(newest, older);
    EXPECT_NE(page.body.find("Merci !"), std::string::npos);
    EXPECT_NE(page.body.find("8,5 h"), std::string::npos) << "the team's hours";
    EXPECT_NE(page.body.find("Alice Étudiante : 8,5 h"), std::string::npos);
    EXPECT_NE(page.body.find("Bruno Coéquipier : 0 h"), std::string::npos);
}

TEST_F(Followup, SilentTeamsShowForStaffAndTeachers) {
    // Another team of the same school, in progress, formed long ago, never updated.
    const long long silent = scalar(url_, "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE t.id <> " +
                                              ids(team_) + " ORDER BY t.id LIMIT 1");
    scalar(url_, "UPDATE projects SET status = 'in_progress' WHERE id = (SELECT project_id FROM teams WHERE id = " + ids(silent) +
                     ") RETURNING id");
    scalar(url_, "UPDATE teams SET formed_at = '2026-01-05T00:00:00Z' WHERE id = " + ids(silent) + " RETURNING id");
    const auto page = log_in(http(), email("staff")).get(http(), "/admin/teams");
    ASSERT_EQ(page.status, 200);
    const auto row = page.body.find("data-team=\"" + ids(silent) + "\" class=\"silent\"");
    EXPECT_NE(row, std::string::npos);
    EXPECT_NE(page.body.find("Sans point depuis deux semaines"), std::string::npos);
    EXPECT_NE(log_in(http(), email("student")).get(http(), "/admin/teams").status, 200);
    scalar(url_, "UPDATE teams SET school_id = (SELECT school_id FROM teams WHERE id = " + ids(team_) +
                     ") WHERE id = " + ids(silent) + " RETURNING id");
    const auto mine = log_in(http(), email("teacher")).get(http(), "/me/teams");
    EXPECT_NE(mine.body.find("data-testid=\"my-followed-teams\""), std::string::npos);
    EXPECT_NE(mine.body.find("data-team=\"" + ids(silent) + "\" class=\"silent\""), std::string::npos);
    EXPECT_EQ(log_in(http(), email("stranger")).get(http(), "/me/teams").body.find("my-followed-teams"), std::string::npos);
}

TEST_F(Followup, TheUpdatesApi) {
    const Browser student = log_in(http(), email("mate"));
    const auto post = [&](const Browser& who, const std::string& body) {
        return http().request("POST", "/api/v1/teams/" + ids(team_) + "/updates",
                              who.headers({"Content-Type: application/json", "X-CSRF-Token: " + who.csrf}), body);
    };
    auto r = post(student, R"({"done": "", "hours": -2})");
    EXPECT_EQ(r.status, 422);
    const auto error = nlohmann::json::parse(r.body);
    EXPECT_EQ(error["error"]["code"], "invalid_update");
    EXPECT_EQ(error["error"]["fields"], nlohmann::json::array({"done", "hours"}));
    EXPECT_EQ(post(student, R"({"done": "x", "hours": "3"})").status, 422);
    EXPECT_EQ(post(student, R"({"done": "x", "hours": 1000})").status, 422);
    EXPECT_EQ(post(student, R"([1])").status, 400);
    EXPECT_EQ(post(log_in(http(), email("contact")), R"({"done": "x"})").status, 403);
    EXPECT_EQ(post(log_in(http(), email("stranger")), R"({"done": "x"})").status, 404);
    r = post(student, R"({"done": "Carte des points d'eau", "next": "Tests", "hours": 2.5})");
    ASSERT_EQ(r.status, 201);
    const long long id = nlohmann::json::parse(r.body)["id"];
    const auto log = http().get("/api/v1/teams/" + ids(team_) + "/updates", student.headers());
    ASSERT_EQ(log.status, 200);
    const auto body = nlohmann::json::parse(log.body);
    bool found = false;
    for (const auto& u : body["updates"])
        if (u["id"] == id) {
            found = true;
            EXPECT_EQ(u["hours"], 2.5);
            EXPECT_EQ(u["done"], "Carte des points d'eau");
        }
    EXPECT_TRUE(found);
    EXPECT_GE(body["hours"]["total"].get<double>(), 2.5);
    EXPECT_EQ(http().get("/api/v1/teams/" + ids(team_) + "/updates", log_in(http(), email("stranger")).headers()).status, 404);
}
