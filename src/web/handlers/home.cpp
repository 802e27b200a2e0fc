#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

Response home(Request& request, Site& site) {
    const auto context = page_context(request);
    store::ProjectRepository repo(site.db);
    const auto figures = repo.key_figures();
    json featured = json::array();
    for (const auto& card : repo.featured(6)) featured.push_back(card_view(card, site, context.lang));
    json partners = json::array();
    for (const auto& p : repo.partners()) partners.push_back({{"name", p.name}, {"website", p.website}, {"city", p.city}});
    json data{{"figures",
               {{"projects", figures.projects},
                {"delivered", figures.delivered},
                {"students", figures.students},
                {"schools", figures.schools},
                {"beneficiaries", figures.beneficiaries}}},
              {"featured", featured},
              {"partners", partners}};
    return render_page(site, request, context, message(site, context.lang, "home.title"), "home", data, 200, "home");
}

}  // namespace latitudes::web::handlers
