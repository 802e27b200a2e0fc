// The team's documents on the workspace page (section id="documents"), the no-JavaScript upload
// form and the downloads. The JavaScript upload (static/js/documents.js) goes through the API's
// chunked upload (documents_api.cpp), with the session's cookie and CSRF header.
//
// Status codes: POST /teams/{id}/documents: 303 to the workspace's documents once stored; 422 with
// the form and its errors (kind, title, file: missing, empty, type, content, size); 413 when the
// body is over SiteOptions::document_form_max_bytes (Site::handle's refusal, with the limit and
// the JavaScript one); 404 for a document of another team (new version) and for whoever is not of
// the workspace; 503 when the server has no file key.
// GET /teams/{id}/documents/{document}/versions/{version}: 200 and the file (attachment, its type,
// no-store, nosniff), streamed; 404 for a version that is not of this document of this team, and
// for whoever is not of the workspace; 500 when the stored file fails its integrity check (nothing
// of it is sent); 503 without a file key.
#include "web/handlers/documents.hpp"

#include "web/form_errors.hpp"
#include "web/multipart.hpp"
#include "web/page.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

json version_view(const store::DocumentVersionRecord& v, const std::string& team_path, domain::Lang lang) {
    return {{"id", v.id},
            {"number", v.number},
            {"filename", v.filename},
            {"size", readable_size(v.size_bytes, lang)},
            {"uploaded_by", v.uploaded_by},
            {"uploaded_at", format_instant(v.uploaded_at, lang)},
            {"url", team_path + "/documents/" + std::to_string(v.document_id) + "/versions/" + std::to_string(v.id)}};
}

json kinds_view(const Site& site, domain::Lang lang, const std::string& chosen) {
    json kinds = json::array();
    for (auto kind : domain::document_kinds) {
        const std::string code(domain::to_string(kind));
        kinds.push_back({{"code", code}, {"label", message(site, lang, "documents.kind." + code)}, {"selected", code == chosen}});
    }
    return kinds;
}

// The form's texts shared by the section and the 422 page.
json form_view(const Site& site, domain::Lang lang) {
    return {{"limits", message(site, lang, "documents.limits",
                               {{"types", domain::allowed_extensions()},
                                {"max", std::to_string(site.options.document_limits.max_file_bytes / 1000000)},
                                {"form_max", std::to_string(site.options.document_form_max_bytes >> 20)}})},
            {"accept", "." +
                           [] {
                               std::string list = domain::allowed_extensions();
                               for (std::size_t at = list.find(", "); at != std::string::npos; at = list.find(", ", at))
                                   list.replace(at, 2, ",.");
                               return list;
                           }() +
                           ",.jpeg,.markdown"},
            {"max_bytes", site.options.document_limits.max_file_bytes},
            {"form_max_bytes", site.options.document_form_max_bytes}};
}

}  // namespace

std::string readable_size(long long bytes, domain::Lang lang) {
    char text[32];
    if (bytes < 1000) std::snprintf(text, sizeof text, lang == domain::Lang::fr ? "%lld o" : "%lld B", bytes);
    else if (bytes < 1000000) std::snprintf(text, sizeof text, lang == domain::Lang::fr ? "%.1f ko" : "%.1f kB", bytes / 1e3);
    else std::snprintf(text, sizeof text, lang == domain::Lang::fr ? "%.1f Mo" : "%.1f MB", bytes / 1e6);
    std::string out = text;
    if (lang == domain::Lang::fr)
        for (auto& c : out)
            if (c == '.') c = ',';
    return out;
}

std::string upload_problem_key(service::UploadProblem problem) {
    using P = service::UploadProblem;
    switch (problem) {
        case P::unknown_kind: return "documents.error.kind";
        case P::missing_title: return "documents.error.title_missing";
        case P::title_too_long: return "documents.error.title_too_long";
        case P::missing_file: return "documents.error.file_missing";
        case P::empty_file: return "documents.error.file_empty";
        case P::too_large: return "documents.error.too_large";
        case P::type_not_allowed: return "documents.error.type";
        case P::content_mismatch: return "documents.error.content";
        default: return "documents.error.other";
    }
}

json documents_section(Site& site, const Request& request, const LoadedTeam& team, soci::session& session, domain::Lang lang) {
    json data = form_view(site, lang);
    data["available"] = site.options.file_key.has_value();
    data["may_upload"] = team.may(domain::TeamAction::upload_document);
    data["kinds"] = kinds_view(site, lang, "");
    data["upload_url"] = team.path() + "/documents";
    data["api_url"] = "/api/v1/teams/" + std::to_string(team.team.id) + "/documents";
    data["just_uploaded"] = request.has_param("uploaded");
    json documents = json::array();
    for (const auto& d : store::DocumentStore(session).of_team(team.team.id)) {
        json versions = json::array();
        for (const auto& v : d.versions) versions.push_back(version_view(v, team.path(), lang));
        documents.push_back({{"id", d.id},
                             {"title", d.title},
                             {"kind", message(site, lang, "documents.kind." + d.kind)},
                             {"latest", versions.empty() ? json(nullptr) : versions[0]},
                             {"versions", versions},
                             {"version_count",
                              counted(site, lang, "documents.versions", static_cast<long long>(versions.size()))}});
    }
    data["documents"] = documents;
    data["has_documents"] = !documents.empty();
    if (team.may(domain::TeamAction::read_access_log)) {
        json log = json::array();
        for (const auto& entry : store::DocumentStore(session).downloads(team.team.id, 50))
            log.push_back({{"person", entry.person.empty() ? message(site, lang, "documents.log.gone") : entry.person},
                           {"document", entry.document_title},
                           {"version", entry.version},
                           {"at", format_instant(entry.at, lang)}});
        data["access_log"] = {{"entries", log}, {"empty", log.empty()}};
    }
    return data;
}

Response document_form_upload(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    if (!site.options.file_key) return error_page(site, request, 503, message(site, lang, "documents.unavailable"));
    auto body = parse_multipart(request.header("content-type"), request.body);
    request.body.clear();  // the file is in `body` now: one copy, not two
    service::UploadRequest upload;
    upload.team_id = team.team.id;
    upload.person_id = request.visitor.person_id;
    std::string document_field, content;
    if (body) {
        const auto field = [&](const std::string& name) {
            const auto found = body->fields.find(name);
            return found == body->fields.end() ? std::string() : found->second;
        };
        upload.kind = field("kind");
        upload.title = field("title");
        document_field = field("document");
        if (auto file = body->files.find("file"); file != body->files.end()) {
            upload.filename = domain::clean_filename(file->second.filename);
            content = std::move(file->second.content);
        }
    }
    if (!document_field.empty()) {
        const auto id = parse_id(document_field);
        if (!id) return error_page(site, request, 404);
        upload.document_id = *id;
    }
    const auto outcome = service::upload_whole_file(site.service_context(*session), *site.options.file_key,
                                                    site.options.document_limits, upload, content);
    using P = service::UploadProblem;
    if (outcome.problem == P::unknown_document) return error_page(site, request, 404);
    if (outcome.problem == P::none)
        return redirect(303, team.path() + "?uploaded=" + std::to_string(outcome.version_id) + "#documents");
    FormErrors errors;
    const std::string text = message(site, lang, upload_problem_key(outcome.problem),
                                     {{"types", domain::allowed_extensions()},
                                      {"max", std::to_string(site.options.document_limits.max_file_bytes / 1000000)}});
    const bool about_title = outcome.problem == P::missing_title || outcome.problem == P::title_too_long;
    errors.add(outcome.problem == P::unknown_kind ? "document_kind" : about_title ? "document_title" : "document_file", text);
    json data = form_view(site, lang);
    data["form_errors"] = errors.view();
    data["team_path"] = team.path();
    data["upload_url"] = team.path() + "/documents";
    data["title"] = upload.title;
    data["kinds"] = kinds_view(site, lang, upload.kind);
    data["document"] = upload.document_id ? json(upload.document_id) : json(nullptr);
    data["project"] = team.team.project_title;
    return render_private_page(site, request, context, message(site, lang, "documents.form.title"), "team_document_form",
                               std::move(data), 422, "me");
}

Response download_version(Site& site, Request& request, const LoadedTeam& team, bool api) {
    const auto lang = page_context(request).lang;
    if (!site.options.file_key)
        return api ? json_error(503, "documents_unavailable", "the server has no file key: documents cannot be read")
                   : error_page(site, request, 503, message(site, lang, "documents.unavailable"));
    const auto document_id = parse_id(request.path_params["document"]), version_id = parse_id(request.path_params["version"]);
    std::optional<store::DocumentVersionRecord> version;
    if (document_id && version_id) {
        store::Lease session(site.db);
        version = store::DocumentStore(*session).version(team.team.id, *document_id, *version_id);
    }
    if (!version)
        return api ? json_error(404, "not_found", "no such version of a document of this team") : error_page(site, request, 404);
    std::shared_ptr<service::VersionReader> reader;
    try {
        reader = std::make_shared<service::VersionReader>(site.db, *site.options.file_key, *version);
        // The whole file is checked before its first byte is sent, so a changed byte is refused
        // with an error, not served (and the client is not left with a file cut short). The
        // price: each chunk is read and decrypted twice (see docs/PERFORMANCE.md).
        if (request.method != "HEAD") reader->verify();
    } catch (const service::DamagedFile& e) {
        spdlog::error("document version {} of team {} is damaged and was not served: {}", version->id, team.team.id, e.what());
        return api ? json_error(500, "document_damaged", "the stored file fails its integrity check: it is not served")
                   : error_page(site, request, 500, message(site, lang, "documents.error.damaged"));
    }
    if (request.method != "HEAD") {
        service::Context ctx{reader->session(), store::Clock::now(), *site.notifier, site.skills};
        service::record_download(ctx, version->id, request.visitor.person_id);
    }
    Response response;
    response.content_type = version->media_type;
    response.header("Content-Disposition", domain::attachment_disposition(version->filename));
    response.header("Cache-Control", "no-store");
    response.header("X-Content-Type-Options", "nosniff");
    // Nothing of a document runs as a page, even if a browser were asked to show it.
    response.header("Content-Security-Policy", "default-src 'none'; sandbox");
    response.stream_length = static_cast<std::size_t>(version->size_bytes);
    response.stream = [reader] { return reader->next(); };
    return response;
}

Response document_download(Request& request, Site& site) {
    std::optional<LoadedTeam> team;
    {
        store::Lease session(site.db);
        auto loaded = load_team(site, request, *session);
        if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
        team = std::get<LoadedTeam>(std::move(loaded));
    }
    return download_version(site, request, *team, false);
}

}  // namespace latitudes::web::handlers
