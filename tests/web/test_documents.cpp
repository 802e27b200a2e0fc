// The team's documents, in-process on SQLite and PostgreSQL: a chunked upload (as the JavaScript
// sends it) and the no-JavaScript form, versions, downloads identical to what was sent with the
// right headers, the access log, tamper detection, an interrupted upload leaving nothing once the
// job has run, limits and their messages, and another team's documents answering 404 whichever
// path is used.
#include "support/in_process_site.hpp"

#include "domain/file_crypto.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;

class Documents : public InProcessSite<Documents> {
protected:
    static void SetUpTestSuite() {
        InProcessSite<Documents>::SetUpTestSuite();
        team_a = scalar(url_,
                        "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = 'capteurs-points-eau'");
        team_b = scalar(
            url_, "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = 'maintenance-kits-solaires'");
        const long long a = create_account(url_, email("doc-student"), "student");
        const long long b = create_account(url_, email("doc-other"), "student");
        const long long contact = create_account(url_, email("doc-contact"), "beneficiary");
        scalar(url_, "INSERT INTO team_members (team_id, person_id) VALUES (" + std::to_string(team_a) + ", " +
                         std::to_string(a) + ") RETURNING team_id");
        scalar(url_, "INSERT INTO team_members (team_id, person_id) VALUES (" + std::to_string(team_b) + ", " +
                         std::to_string(b) + ") RETURNING team_id");
        scalar(url_,
               "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(contact) +
                   ", id, 'member', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = 'eau-vive-sahel' RETURNING person_id");
    }
    static inline long long team_a = 0, team_b = 0;

    static std::string api(long long team) { return "/api/v1/teams/" + std::to_string(team) + "/documents"; }
    static HttpResponse call(const Browser& who, const std::string& method, const std::string& target,
                             const std::string& body = "") {
        return http().request(method, target, who.headers({"Content-Type: application/json", "X-CSRF-Token: " + who.csrf}), body);
    }
    // Opens an upload; returns its id (0 when refused, `status` says why).
    static long long open(const Browser& who, long long team, const std::string& filename, std::size_t size, long long& status,
                          long long document = 0, const std::string& kind = "deliverable") {
        nlohmann::json body{{"kind", kind}, {"title", "Rapport " + filename}, {"filename", filename}, {"size", size}};
        if (document) body["document_id"] = document;
        const auto r = call(who, "POST", api(team) + "/uploads", body.dump());
        status = r.status;
        if (r.status != 201) return 0;
        return nlohmann::json::parse(r.body)["upload"]["id"].get<long long>();
    }
    static HttpResponse chunk(const Browser& who, long long team, long long upload, int index, const std::string& bytes) {
        return call(who, "PUT", api(team) + "/uploads/" + std::to_string(upload) + "/chunks/" + std::to_string(index),
                    nlohmann::json{{"data", domain::to_base64(bytes)}}.dump());
    }
    // The whole chunked upload; returns the finish answer's JSON.
    static nlohmann::json upload(const Browser& who, long long team, const std::string& filename, const std::string& content,
                                 long long document = 0) {
        long long status = 0;
        const long long id = open(who, team, filename, content.size(), status, document);
        EXPECT_EQ(status, 201);
        const std::size_t size = 512 * 1024;
        for (std::size_t at = 0, i = 0; at < content.size(); at += size, ++i)
            EXPECT_EQ(chunk(who, team, id, static_cast<int>(i), content.substr(at, size)).status, 200);
        const auto r = call(who, "POST", api(team) + "/uploads/" + std::to_string(id) + "/finish");
        EXPECT_EQ(r.status, 201) << r.body;
        return nlohmann::json::parse(r.body, nullptr, false);
    }
    static std::string pdf(std::size_t size, char seed = 'a') {
        std::string out = "%PDF-1.5\n";
        for (std::size_t i = out.size(); i < size; ++i) out.push_back(static_cast<char>((i * 31 + seed) % 251));
        return out;
    }
    static std::string multipart(const std::string& csrf, const std::string& kind, const std::string& title,
                                 const std::string& filename, const std::string& content, const std::string& document = "") {
        std::string b = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
        if (!kind.empty()) b += "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n";
        b += "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n";
        if (!document.empty()) b += "--XyZ\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\n" + document + "\r\n";
        b += "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
             "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--XyZ--\r\n";
        return b;
    }
    static HttpResponse form(const Browser& who, long long team, const std::string& body) {
        return http().request("POST", "/teams/" + std::to_string(team) + "/documents",
                              who.headers({"Content-Type: multipart/form-data; boundary=XyZ"}), body);
    }
};

TEST_F(Documents, AChunkedUploadIsStoredEncryptedAndDownloadsIdentical) {
    const Browser student = log_in(http(), email("doc-student"));
    const std::string content = pdf(1300 * 1000);
    const auto done = upload(student, team_a, "Rapport final.pdf", content);
    ASSERT_TRUE(done.is_object());
    const long long document = done["document"]["id"], version = done["version_id"];
    EXPECT_EQ(done["number"], 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_chunks WHERE version_id = " + std::to_string(version)), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_uploads"), 0) << "the upload became the version";
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE kind = 'document_uploaded' AND team_id = " + std::to_string(team_a)), 1);

    const std::string page_path = "/teams/" + std::to_string(team_a) + "/documents/" + std::to_string(document) + "/versions/" +
                                  std::to_string(version);
    const auto file = student.get(http(), page_path);
    ASSERT_EQ(file.status, 200);
    EXPECT_TRUE(file.body == content) << "the download is the file sent (" << file.body.size() << " bytes)";
    EXPECT_EQ(file.headers.at("content-type"), "application/pdf");
    EXPECT_EQ(file.headers.at("cache-control"), "no-store");
    EXPECT_EQ(file.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(file.headers.at("content-disposition"),
              "attachment; filename=\"Rapport final.pdf\"; filename*=UTF-8''Rapport%20final.pdf");
    const auto by_api = call(student, "GET",
                             api(team_a) + "/" + std::to_string(document) + "/versions/" + std::to_string(version) + "/content");
    EXPECT_TRUE(by_api.body == content);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_downloads WHERE version_id = " + std::to_string(version)), 2);

    // A new version of it; the list says both.
    const auto second = upload(student, team_a, "Rapport final v2.pdf", pdf(2000, 'b'), document);
    EXPECT_EQ(second["number"], 2);
    const auto list = nlohmann::json::parse(call(student, "GET", api(team_a)).body);
    ASSERT_EQ(list["documents"].size(), 1u);
    EXPECT_EQ(list["documents"][0]["versions"].size(), 2u);
    EXPECT_EQ(list["documents"][0]["versions"][0]["number"], 2);

    // The page lists it; the access log is the beneficiary's contact's and staff's, not the student's.
    const auto seen = student.get(http(), "/teams/" + std::to_string(team_a));
    EXPECT_NE(seen.body.find("Rapport final v2.pdf"), std::string::npos);
    EXPECT_EQ(seen.body.find("data-testid=\"access-log\""), std::string::npos);
    const auto contact_page = log_in(http(), email("doc-contact")).get(http(), "/teams/" + std::to_string(team_a));
    EXPECT_NE(contact_page.body.find("data-testid=\"access-log\""), std::string::npos);
    EXPECT_NE(contact_page.body.find("Test Person"), std::string::npos) << "who downloaded";
}

TEST_F(Documents, TheFormWithoutJavaScriptStoresOrExplains) {
    const Browser student = log_in(http(), email("doc-student"));
    const auto stored = form(student, team_a,
                             multipart(student.csrf, "agreement", "Convention", "convention.md", "# Convention\n"));
    EXPECT_EQ(stored.status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE title = 'Convention'"), 1);
    const long long before = count("SELECT COUNT(*) FROM document_chunks");
    struct Case {
        std::string kind, title, filename, content, says;
    };
    const std::vector<Case> refused{
        {"agreement", "Un exécutable", "outil.exe", "MZ\x90", "pas accepté"},
        {"agreement", "Faux PDF", "faux.pdf", "<html>pas un pdf</html>", "ne correspond pas à son extension"},
        {"agreement", "Vide", "vide.pdf", "", "Le fichier est vide"},
        {"agreement", "Sans fichier", "", "", "Choisissez un fichier"},
        {"agreement", "", "sans-titre.pdf", "%PDF-1.4", "Donnez un titre"},
        {"", "Sans type", "sans-type.pdf", "%PDF-1.4", "Choisissez le type"},
    };
    for (const auto& c : refused) {
        const auto r = form(student, team_a, multipart(student.csrf, c.kind, c.title, c.filename, c.content));
        EXPECT_EQ(r.status, 422) << c.filename;
        EXPECT_NE(r.body.find(c.says), std::string::npos) << c.filename;
        EXPECT_NE(r.body.find("error-summary"), std::string::npos);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_chunks"), before) << "nothing of a refused file is kept";
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_uploads"), 0);
    // In English too.
    const auto en = http().request("POST", "/teams/" + std::to_string(team_a) + "/documents",
                                   student.headers({"Content-Type: multipart/form-data; boundary=XyZ",
                                                    "Cookie: lang=en; sid=" + student.sid}),
                                   multipart(student.csrf, "agreement", "Exe", "x.exe", "MZ"));
    EXPECT_EQ(en.status, 422);
}

TEST_F(Documents, AnInterruptedUploadLeavesNothingOnceTheJobHasRunAndCancelDeletesAtOnce) {
    const Browser student = log_in(http(), email("doc-student"));
    const long long documents = count("SELECT COUNT(*) FROM documents");
    long long status = 0;
    const long long id = open(student, team_a, "gros.pdf", 2 * 512 * 1024 + 10, status);
    ASSERT_EQ(status, 201);
    EXPECT_EQ(chunk(student, team_a, id, 0, pdf(512 * 1024)).status, 200);
    EXPECT_EQ(chunk(student, team_a, id, 2, pdf(10)).status, 409) << "out of order";
    EXPECT_EQ(chunk(student, team_a, id, 1, pdf(100)).status, 422) << "a chunk but the last is full";
    EXPECT_EQ(call(student, "POST", api(team_a) + "/uploads/" + std::to_string(id) + "/finish").status, 409) << "incomplete";
    // The browser goes away here. An upload is not a document; the job deletes it after its lease.
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), documents);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_chunks WHERE upload_id = " + std::to_string(id)), 1);
    const auto soon = run_latitudes({"jobs", "run", "--database", url_, "--now", "2020-01-01T00:00:00Z"});
    EXPECT_NE(soon.output.find("\"abandoned_uploads\":0"), std::string::npos) << soon.output;
    const auto later = run_latitudes({"jobs", "run", "--database", url_, "--now", "2099-01-01T00:00:00Z"});
    EXPECT_EQ(later.exit_code, 0) << later.output;
    EXPECT_NE(later.output.find("\"abandoned_uploads\":1"), std::string::npos) << later.output;
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_uploads"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_chunks WHERE version_id IS NULL"), 0);
    EXPECT_EQ(chunk(student, team_a, id, 1, pdf(512 * 1024)).status, 404) << "the upload is gone";

    const long long cancelled = open(student, team_a, "annule.pdf", 100, status);
    EXPECT_EQ(chunk(student, team_a, cancelled, 0, pdf(100)).status, 200);
    EXPECT_EQ(call(student, "DELETE", api(team_a) + "/uploads/" + std::to_string(cancelled)).status, 204);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_chunks WHERE version_id IS NULL"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), documents);
}

TEST_F(Documents, LimitsAreRefusedWithClearErrors) {
    const Browser student = log_in(http(), email("doc-student"));
    long long status = 0;
    EXPECT_EQ(open(student, team_a, "enorme.pdf", 300'000'000, status), 0);
    EXPECT_EQ(status, 413);
    EXPECT_EQ(open(student, team_a, "virus.exe", 100, status), 0);
    EXPECT_EQ(status, 422);
    EXPECT_EQ(open(student, team_a, "vide.pdf", 0, status), 0);
    EXPECT_EQ(status, 422);
    EXPECT_EQ(open(student, team_a, "a.pdf", 10, status, 0, "contract"), 0);
    EXPECT_EQ(status, 422);
    const auto r = call(student, "POST", api(team_a) + "/uploads", R"({"kind":"other","title":"x","filename":"a.exe","size":3})");
    EXPECT_NE(r.body.find("type_not_allowed"), std::string::npos);
    const long long id = open(student, team_a, "faux.pdf", 20, status);
    const auto mismatch = chunk(student, team_a, id, 0, std::string(20, 'x'));
    EXPECT_EQ(mismatch.status, 422);
    EXPECT_NE(mismatch.body.find("content_mismatch"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_uploads WHERE id = " + std::to_string(id)), 0) << "deleted at once";
}

TEST_F(Documents, AChangedByteIsRefusedNotServed) {
    const Browser student = log_in(http(), email("doc-student"));
    const std::string content = pdf(700 * 1000, 'c');
    const auto done = upload(student, team_a, "intact.pdf", content);
    const long long document = done["document"]["id"], version = done["version_id"];
    const std::string where = " WHERE version_id = " + std::to_string(version) + " AND seq = 1";
    if (url_.rfind("postgresql", 0) == 0)
        scalar(url_,
               "UPDATE document_chunks SET data = set_byte(data, 40, (get_byte(data, 40) + 1) % 256)" + where + " RETURNING seq");
    else
        scalar(
            url_,
            "UPDATE document_chunks SET data = substr(data, 1, 39) || CASE WHEN substr(data, 40, 1) = 'A' THEN 'B' ELSE 'A' END "
            "|| substr(data, 41)" +
                where + " RETURNING seq");
    const long long logged = count("SELECT COUNT(*) FROM document_downloads");
    const auto r = student.get(http(), "/teams/" + std::to_string(team_a) + "/documents/" + std::to_string(document) +
                                           "/versions/" + std::to_string(version));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find(content.substr(0, 200)), std::string::npos) << "not one byte of it is sent";
    EXPECT_NE(r.body.find("altéré"), std::string::npos);
    const auto by_api = call(student, "GET",
                             api(team_a) + "/" + std::to_string(document) + "/versions/" + std::to_string(version) + "/content");
    EXPECT_EQ(by_api.status, 500);
    EXPECT_NE(by_api.body.find("document_damaged"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_downloads"), logged) << "nothing was downloaded";
}

TEST_F(Documents, AnotherTeamsDocumentsAreNotFoundWhicheverPathIsUsed) {
    const Browser a = log_in(http(), email("doc-student")), b = log_in(http(), email("doc-other"));
    const auto done = upload(b, team_b, "secret-b.pdf", pdf(5000, 'd'));
    const std::string ids = std::to_string(done["document"]["id"].get<long long>()) + "/versions/" +
                            std::to_string(done["version_id"].get<long long>());
    const std::string via_a = "/teams/" + std::to_string(team_a) + "/documents/" + ids;
    const std::string via_b = "/teams/" + std::to_string(team_b) + "/documents/" + ids;
    EXPECT_EQ(b.get(http(), via_b).status, 200);
    for (const auto& target : {via_a, via_b, api(team_a) + "/" + ids + "/content", api(team_b) + "/" + ids + "/content"}) {
        const auto r = a.get(http(), target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.body.find("secret-b"), std::string::npos);
    }
    EXPECT_EQ(b.get(http(), via_a).status, 404) << "team A's path is not team B's student's either";
    EXPECT_EQ(a.get(http(), api(team_b)).status, 404);
    EXPECT_EQ(a.get(http(), "/teams/" + std::to_string(team_a)).body.find("secret-b"), std::string::npos);
    // An upload of team B's cannot be pushed to through team A, nor by someone else.
    long long status = 0;
    const long long upload_b = open(b, team_b, "b.pdf", 100, status);
    EXPECT_EQ(chunk(a, team_a, upload_b, 0, pdf(100)).status, 404);
    EXPECT_EQ(chunk(a, team_b, upload_b, 0, pdf(100)).status, 404) << "not of team B";
    const long long other_upload = open(b, team_b, "c.pdf", 100, status);
    const auto b_again = log_in(http(), email("doc-other"));
    EXPECT_EQ(chunk(b_again, team_b, other_upload, 0, pdf(100)).status, 200) << "the same person, another session";
    EXPECT_EQ(chunk(b, team_b, upload_b, 0, pdf(100)).status, 200);
    // A new version of team B's document through team A: the document is not A's.
    EXPECT_EQ(open(a, team_a, "v2.pdf", 100, status, done["document"]["id"].get<long long>()), 0);
    EXPECT_EQ(status, 404);
    // The no-JavaScript form: the same.
    const auto posted = form(
        a, team_a, multipart(a.csrf, "", "", "v2.pdf", "%PDF-1.4", std::to_string(done["document"]["id"].get<long long>())));
    EXPECT_EQ(posted.status, 404);
}
