#include "web/handlers/team_access.hpp"

#include "web/authorisation.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

std::variant<Response, LoadedTeam> load_team(Site& site, Request& request, soci::session& session, const std::string& id_param) {
    store::TeamRepository teams(session);
    const auto id = parse_id(request.path_params[id_param]);
    auto found = id ? teams.find(*id) : std::nullopt;
    if (!found) return error_page(site, request, 404);
    const auto standing = teams.standing_of(*found, request.visitor.person_id, has_staff_view(site, request));
    if (!standing.of_workspace()) return error_page(site, request, 404);
    return LoadedTeam{std::move(*found), standing};
}

std::string standing_label(const Site& site, domain::Lang lang, const domain::TeamStanding& standing) {
    return message(site, lang, "team.standing." + std::string(domain::main_standing(standing)));
}

}  // namespace latitudes::web::handlers
