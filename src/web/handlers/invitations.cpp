// Accepting an invitation to an organisation. The link in the mail opens a page that
// says who invites whom; accepting is a POST from a logged-in account whose e-mail is the invited
// address (the link alone is not enough: a forwarded mail must not make a stranger a member).
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "service/organisations.hpp"
#include "store/organisations.hpp"
#include "web/authorisation.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

using service::open_invitation;
using service::OpenInvitation;

Response invitation_view(Site& site, Request& request, const OpenInvitation& invitation, const std::string& token,
                         const std::string& error_key, int status) {
    const auto context = page_context(request);
    const bool logged_in = request.visitor.logged_in();
    const bool same_address = logged_in && request.visitor.email == invitation.grant.email;
    json data{{"organisation", invitation.organisation_name},
              {"email", invitation.grant.email},
              {"token", token},
              {"logged_in", logged_in},
              {"can_accept", same_address},
              {"other_account", logged_in && !same_address},
              {"account_email", request.visitor.email},
              {"csrf", request.visitor.csrf_token},
              {"login_href", "/login?next=" + url_encode("/invitations/accept?token=" + token)},
              {"signup_href", "/signup?email=" + url_encode(invitation.grant.email)}};
    if (!error_key.empty()) data["error"] = message(site, context.lang, error_key);
    Response response = render_private_page(site, request, context, message(site, context.lang, "invitation.title"), "invitation",
                                            std::move(data), status);
    // The token is in the address: never send it on to another site.
    response.header("Referrer-Policy", "no-referrer");
    return response;
}

}  // namespace

Response invitation_page(Request& request, Site& site) {
    const std::string token = request.param("token");
    store::Lease session(site.db);
    const auto invitation = open_invitation(*session, token, store::Clock::now());
    if (!invitation) return notice_page(site, request, "invitation.invalid.title", "invitation.invalid.text", 400);
    return invitation_view(site, request, *invitation, token, "", 200);
}

Response invitation_accept(Request& request, Site& site) {
    const std::string token = request.form_value("token");
    store::Lease session(site.db);
    const auto outcome = service::accept_invitation(site.service_context(*session), token, request.visitor.person_id,
                                                    request.visitor.email);
    using Kind = service::AcceptOutcome::Kind;
    if (outcome.kind == Kind::joined) return redirect(303, "/orgs/" + outcome.invitation->organisation_slug + "?done=joined");
    if (outcome.kind == Kind::other_account)
        return invitation_view(site, request, *outcome.invitation, token, "invitation.error.other_account", 403);
    return notice_page(site, request, "invitation.invalid.title", "invitation.invalid.text", 400);
}

}  // namespace latitudes::web::handlers
