#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

Response healthz(Request& request, Site& site) {
    if (site.db.ping()) return json_response(200, R"({"status":"ok"})");
    return json_response(
        503, R"({"status":"unavailable","error":{"code":"database_unavailable","message":"the database does not answer"}})");
}

Response metrics(Request& request, Site& site) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = site.metrics.prometheus();
    return r;
}

Response static_file(Request& request, Site& site) {
    const Asset* asset = site.assets.find(request.path);
    if (!asset) {
        Response r;
        r.status = 404;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "Not found\n";
        return r;
    }
    Response r;
    r.header("ETag", asset->etag);
    r.header("Cache-Control", "public, max-age=3600");
    if (request.header("if-none-match") == asset->etag) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.content_type = asset->content_type;
    r.body = asset->body;
    return r;
}

}  // namespace latitudes::web::handlers
