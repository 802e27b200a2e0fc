#pragma once
// The team's documents (issue 13): the workspace's section, the no-JavaScript upload form, the
// downloads, and their API (documents.cpp, documents_api.cpp).
#include "service/documents.hpp"
#include "web/handlers/team_access.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::web::handlers {

// The data of templates/_team_documents.mustache, for team_page.
nlohmann::json documents_section(Site& site, const Request& request, const LoadedTeam& team, soci::session& session,
                                 domain::Lang lang);

// POST /teams/{id}/documents (multipart: kind, title, file; document for a new version).
Response document_form_upload(Request& request, Site& site);
// GET /teams/{id}/documents/{document}/versions/{version}: the file.
Response document_download(Request& request, Site& site);

Response api_team_documents(Request& request, Site& site);
Response api_document_upload_open(Request& request, Site& site);
Response api_document_upload_chunk(Request& request, Site& site);
Response api_document_upload_finish(Request& request, Site& site);
Response api_document_upload_cancel(Request& request, Site& site);
Response api_document_download(Request& request, Site& site);

// Shared by both: the streamed answer for a version of a team's document (the access log written
// first), or the 404/503/500 to answer. `api` chooses JSON errors.
Response download_version(Site& site, Request& request, const LoadedTeam& team, bool api);

// "1,2 Mo" / "1.2 MB".
std::string readable_size(long long bytes, domain::Lang lang);

}  // namespace latitudes::web::handlers
