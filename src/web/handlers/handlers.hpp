#pragma once
// One function per endpoint; register_routes() builds the routing table in one place.
#include "web/router.hpp"
#include "web/site.hpp"

namespace latitudes::web::handlers {

Response home(Request& request, Site& site);
Response projects(Request& request, Site& site);
Response project(Request& request, Site& site);
Response impact(Request& request, Site& site);
Response partners(Request& request, Site& site);
Response about(Request& request, Site& site);

Response api_projects(Request& request, Site& site);
Response api_project(Request& request, Site& site);
Response api_stats(Request& request, Site& site);
Response api_me(Request& request, Site& site);
Response api_me_profile(Request& request, Site& site);

Response signup_form(Request& request, Site& site);
Response signup(Request& request, Site& site);
Response confirm(Request& request, Site& site);
Response password_forgot_form(Request& request, Site& site);
Response password_forgot(Request& request, Site& site);
Response password_reset_form(Request& request, Site& site);
Response password_reset(Request& request, Site& site);
Response login_form(Request& request, Site& site);
Response login(Request& request, Site& site);
Response logout(Request& request, Site& site);
Response me(Request& request, Site& site);
Response me_password(Request& request, Site& site);
Response me_profile_form(Request& request, Site& site);
Response me_profile(Request& request, Site& site);
Response me_email(Request& request, Site& site);
Response me_email_confirm(Request& request, Site& site);
Response me_token_create(Request& request, Site& site);
Response me_token_revoke(Request& request, Site& site);
Response me_export(Request& request, Site& site);
Response me_delete(Request& request, Site& site);

Response organisation_form(Request& request, Site& site);
Response organisation_create(Request& request, Site& site);
Response organisation(Request& request, Site& site);
Response organisation_verify(Request& request, Site& site);
Response organisation_invite(Request& request, Site& site);
Response organisation_member_role(Request& request, Site& site);
Response organisation_member_remove(Request& request, Site& site);
Response organisation_leave(Request& request, Site& site);
Response invitation_page(Request& request, Site& site);
Response invitation_accept(Request& request, Site& site);

Response admin_people(Request& request, Site& site);
Response admin_organisations(Request& request, Site& site);
Response admin_audit(Request& request, Site& site);
Response admin_person_role(Request& request, Site& site);
Response admin_person_active(Request& request, Site& site);
Response dev_outbox(Request& request, Site& site);

Response healthz(Request& request, Site& site);
Response metrics(Request& request, Site& site);
Response static_file(Request& request, Site& site);

void register_routes(Router& router);

}  // namespace latitudes::web::handlers
