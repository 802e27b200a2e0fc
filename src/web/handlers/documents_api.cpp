// The team's documents in the API (docs/api/openapi.yaml), also used by static/js/documents.js
// with the session's cookie and X-CSRF-Token. An upload is opened, sent in chunks of
// `chunk_bytes` (base64 in JSON, each request under the body limit), then finished into a
// document version in one transaction, or cancelled.
//
// Status codes: GET documents: 200. POST uploads: 201; 422 invalid_kind, invalid_title,
// missing_file, empty_file, type_not_allowed; 413 file_too_large; 404 for a new version of a
// document that is not the team's. PUT chunks/{index}: 200 with the next index; 409 out_of_order
// (with next_index); 422 wrong_chunk_size, invalid_data, content_mismatch (the upload is then
// deleted); 404 for an upload that is not in this team, 403 not_your_upload for someone else's.
// POST finish: 201; 409 incomplete; 404; 403. DELETE upload: 204, also when it is gone already
// (idempotent: nothing of it is left either way); 403 for someone else's. GET versions/{version}/content: 200 and the file;
// 404; 500 document_damaged. Every route: 404 for whoever is not of the workspace (before any
// input is read), 503 documents_unavailable without a file key, 400 invalid_json.
#include "web/handlers/documents.hpp"

#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;
using P = service::UploadProblem;

namespace {

std::string api_path(const LoadedTeam& team) { return "/api/v1/teams/" + std::to_string(team.team.id) + "/documents"; }

json version_json(const store::DocumentVersionRecord& v, const LoadedTeam& team) {
    return {{"id", v.id},
            {"number", v.number},
            {"filename", v.filename},
            {"media_type", v.media_type},
            {"size_bytes", v.size_bytes},
            {"uploaded_by", v.uploaded_by},
            {"uploaded_at", v.uploaded_at},
            {"download_url",
             api_path(team) + "/" + std::to_string(v.document_id) + "/versions/" + std::to_string(v.id) + "/content"}};
}

json document_json(const store::DocumentRecord& d, const LoadedTeam& team) {
    json versions = json::array();
    for (const auto& v : d.versions) versions.push_back(version_json(v, team));
    return {{"id", d.id}, {"kind", d.kind}, {"title", d.title}, {"created_at", d.created_at}, {"versions", versions}};
}

Response problem_json(P problem, const Site& site, long long next_index = 0) {
    const auto max = std::to_string(site.options.document_limits.max_file_bytes);
    switch (problem) {
        case P::unknown_kind:
            return json_error(422, "invalid_kind", "kind must be agreement, specification, deliverable or other");
        case P::missing_title: return json_error(422, "invalid_title", "a new document needs a title");
        case P::title_too_long: return json_error(422, "invalid_title", "the title is longer than 200 characters or not UTF-8");
        case P::missing_file: return json_error(422, "missing_file", "filename is required");
        case P::empty_file: return json_error(422, "empty_file", "the file is empty (size must be at least 1)");
        case P::too_large: return json_error(413, "file_too_large", "the file is larger than " + max + " bytes");
        case P::type_not_allowed:
            return json_error(422, "type_not_allowed",
                              "this type of file is not accepted; accepted: " + domain::allowed_extensions());
        case P::content_mismatch:
            return json_error(422, "content_mismatch",
                              "the file's content is not what its extension says; the upload is deleted");
        case P::unknown_document: return json_error(404, "not_found", "no such document in this team");
        case P::unknown_upload:
            return json_error(404, "not_found", "no such upload in this team (finished, cancelled or expired)");
        case P::not_yours:
            return json_error(403, "not_your_upload",
                              "this upload is someone else's: only its author sends, finishes or cancels it");
        case P::out_of_order: {
            Response r = json_response(409, json{{"error",
                                                  {{"code", "out_of_order"},
                                                   {"message", "send chunk " + std::to_string(next_index) + " next"},
                                                   {"next_index", next_index}}}}
                                                .dump());
            r.header("Cache-Control", "no-store");
            return r;
        }
        case P::wrong_chunk_size:
            return json_error(422, "wrong_chunk_size", "every chunk but the last holds chunk_bytes bytes, the last one the rest");
        case P::incomplete: return json_error(409, "incomplete", "not every chunk was sent");
        case P::none: break;
    }
    return json_error(500, "internal_error", "internal error");
}

// The team, or the answer (404 for strangers, then 503 without a key), in the order load_team wants.
std::variant<Response, LoadedTeam> team_for_documents(Site& site, Request& request) {
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (std::holds_alternative<Response>(loaded)) return loaded;
    if (!site.options.file_key)
        return json_error(503, "documents_unavailable", "the server has no file key: documents cannot be stored or read");
    return loaded;
}

std::optional<json> object_body(const Request& request) {
    if (request.body.empty()) return json::object();
    json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    return doc;
}

Response invalid_json() { return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)"); }

}  // namespace

Response api_team_documents(Request& request, Site& site) {
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    json documents = json::array();
    for (const auto& d : store::DocumentStore(*session).of_team(team.team.id)) documents.push_back(document_json(d, team));
    return private_json_response(200, json{{"documents", documents}, {"available", site.options.file_key.has_value()}}.dump());
}

Response api_document_upload_open(Request& request, Site& site) {
    auto loaded = team_for_documents(site, request);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    const auto doc = object_body(request);
    if (!doc) return invalid_json();
    service::UploadRequest upload;
    upload.team_id = team.team.id;
    upload.person_id = request.visitor.person_id;
    for (const char* name : {"kind", "title", "filename"})
        if (doc->contains(name) && !(*doc)[name].is_string())
            return json_error(422, "invalid_type", std::string("wrong type for field '") + name + "'");
    for (const char* name : {"size", "document_id"})
        if (doc->contains(name) && !(*doc)[name].is_number_integer() && !(*doc)[name].is_null())
            return json_error(422, "invalid_type", std::string("wrong type for field '") + name + "'");
    upload.kind = doc->value("kind", std::string());
    upload.title = doc->value("title", std::string());
    upload.filename = domain::clean_filename(doc->value("filename", std::string()));
    upload.size_bytes = doc->contains("size") && (*doc)["size"].is_number_integer() ? (*doc)["size"].get<long long>() : 0;
    if (doc->contains("document_id") && (*doc)["document_id"].is_number_integer())
        upload.document_id = (*doc)["document_id"].get<long long>();
    store::Lease session(site.db);
    const auto outcome = service::open_upload(site.service_context(*session), *site.options.file_key,
                                              site.options.document_limits, upload);
    if (outcome.problem != P::none) return problem_json(outcome.problem, site);
    const std::string path = api_path(team) + "/uploads/" + std::to_string(outcome.upload_id);
    return private_json_response(201, json{{"upload",
                                            {{"id", outcome.upload_id},
                                             {"chunk_bytes", outcome.chunk_bytes},
                                             {"chunk_count", outcome.chunk_count},
                                             {"expires_at", outcome.expires_at},
                                             {"chunks_url", path + "/chunks/"},
                                             {"finish_url", path + "/finish"},
                                             {"url", path}}}}
                                          .dump());
}

Response api_document_upload_chunk(Request& request, Site& site) {
    auto loaded = team_for_documents(site, request);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    const auto upload_id = parse_id(request.path_params["upload"]);
    const auto index = parse_id(request.path_params["index"], 9);
    if (!upload_id || !index) return problem_json(P::unknown_upload, site);
    std::optional<std::string> bytes;
    {
        const auto doc = object_body(request);
        if (!doc) return invalid_json();
        request.body.clear();
        if (!doc->contains("data") || !(*doc)["data"].is_string())
            return json_error(422, "invalid_data", "data must be the chunk's bytes in base64");
        bytes = domain::from_base64((*doc)["data"].get_ref<const std::string&>());
        if (!bytes) return json_error(422, "invalid_data", "data is not valid base64");
    }
    store::Lease session(site.db);
    const auto outcome = service::add_chunk(site.service_context(*session), *site.options.file_key, team.team.id,
                                            request.visitor.person_id, *upload_id, *index, *bytes);
    if (outcome.problem != P::none) return problem_json(outcome.problem, site, outcome.next_index);
    return private_json_response(
        200, json{{"next_index", outcome.next_index}, {"received_bytes", outcome.received_bytes}, {"complete", outcome.complete}}
                 .dump());
}

Response api_document_upload_finish(Request& request, Site& site) {
    auto loaded = team_for_documents(site, request);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    if (!object_body(request)) return invalid_json();
    const auto upload_id = parse_id(request.path_params["upload"]);
    if (!upload_id) return problem_json(P::unknown_upload, site);
    store::Lease session(site.db);
    const auto outcome = service::finish_upload(site.service_context(*session), team.team.id, request.visitor.person_id,
                                                *upload_id);
    if (outcome.problem != P::none) return problem_json(outcome.problem, site);
    const auto document = store::DocumentStore(*session).find(team.team.id, outcome.document_id);
    Response r = private_json_response(
        201, json{{"document", document_json(*document, team)}, {"version_id", outcome.version_id}, {"number", outcome.number}}
                 .dump());
    r.header("Location", api_path(team) + "/" + std::to_string(outcome.document_id) + "/versions/" +
                             std::to_string(outcome.version_id) + "/content");
    return r;
}

Response api_document_upload_cancel(Request& request, Site& site) {
    auto loaded = team_for_documents(site, request);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& team = std::get<LoadedTeam>(loaded);
    if (!object_body(request)) return invalid_json();
    const auto upload_id = parse_id(request.path_params["upload"]);
    if (!upload_id) return problem_json(P::unknown_upload, site);
    store::Lease session(site.db);
    const auto problem = service::cancel_upload(site.service_context(*session), team.team.id, request.visitor.person_id,
                                                *upload_id);
    if (problem != P::none) return problem_json(problem, site);
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response api_document_download(Request& request, Site& site) {
    std::optional<LoadedTeam> team;
    {
        store::Lease session(site.db);
        auto loaded = load_team(site, request, *session);
        if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
        team = std::get<LoadedTeam>(std::move(loaded));
    }
    return download_version(site, request, *team, true);
}

}  // namespace latitudes::web::handlers
