// Who is told what, and who sees which control, through the pages (issue 10): staff are mailed a
// link when a need is submitted and members when their organisation is verified; the need page
// offers staff's moves ("Motif", "Annuler", "Refuser") to staff only, and the beneficiary only what
// the workflow lets them do, in their words (withdrawing their own need); the audit log records the
// need's life and reads in the reader's language, without raw action identifiers.
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using latitudes::web::url_encode;

namespace {

// The status controls of a need or framing page (templates/_moves.mustache).
std::string moves_of(const std::string& page) {
    const auto start = page.find("data-testid=\"moves\"");
    if (start == std::string::npos) return {};
    return page.substr(start, page.find("</div>", start) - start);
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

class Notifications : public InProcessSite<Notifications> {
protected:
    static std::string submit_need(const Browser& who, const std::string& organisation, const std::string& title) {
        auto r = who.post(http(), "/needs/new",
                          "organisation=" + organisation + "&intent=submit&title=" + url_encode(title) +
                              "&summary=" + url_encode("Un outil simple") + "&format=student_project" +
                              "&problem=" + url_encode("Tout est sur papier.") + "&beneficiaries=" + url_encode("Familles") +
                              "&hopes=" + url_encode("Une application") +
                              "&contact_name=Nadia&contact_email=nadia%40asso.example");
        if (r.status != 303) throw std::runtime_error("need not submitted: " + std::to_string(r.status));
        return r.header("location").substr(0, r.header("location").find('?'));
    }
};

TEST_F(Notifications, TheNeedPageOffersStaffControlsToStaffOnly) {
    create_account(url_, email("ctl-admin"), "beneficiary", "Nadia Asso");
    create_account(url_, email("ctl-staff"), "staff", "Sam Staff");
    Browser nadia = log_in(http(), email("ctl-admin")), staff = log_in(http(), email("ctl-staff"));
    const std::string org = verified_organisation(http(), nadia, staff, "Asso Contrôles " + std::to_string(::getpid()));
    const std::string need = submit_need(nadia, org, "Suivi des permanences");

    const std::string theirs = moves_of(nadia.get(http(), need).body);
    ASSERT_FALSE(theirs.empty());
    EXPECT_FALSE(has(theirs, "Motif")) << theirs;
    EXPECT_FALSE(has(theirs, ">Annuler<"));
    EXPECT_FALSE(has(theirs, "data-testid=\"move-declined\"")) << "declining is staff's";
    EXPECT_FALSE(has(theirs, "data-testid=\"move-framing\"")) << "taking a need up is staff's";
    EXPECT_TRUE(has(theirs, ">Retirer le besoin<")) << "their own need, theirs to withdraw";
    EXPECT_TRUE(has(theirs, "Pourquoi le retirer ? (gardé dans l&apos;historique)"));
    EXPECT_TRUE(has(moves_of(nadia.get(http(), need + "?lang=en").body), ">Withdraw the need<"));

    const std::string staffs = moves_of(staff.get(http(), need).body);
    EXPECT_TRUE(has(staffs, "Motif (envoyé à la structure)"));
    EXPECT_TRUE(has(staffs, ">Annuler<"));
    EXPECT_TRUE(has(staffs, ">Refuser<"));
    EXPECT_TRUE(has(staffs, "data-testid=\"move-framing\""));
    EXPECT_FALSE(has(staffs, "Retirer le besoin"));

    // Once framed, nothing on the sheet's page is the beneficiary's to move; staff keep theirs.
    const std::string id = need.substr(std::string("/needs/").size());
    ASSERT_EQ(staff.post(http(), need + "/status", "to=framing").status, 303);
    const std::string framed = moves_of(nadia.get(http(), "/framing/" + id).body);
    EXPECT_FALSE(has(framed, "<form")) << framed;
    EXPECT_TRUE(has(moves_of(staff.get(http(), "/framing/" + id).body), ">Annuler<"));

    // The beneficiary's control does what it says, on a need still theirs.
    const std::string other = submit_need(nadia, org, "Annuaire des aidants");
    ASSERT_EQ(nadia.post(http(), other + "/status", "to=cancelled&reason=" + url_encode("Doublon")).status, 303);
    EXPECT_TRUE(has(nadia.get(http(), other).body, "Annulé"));
}

TEST_F(Notifications, StaffAreMailedTheSubmittedNeedAndTheAuditLogReadsInTheirLanguage) {
    create_account(url_, email("log-admin"), "beneficiary", "Noé Asso");
    create_account(url_, email("log-staff"), "staff", "Sarah Staff");
    Browser noe = log_in(http(), email("log-admin")), staff = log_in(http(), email("log-staff"));
    const std::string org = verified_organisation(http(), noe, staff, "Asso Journal " + std::to_string(::getpid()));
    EXPECT_EQ(last_mailed_link(url_, email("log-admin"), "/orgs/"), "/orgs/" + org + "?lang=fr") << "told of the verification";

    const std::string need = submit_need(noe, org, "Tableau des dons");
    EXPECT_EQ(last_mailed_link(url_, email("log-staff"), "/needs/"), need + "?lang=fr") << "staff told, with a link";
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'need_submitted' AND to_address = '" + email("log-admin") +
                    "'"),
              0);
    ASSERT_EQ(staff.post(http(), need + "/status", "to=framing").status, 303);
    const std::string id = need.substr(std::string("/needs/").size());
    ASSERT_EQ(
        staff.post(http(), "/framing/" + id, "statement=" + url_encode("Suivre les dons") + "&team_min=3&team_max=5").status,
        303);

    const std::string french = staff.get(http(), "/admin/audit").body;
    for (const char* label : {"Organisation vérifiée", "Besoin créé", "Changement de statut", "Fiche de cadrage enregistrée",
                              "Brouillon → Soumis", "Soumis → En cadrage", "Organisation créée"})
        EXPECT_TRUE(has(french, label)) << label;
    EXPECT_TRUE(has(french, "<a href=\"" + need + "\">Besoin #" + id + "</a>"));
    // Identifiers stay in the markup for scripts (data-action), never as the text people read.
    for (const char* action : {"staff_verify_organisation", "move_need", "save_framing_revision", "create_need"}) {
        EXPECT_GE(occurrences(french, action), 1u) << action;
        EXPECT_EQ(occurrences(french, action), occurrences(french, std::string("data-action=\"") + action + "\"")) << action;
    }
    EXPECT_FALSE(has(french, "<code>"));

    const std::string english = staff.get(http(), "/admin/audit?lang=en").body;
    for (const std::string label :
         {std::string("Organisation verified"), std::string("Need created"), std::string("Status change"),
          std::string("Framing sheet saved"), std::string("Submitted → Framing"), "Need #" + id})
        EXPECT_TRUE(has(english, label)) << label;
}
