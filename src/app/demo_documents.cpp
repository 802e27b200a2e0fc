#include "app/demo_documents.hpp"

#include "service/documents.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

// A one-page PDF whose text is `line` (enough for a viewer to open; offsets need not be exact for
// the demo, viewers rebuild the table).
std::string demo_pdf(const std::string& line) {
    const std::string stream = "BT /F1 18 Tf 72 720 Td (" + line + ") Tj ET";
    return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
           "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
           "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
           "4 0 obj << /Length " +
           std::to_string(stream.size()) + " >> stream\n" + stream +
           "\nendstream endobj\n5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
           "trailer << /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace

int seed_demo_documents(const service::Context& ctx, long long team_id, long long student_id, long long contact_id) {
    if (!demo_file_key) {
        spdlog::info("no file key given to seed (--file-key-file, LATITUDES_FILE_KEY): demo documents not seeded");
        return 0;
    }
    const auto& key = *demo_file_key;
    const domain::DocumentLimits limits;
    int stored = 0;
    const auto upload = [&](service::Clock::time_point when, long long by, long long document, const std::string& kind,
                            const std::string& title, const std::string& filename, const std::string& content) {
        service::Context at{ctx.session, when, ctx.notifier, ctx.skills};
        const auto outcome = service::upload_whole_file(at, key, limits, {team_id, by, document, kind, title, filename, 0},
                                                        content);
        if (outcome.problem != service::UploadProblem::none) throw std::runtime_error("demo documents: " + filename);
        ++stored;
        return outcome;
    };
    const auto now = ctx.now;
    const auto agreement = upload(now - 25 * 24h, contact_id, 0, "agreement", "Convention de partenariat",
                                  "convention-partenariat.pdf", demo_pdf("Convention de partenariat - projet etudiant"));
    const auto spec = upload(now - 20 * 24h, student_id, 0, "specification", "Cahier des charges", "cahier-des-charges.md",
                             "# Cahier des charges\n\n## Besoin\n\nSuivre les points d'eau et leurs pannes.\n");
    const auto spec_v2 = upload(
        now - 12 * 24h, student_id, spec.document_id, "", "", "cahier-des-charges-v2.md",
        "# Cahier des charges (v2)\n\n## Besoin\n\nSuivre les points d'eau, leurs pannes et les réparations.\n\n"
        "## Hors périmètre\n\nLa facturation.\n");
    upload(now - 2 * 24h, student_id, 0, "deliverable", "Prototype : rapport de livraison", "rapport-livraison.pdf",
           demo_pdf("Rapport de livraison du prototype"));
    // Who read what: the beneficiary's contact read the specification's second version, the
    // student the agreement.
    service::record_download({ctx.session, now - 11 * 24h, ctx.notifier, ctx.skills}, spec_v2.version_id, contact_id);
    service::record_download({ctx.session, now - 24 * 24h, ctx.notifier, ctx.skills}, agreement.version_id, student_id);
    return stored;
}

}  // namespace latitudes::app
