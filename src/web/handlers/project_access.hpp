#pragma once
// Shared by the needs and framing handlers: the need named by the route's {id}, loaded with the
// visitor's standing in its organisation, and the status moves offered to them.
#include "domain/workflow.hpp"
#include "store/needs.hpp"
#include "web/authorisation.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <variant>

namespace latitudes::web::handlers {

struct LoadedNeed {
    store::NeedRecord need;
    OrganisationAccess access;
    domain::Status status = domain::Status::draft;
    domain::Format format = domain::Format::student_project;
    bool staff = false;  // the visitor is Latitudes staff
    domain::MoveContext move_context() const { return {staff, access.role, need.organisation_verified}; }
    // Whether the visitor may also do `action` on this need (to offer its form or not).
    bool may(const Site& site, const Request& request, domain::Action action) const {
        return domain::decide(subject_of(request.visitor), action, access.context(), policy_flags(site)).allowed;
    }
};

// The need of the route's {id}, or the answer to give instead: 404 for an unknown or malformed
// id and wherever the policy hides existence, a login redirect, 403.
std::variant<Response, LoadedNeed> load_need(Site& site, Request& request, soci::session& session, domain::Action action);

// The <form>s of the status moves this visitor may make ("moves" in templates/_moves.mustache).
nlohmann::json move_buttons(const Site& site, domain::Lang lang, const LoadedNeed& loaded);

// "status.<name>" in the page's language.
std::string status_label(const Site& site, domain::Lang lang, const std::string& status);
std::string status_label(const Site& site, domain::Lang lang, domain::Status status);
// "format.<name>" in the page's language.
std::string format_label(const Site& site, domain::Lang lang, domain::Format format);

}  // namespace latitudes::web::handlers
