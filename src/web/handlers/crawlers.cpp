// What crawlers and browsers ask of every site: /robots.txt (private areas out, the sitemap's
// address), /sitemap.xml (the public pages and every public project, each with its French and
// English addresses as hreflang alternates) and /favicon.ico (the logo). Absolute addresses
// start with the configured public URL (--public-url).
//
// Status codes: 200; 301 for /favicon.ico.
#include "domain/text.hpp"
#include "store/projects.hpp"
#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

namespace {

Response text_response(std::string content_type, std::string body) {
    Response response;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    response.header("Cache-Control", "public, max-age=3600");
    return response;
}

// One <url> with its language alternates (?lang=fr and ?lang=en, as the pages switch language).
std::string url_entry(const std::string& origin, const std::string& path, const std::string& lastmod) {
    const std::string loc = domain::html_escape(origin + path);
    const char* join = path.find('?') == std::string::npos ? "?" : "&amp;";
    std::string out = "  <url>\n    <loc>" + loc + "</loc>\n";
    if (!lastmod.empty()) out += "    <lastmod>" + domain::html_escape(lastmod) + "</lastmod>\n";
    for (const char* lang : {"fr", "en"})
        out += std::string("    <xhtml:link rel=\"alternate\" hreflang=\"") + lang + "\" href=\"" + loc + join + "lang=" + lang +
               "\"/>\n";
    return out + "  </url>\n";
}

}  // namespace

Response robots_txt(Request&, Site& site) {
    return text_response("text/plain; charset=utf-8", "User-agent: *\n"
                                                      "Disallow: /me\n"
                                                      "Disallow: /admin\n"
                                                      "Disallow: /api/v1/me\n"
                                                      "Disallow: /needs/\n"
                                                      "Disallow: /framing/\n"
                                                      "Disallow: /schools/\n"
                                                      "Disallow: /cohorts/\n"
                                                      "Disallow: /campaigns/\n"
                                                      "Disallow: /dev/\n"
                                                      "Sitemap: " +
                                                          site.options.public_url + "/sitemap.xml\n");
}

Response sitemap_xml(Request&, Site& site) {
    const std::string& origin = site.options.public_url;
    std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                       "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const char* path : {"/", "/projects", "/showcase", "/impact", "/partners", "/about"})
        body += url_entry(origin, path, "");
    for (const auto& [slug, published] : store::ProjectRepository(site.db).public_slugs())
        body += url_entry(origin, "/projects/" + slug, published);
    return text_response("application/xml; charset=utf-8", body + "</urlset>\n");
}

Response favicon(Request&, Site&) {
    Response response = redirect(301, "/static/img/logo.svg");
    response.header("Cache-Control", "public, max-age=86400");
    return response;
}

}  // namespace latitudes::web::handlers
