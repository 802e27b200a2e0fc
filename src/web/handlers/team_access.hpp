#pragma once
// Shared by every team route (/teams/{id}/..., /api/v1/teams/{id}/...): the team of the route's
// {id}, loaded with what the visitor is in its workspace. Anyone who is not of the workspace
// gets 404 before any input is read: a student of another team or a member of another
// organisation learns nothing, not even that the team exists.
#include "domain/team.hpp"
#include "store/teams.hpp"
#include "web/site.hpp"

#include <variant>

namespace latitudes::web::handlers {

struct LoadedTeam {
    store::TeamRecord team;
    domain::TeamStanding standing;
    bool may(domain::TeamAction action) const { return domain::may(standing, action); }
    std::string path() const { return "/teams/" + std::to_string(team.id); }
};

// The team of the route's {id} (or of `id_param`), or the 404 to answer instead.
std::variant<Response, LoadedTeam> load_team(Site& site, Request& request, soci::session& session,
                                             const std::string& id_param = "id");

// "Étudiant·e de l'équipe", "Encadrant·e"...: the visitor's standing, in the page's language.
std::string standing_label(const Site& site, domain::Lang lang, const domain::TeamStanding& standing);

}  // namespace latitudes::web::handlers
