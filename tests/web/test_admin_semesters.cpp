// The staff pages for semesters and partner schools, in-process through Site::handle on SQLite
// and PostgreSQL: staff add a semester (every refused form answers 422 in the visitor's language
// with nothing stored), edit its labels and dates, tick its partner schools (saved as one set,
// audited, counted on the list); everyone else is refused as the policy says, and every form
// needs its CSRF token.
#include "support/form_errors.hpp"
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace latitudes::test;
using namespace latitudes;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string semester_form(const std::string& code, const std::string& label_fr, const std::string& label_en,
                          const std::string& starts_on, const std::string& ends_on) {
    return "code=" + web::url_encode(code) + "&label_fr=" + web::url_encode(label_fr) + "&label_en=" + web::url_encode(label_en) +
           "&starts_on=" + starts_on + "&ends_on=" + ends_on;
}

}  // namespace

class AdminSemesters : public InProcessSite<AdminSemesters> {
protected:
    static Browser staff(const std::string& who) {
        create_account(url_, email(who), "staff", "Stéphane Staff");
        return log_in(http(), email(who));
    }
    static long long semesters() { return count("SELECT COUNT(*) FROM semesters"); }
    static long long audits() { return count("SELECT COUNT(*) FROM audit_log"); }
    static std::string school_id(const std::string& slug) {
        return std::to_string(count("SELECT id FROM organisations WHERE slug = '" + slug + "'"));
    }
    static long long partners(long long semester) {
        return count("SELECT COUNT(*) FROM school_semesters WHERE semester_id = " + std::to_string(semester));
    }
    // The partner count shown on the list's row of `code`.
    static std::string listed_partners(const std::string& page, const std::string& code) {
        const auto row = page.find("data-semester=\"" + code + "\"");
        if (row == std::string::npos) return "(no row)";
        const auto cell = page.find("data-testid=\"semester-partners\"", row);
        const auto link = page.find('>', page.find("<a ", cell)) + 1;
        return page.substr(link, page.find('<', link) - link);
    }
};

TEST_F(AdminSemesters, StaffAddASemesterAndEveryBadInputIsRefusedInTheirLanguageWithNothingStored) {
    Browser admin = staff("semester-staff");
    const auto list = admin.get(http(), "/admin/semesters");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "href=\"/admin/semesters\" aria-current=\"page\"")) << "a tab of the staff pages";
    EXPECT_TRUE(contains(list.body, "data-semester=\"2026-P\"")) << "the seeded semesters are listed";
    EXPECT_TRUE(contains(list.body, "Printemps 2026"));
    EXPECT_TRUE(contains(list.body, "Spring 2026"));
    EXPECT_TRUE(contains(list.body, "01/02/2026")) << "dates as French readers write them";
    EXPECT_TRUE(contains(list.body, "action=\"/admin/semesters#new-semester\"")) << "a refused form shows its reasons";
    EXPECT_TRUE(contains(admin.get(http(), "/admin").body, "href=\"/admin/semesters\"")) << "every staff page has the tab";
    const auto english = admin.get(http(), "/admin/semesters?lang=en");
    EXPECT_TRUE(contains(english.body, "Add a semester"));
    EXPECT_TRUE(contains(english.body, "2026-02-01"));

    // Refused forms: 422, the reasons in the visitor's language, what was typed kept, nothing written.
    const long long before = semesters(), audit_before = audits();
    struct Bad {
        std::string body, reason;
    };
    const std::vector<Bad> bad{
        {semester_form("2026-p", "Printemps bis", "Spring bis", "2026-02-01", "2026-06-30"), "Un semestre porte déjà ce code"},
        {semester_form("2029-S1", "Printemps 2029", "Spring 2029", "2029-06-30", "2029-02-01"),
         "La date de fin doit être postérieure à la date de début"},
        {semester_form("2029-S1", "Printemps 2029", "Spring 2029", "2029-02-01", "2029-02-01"),
         "La date de fin doit être postérieure à la date de début"},
        {semester_form("2029-S1", "  ", "Spring 2029", "2029-02-01", "2029-06-30"), "Indiquez le libellé en français"},
        {semester_form("2029-S1", "Printemps 2029", "", "2029-02-01", "2029-06-30"), "Indiquez le libellé en anglais"},
        {semester_form("S1-2029", "Printemps 2029", "Spring 2029", "2029-02-01", "2029-06-30"),
         "Le code doit suivre le format 2027-S1"},
        {semester_form("2029-S1", "Printemps 2029", "Spring 2029", "2029-02-30", "2029-06-30"),
         "Indiquez une date de début valide"},
        {semester_form("2029-S1", "Printemps 2029", "Spring 2029", "2029-02-01", "fin juin"), "Indiquez une date de fin valide"},
        {"", "Le code doit suivre le format 2027-S1"},
    };
    for (const auto& b : bad) {
        const auto r = admin.post(http(), "/admin/semesters", b.body);
        EXPECT_EQ(r.status, 422) << b.body;
        EXPECT_TRUE(contains(r.body, "data-testid=\"error-summary\"")) << b.body;
        EXPECT_TRUE(contains(r.body, b.reason)) << b.body << " should say: " << b.reason;
    }
    const auto kept = admin.post(http(), "/admin/semesters", bad[1].body);
    EXPECT_TRUE(contains(kept.body, "value=\"Printemps 2029\"")) << "what was typed comes back";
    EXPECT_TRUE(contains(kept.body, "value=\"2029-06-30\""));
    // Each problem next to its field, summarised at the top and linked to it (issue 10, section 1).
    EXPECT_TRUE(shows_field_error(kept.body, "ends_on"));
    EXPECT_TRUE(shows_field_error(admin.post(http(), "/admin/semesters", bad[0].body).body, "code")) << "a code taken";
    const auto bad_date = admin.post(http(), "/admin/semesters", bad[7].body);
    EXPECT_TRUE(shows_field_error(bad_date.body, "ends_on"));
    EXPECT_TRUE(contains(bad_date.body, "type=\"text\" id=\"ends_on\" name=\"ends_on\" value=\"fin juin\""))
        << "a date that is not one comes back as typed, in a text input";
    EXPECT_TRUE(contains(bad_date.body, "type=\"date\" id=\"starts_on\"")) << "a valid one stays a date input";
    const std::string long_label(90, 'L');
    const auto too_long = admin.post(http(), "/admin/semesters",
                                     semester_form("2029-S1", long_label, "Spring 2029", "2029-02-01", "2029-06-30"));
    EXPECT_TRUE(shows_field_error(too_long.body, "label_fr"));
    EXPECT_TRUE(contains(too_long.body, "value=\"" + long_label + "\"")) << "a label too long is kept to be shortened";
    const auto all_wrong = admin.post(http(), "/admin/semesters", semester_form("x", "", "", "", ""));
    EXPECT_TRUE(contains(all_wrong.body, "Indiquez le libellé en anglais") && contains(all_wrong.body, "Le code doit suivre"))
        << "every problem at once";
    const auto in_english = admin.post(http(), "/admin/semesters", bad[0].body, {"Accept-Language: en"});
    EXPECT_EQ(in_english.status, 422);
    EXPECT_TRUE(contains(in_english.body, "A semester already has this code"));
    const auto end_first = admin.post(http(), "/admin/semesters", bad[1].body, {"Accept-Language: en"});
    EXPECT_TRUE(contains(end_first.body, "The end date must be after the start date."));
    EXPECT_EQ(semesters(), before) << "nothing stored";
    EXPECT_EQ(audits(), audit_before) << "nothing audited";

    // A good one (typed in lower case, with spaces): created, audited, and its page says so.
    const auto created = admin.post(http(), "/admin/semesters",
                                    semester_form(" 2029-s1 ", "Printemps 2029", "Spring 2029", "2029-02-01", "2029-06-30"));
    ASSERT_EQ(created.status, 303) << created.body.substr(0, 400);
    const long long id = count("SELECT id FROM semesters WHERE code = '2029-S1'");
    ASSERT_GT(id, 0) << "stored with its code normalised";
    EXPECT_EQ(created.header("location"), "/admin/semesters/" + std::to_string(id) + "?done=created");
    EXPECT_EQ(semesters(), before + 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM semesters WHERE id = " + std::to_string(id) +
                    " AND label_fr = 'Printemps 2029' AND label_en = 'Spring 2029' AND starts_on = '2029-02-01' AND ends_on = "
                    "'2029-06-30'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_create_semester' AND target_kind = 'semester' AND "
                    "target_id = " +
                    std::to_string(id) + " AND actor_id = " +
                    std::to_string(count("SELECT id FROM people WHERE email = '" + email("semester-staff") + "'"))),
              1);
    const auto page = admin.get(http(), created.header("location"));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "data-testid=\"semester-notice\""));
    EXPECT_TRUE(contains(page.body, "Le semestre est créé"));
    EXPECT_EQ(
        admin.post(http(), "/admin/semesters", semester_form("2029-S1", "Autre", "Other", "2029-09-01", "2030-01-31")).status,
        422)
        << "its code is taken now";
    EXPECT_EQ(semesters(), before + 1);
}

TEST_F(AdminSemesters, StaffEditTheLabelsAndDatesButNeverTheCode) {
    Browser admin = staff("semester-editor");
    ASSERT_EQ(
        admin.post(http(), "/admin/semesters", semester_form("2030-A", "Automne 2030", "Autumn 2030", "2030-09-01", "2031-01-31"))
            .status,
        303);
    const std::string id = std::to_string(count("SELECT id FROM semesters WHERE code = '2030-A'"));
    const std::string target = "/admin/semesters/" + id;
    const long long audit_before = audits();

    const auto refused = admin.post(http(), target, semester_form("", "Automne 2030", "Autumn 2030", "2031-01-31", "2030-09-01"));
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "La date de fin doit être postérieure"));
    EXPECT_TRUE(contains(refused.body, "value=\"2031-01-31\"")) << "what was typed comes back";
    EXPECT_TRUE(shows_field_error(refused.body, "ends_on"));
    EXPECT_TRUE(shows_field_error(
        admin.post(http(), target, semester_form("", "", "Autumn 2030", "2030-09-01", "2031-01-31")).body, "label_fr"));
    EXPECT_EQ(admin.post(http(), target, semester_form("", "", "Autumn 2030", "2030-09-01", "2031-01-31")).status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM semesters WHERE id = " + id +
                    " AND starts_on = '2030-09-01' AND label_fr = 'Automne 2030'"),
              1);
    EXPECT_EQ(audits(), audit_before);

    const auto saved = admin.post(
        http(), target, semester_form("2099-Z", "Automne 2030 (décalé)", "Autumn 2030 (late)", "2030-09-15", "2031-02-15"));
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
    EXPECT_EQ(saved.header("location"), target + "?done=saved");
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM semesters WHERE id = " + id +
              " AND code = '2030-A' AND label_fr = 'Automne 2030 (décalé)' AND label_en = 'Autumn 2030 (late)' AND starts_on = "
              "'2030-09-15' AND ends_on = '2031-02-15'"),
        1)
        << "the code stays";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_edit_semester' AND target_id = " + id), 1);
    const auto page = admin.get(http(), target + "?done=saved&lang=en");
    EXPECT_TRUE(contains(page.body, "The labels and dates are saved."));
    EXPECT_TRUE(contains(page.body, "2030-A — Autumn 2030 (late)"));
    // Saving the same values again changes and audits nothing.
    ASSERT_EQ(
        admin.post(http(), target, semester_form("", "Automne 2030 (décalé)", "Autumn 2030 (late)", "2030-09-15", "2031-02-15"))
            .status,
        303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_edit_semester' AND target_id = " + id), 1);

    EXPECT_EQ(admin.get(http(), "/admin/semesters/999999").status, 404);
    EXPECT_EQ(admin.post(http(), "/admin/semesters/999999", semester_form("", "A", "B", "2030-09-01", "2031-01-31")).status, 404);
    EXPECT_EQ(admin.get(http(), "/admin/semesters/abc").status, 404);
}

TEST_F(AdminSemesters, PartnerSchoolsAreSavedAsOneSetAuditedAndCounted) {
    Browser admin = staff("semester-partners");
    ASSERT_EQ(admin
                  .post(http(), "/admin/semesters",
                        semester_form("2031-S1", "Printemps 2031", "Spring 2031", "2031-02-01", "2031-06-30"))
                  .status,
              303);
    const long long id = count("SELECT id FROM semesters WHERE code = '2031-S1'");
    const std::string target = "/admin/semesters/" + std::to_string(id);
    const std::string central = school_id("centralesupelec"), eivl = school_id("eivl"), inhdf = school_id("inhdf");

    // Every school is listed, none ticked yet; organisations of other kinds are not.
    const auto page = admin.get(http(), target);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "data-school=\"centralesupelec\""));
    EXPECT_TRUE(contains(page.body, "data-school=\"eivl\""));
    EXPECT_FALSE(contains(page.body, "data-school=\"fab-inclusion\"")) << "an association is no school";
    EXPECT_FALSE(contains(page.body, "name=\"school\" value=\"" + central + "\" checked"));
    EXPECT_EQ(listed_partners(admin.get(http(), "/admin/semesters").body, "2031-S1"), "0");

    const long long audit_before = audits();
    const auto saved = admin.post(http(), target + "/partners", "school=" + central + "&school=" + eivl + "&school=" + inhdf);
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
    EXPECT_EQ(saved.header("location"), target + "?done=partners");
    EXPECT_EQ(partners(id), 3);
    EXPECT_EQ(audits(), audit_before + 1) << "one change, one audit entry";
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_set_semester_partners' AND target_kind = 'semester' AND "
              "target_id = " +
              std::to_string(id)),
        1);
    const auto shown = admin.get(http(), target + "?done=partners");
    EXPECT_TRUE(contains(shown.body, "Les écoles partenaires sont enregistrées."));
    EXPECT_TRUE(contains(shown.body, "name=\"school\" value=\"" + central + "\" checked"));
    EXPECT_TRUE(contains(shown.body, "name=\"school\" value=\"" + eivl + "\" checked"));
    EXPECT_EQ(listed_partners(admin.get(http(), "/admin/semesters").body, "2031-S1"), "3");

    // The set replaces the previous one: unticked schools stop being partners.
    ASSERT_EQ(admin.post(http(), target + "/partners", "school=" + eivl).status, 303);
    EXPECT_EQ(partners(id), 1);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM school_semesters WHERE semester_id = " + std::to_string(id) + " AND school_id = " + eivl), 1);
    EXPECT_EQ(listed_partners(admin.get(http(), "/admin/semesters").body, "2031-S1"), "1");
    // Each semester has its own set.
    const long long other = count("SELECT id FROM semesters WHERE code = '2026-P'");
    ASSERT_EQ(admin.post(http(), "/admin/semesters/" + std::to_string(other) + "/partners", "school=" + central).status, 303);
    EXPECT_EQ(partners(id), 1);
    EXPECT_EQ(partners(other), 1);

    // Not a school, not a number, not a semester: refused, nothing changes.
    const long long audit_now = audits();
    const auto association = admin.post(http(), target + "/partners", "school=" + eivl + "&school=" + school_id("fab-inclusion"));
    EXPECT_EQ(association.status, 422);
    EXPECT_TRUE(contains(association.body, "data-testid=\"error-summary\""));
    EXPECT_FALSE(contains(association.body, "aria-invalid")) << "a stale choice is a problem of the whole form";
    EXPECT_EQ(admin.post(http(), target + "/partners", "school=" + central + "&school=abc").status, 422);
    EXPECT_EQ(admin.post(http(), target + "/partners", "school=999999").status, 422);
    EXPECT_EQ(admin.post(http(), "/admin/semesters/999999/partners", "school=" + central).status, 404);
    EXPECT_EQ(partners(id), 1);
    EXPECT_EQ(audits(), audit_now);
    // Saving the same set writes nothing; unticking everything leaves none.
    ASSERT_EQ(admin.post(http(), target + "/partners", "school=" + eivl).status, 303);
    EXPECT_EQ(audits(), audit_now);
    ASSERT_EQ(admin.post(http(), target + "/partners").status, 303);
    EXPECT_EQ(partners(id), 0);
    EXPECT_EQ(audits(), audit_now + 1);
}

TEST_F(AdminSemesters, OnlyStaffReachThePagesAndEveryFormNeedsItsCsrfToken) {
    Browser admin = staff("semester-guard");
    const long long id = count("SELECT id FROM semesters WHERE code = '2027-P'");
    const std::string target = "/admin/semesters/" + std::to_string(id);
    const std::string central = school_id("centralesupelec");
    const std::string good = semester_form("2032-S1", "Printemps 2032", "Spring 2032", "2032-02-01", "2032-06-30");
    // A coordinator of a school, a student: 403 (the policy's staff_only is not hidden).
    const long long coordinator = create_account(url_, email("semester-coord"), "coordinator");
    count("INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(coordinator) +
          ", id, 'admin', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = 'centralesupelec' RETURNING person_id");
    create_account(url_, email("semester-student"), "student");
    const long long before = semesters(), partners_before = partners(id), audit_before = audits();
    for (const auto& who : {log_in(http(), email("semester-coord")), log_in(http(), email("semester-student"))}) {
        EXPECT_EQ(who.get(http(), "/admin/semesters").status, 403);
        EXPECT_EQ(who.get(http(), target).status, 403);
        EXPECT_EQ(who.post(http(), "/admin/semesters", good).status, 403);
        EXPECT_EQ(who.post(http(), target, good).status, 403);
        EXPECT_EQ(who.post(http(), target + "/partners", "school=" + central).status, 403);
    }
    // Anonymous visitors are sent to log in.
    const std::string anonymous = set_cookie_value(http().get("/login"), "csrf");
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/admin/semesters"}, {"GET", target}, {"POST", "/admin/semesters"}, {"POST", target + "/partners"}}) {
        const auto r = http().request(method, path, {"Cookie: csrf=" + anonymous, form_type},
                                      method == "POST" ? good + "&csrf=" + anonymous : "");
        EXPECT_EQ(r.status, 303) << method << " " << path;
        EXPECT_EQ(r.header("location").rfind("/login", 0), 0u) << method << " " << path;
    }
    // Staff without the session's token, or with a forged one: 403, nothing done.
    for (const auto& token : {std::string(), std::string("&csrf=forged")}) {
        for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
                 {"/admin/semesters", good}, {target, good}, {target + "/partners", "school=" + central}}) {
            const auto r = http().request("POST", path, admin.headers({form_type}), body + token);
            EXPECT_EQ(r.status, 403) << path << (token.empty() ? " without" : " with a forged") << " token";
        }
    }
    EXPECT_EQ(semesters(), before);
    EXPECT_EQ(partners(id), partners_before);
    EXPECT_EQ(audits(), audit_before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM semesters WHERE id = " + std::to_string(id) + " AND label_en = 'Spring 2027'"), 1);
    // With the token, the same requests work.
    EXPECT_EQ(admin.post(http(), "/admin/semesters", good).status, 303);
    EXPECT_EQ(semesters(), before + 1);
}
