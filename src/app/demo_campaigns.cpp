#include "app/demo_campaigns.hpp"

#include "domain/credentials.hpp"
#include "render/views.hpp"
#include "service/campaigns.hpp"
#include "service/cohorts.hpp"
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "store/organisations.hpp"
#include "store/projects.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

constexpr const char* first_names[] = {"Camille", "Léa",   "Manon", "Chloé", "Emma",    "Hugo",  "Lucas", "Nathan",
                                       "Inès",    "Sarah", "Yanis", "Adam",  "Jade",    "Louis", "Zoé",   "Rayan",
                                       "Lina",    "Noah",  "Alice", "Mehdi", "Clara",   "Théo",  "Maël",  "Aya",
                                       "Gabin",   "Rose",  "Sacha", "Nora",  "Bastien", "Lou",   "Amine", "Eva"};
constexpr const char* last_names[] = {"Martin", "Bernard", "Dubois", "Thomas",  "Robert",   "Richard", "Petit",  "Durand",
                                      "Leroy",  "Moreau",  "Simon",  "Laurent", "Lefebvre", "Michel",  "Garcia", "Roux"};

struct Seeder {
    soci::session& session;
    const mail::Notifier& notifier;
    const std::vector<store::Skill>& skills;
    std::string password_hash;

    service::Context at(store::Clock::time_point when) const { return {session, when, notifier, skills}; }

    long long account(const std::string& email, const std::string& name, const std::string& role, store::Clock::time_point now) {
        store::WriteTransaction tx(session);
        const long long id = store::AccountRepository(session).create({email, name, role, password_hash, true, ""}, now);
        tx.commit();
        return id;
    }
    long long school(const std::string& slug) {
        const auto found = store::OrganisationRepository(session).find_by_slug(slug);
        if (!found) throw std::runtime_error("demo campaigns: no school " + slug);
        return found->id;
    }
    void check(bool ok, const std::string& what) {
        if (!ok) throw std::runtime_error("demo campaigns: " + what);
    }
};

}  // namespace

DemoCampaignsReport seed_demo_campaigns(store::Database& database, store::Clock::time_point now) {
    DemoCampaignsReport report;
    const render::Views views(render::load_catalogue());
    const mail::Notifier notifier(views, "http://127.0.0.1:8080");
    const auto skills = store::ProjectRepository(database).skills();  // before the lease: the pool may hold one
    store::Lease session(database);
    Seeder seed{*session, notifier, skills, domain::hash_password(demo_password)};
    const auto past = now - 60 * 24h;  // accounts and cohorts exist before any window opens

    // Who logs in: a coordinator of three schools, a student in their three cohorts.
    const long long coordinator = seed.account(demo_coordinator_email, "Claire Coordinatrice", "coordinator", past);
    const long long student = seed.account(demo_student_email, "Camille Étudiante", "student", past);
    report.accounts = 2;
    const std::vector<std::string> schools{"eivl", "inhdf", "epconfluences"};
    {
        store::WriteTransaction tx(*session);
        for (const auto& slug : schools)
            store::OrganisationRepository(*session).add_member(seed.school(slug), coordinator, domain::MemberRole::admin, past);
        tx.commit();
    }
    const auto semester = [&] {
        for (const auto& s : store::CohortRepository(*session).semesters())
            if (s.code == "2027-P") return s.id;
        throw std::runtime_error("demo campaigns: no semester 2027-P");
    }();

    // One cohort per school: the demo student and `size - 1` others, imported as a spreadsheet.
    std::size_t next_name = 0;
    auto cohort = [&](const std::string& school, const std::string& course, int size) {
        const auto made = service::create_cohort(seed.at(past), {seed.school(school), semester, coordinator, course, ""});
        seed.check(made.kind == service::CohortOutcome::Kind::created, "cohort " + course);
        std::string csv = "E-mail;Prénom;Nom;Groupe\r\n" + std::string(demo_student_email) + ";Camille;Étudiante;TD1\r\n";
        std::vector<long long> people{student};
        for (int i = 1; i < size; ++i, ++next_name) {
            const std::string first = first_names[next_name % std::size(first_names)];
            const std::string last = last_names[(next_name * 7) % std::size(last_names)];
            const std::string email = "etudiant" + std::to_string(next_name + 1) + "@demo.latitudes.org";
            people.push_back(seed.account(email, first + " " + last, "student", past));
            csv += email + ";" + first + ";" + last + ";TD" + std::to_string(1 + i % 2) + "\r\n";
        }
        const auto imported = service::import_students(seed.at(past), {made.cohort_id, csv, true});
        seed.check(imported.kind == service::ImportOutcome::Kind::imported, "import " + course);
        report.students += size - 1;
        return std::pair{made.cohort_id, people};
    };
    auto campaign = [&](const std::string& school, long long cohort_id, const std::string& title, std::chrono::hours opens_in,
                        std::chrono::hours closes_in, const std::vector<std::string>& projects) {
        domain::CampaignInput input{title, store::iso_utc(now + opens_in), store::iso_utc(now + closes_in), "3", "2", {cohort_id},
                                    {}};
        for (const auto& slug : projects) input.projects.push_back({slug, "3", "4", "", ""});
        // The coordinator also supervises the first project (their teams appear in "Mes équipes").
        input.projects.front().supervisor_email = demo_coordinator_email;
        input.projects.front().supervisor_limit = "4";
        const auto made = service::create_campaign(seed.at(past), seed.school(school), coordinator, input);
        seed.check(made.kind == service::CampaignOutcome::Kind::created, "campaign " + title);
        ++report.campaigns;
        return made.campaign_id;
    };
    // Rankings saved during the window; the k-th student rotates the project list by k.
    auto rank = [&](long long id, const std::vector<long long>& people, std::size_t how_many,
                    const std::vector<std::string>& projects, store::Clock::time_point when) {
        for (std::size_t k = 0; k < how_many && k < people.size(); ++k) {
            std::vector<std::string> order;
            for (std::size_t j = 0; j < 3; ++j) order.push_back(projects[(k + j) % projects.size()]);
            const auto saved = service::save_ranking(seed.at(when), id, people[k], order);
            seed.check(saved.kind == service::RankingOutcome::Kind::saved, "ranking: " + saved.refusal);
        }
    };

    // Published: chosen a month ago, both runs computed, one move, teams formed and told.
    const std::vector<std::string> published_projects{"qualite-eau-tableau-de-bord", "empreinte-carbone-reemploi",
                                                      "suivi-demarches-refugies"};
    const auto [c1, people1] = cohort("eivl", "Projet Tech for Good — 3e année", 12);
    const long long published = campaign("eivl", c1, "Projets Tech for Good — printemps 2027", -40 * 24h, -20 * 24h,
                                         published_projects);
    rank(published, people1, people1.size(), published_projects, now - 30 * 24h);
    const auto after = now - 19 * 24h;
    const auto stable = service::run_allocation(seed.at(after), {published, coordinator, "stable", false, 2027});
    const auto welfare = service::run_allocation(seed.at(after), {published, coordinator, "welfare", false, 2027});
    seed.check(stable.kind == service::RunOutcome::Kind::stored && welfare.kind == service::RunOutcome::Kind::stored, "runs");
    const auto published_run = service::publish_run(seed.at(after), stable.run_id, coordinator);
    seed.check(published_run.kind == service::PublishOutcome::Kind::published, "publication");

    // Closed yesterday, not allocated yet: two students did not rank, one is pre-allocated.
    const std::vector<std::string> closed_projects{"appli-benevoles-littoral", "mesure-impact-tiers-lieux",
                                                   "site-accessible-numeribus"};
    const auto [c2, people2] = cohort("inhdf", "Ingénierie solidaire — 2e année", 10);
    const long long closed = campaign("inhdf", c2, "Projets solidaires — choix clos", -14 * 24h, -24h, closed_projects);
    rank(closed, people2, people2.size() - 2, closed_projects, now - 7 * 24h);
    const auto fixed = service::pre_allocate(seed.at(now - 2 * 24h), closed, people2.back(), "site-accessible-numeribus",
                                             "Stage alterné chez le bénéficiaire : accord de la direction des études",
                                             coordinator);
    seed.check(fixed.kind == service::PreAllocationOutcome::Kind::fixed, "pre-allocation");

    // Open now for ten more days: four students ranked, the demo student has not yet.
    const std::vector<std::string> open_projects{"appli-societaires-energie", "mesure-impact-tiers-lieux",
                                                 "appli-benevoles-littoral"};
    const auto [c3, people3] = cohort("epconfluences", "Numérique responsable — 1re année", 10);
    const long long open = campaign("epconfluences", c3, "Choix des projets — semestre de printemps", -3 * 24h, 10 * 24h,
                                    open_projects);
    std::vector<long long> others(people3.begin() + 1, people3.end());
    rank(open, others, 4, open_projects, now - 24h);
    report.accounts += report.students;
    return report;
}

}  // namespace latitudes::app
