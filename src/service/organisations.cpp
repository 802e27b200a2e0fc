#include "service/organisations.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "store/accounts.hpp"
#include "store/activity.hpp"
#include "store/notices.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace latitudes::service {

using nlohmann::json;

namespace {

bool within(const std::string& text, std::size_t max) { return domain::is_valid_utf8(text) && text.size() <= max; }

std::string organisation_path(store::OrganisationRepository& organisations, long long id) {
    const auto found = organisations.find(id);
    return found ? "/orgs/" + found->slug : std::string();
}

}  // namespace

OrganisationOutcome create_organisation(const Context& context, const store::OrganisationRecord& form, long long founder) {
    OrganisationOutcome outcome;
    auto& problems = outcome.problems;
    if (!within(form.name, 120) || domain::slugify(form.name).size() < 2) problems.emplace_back("name");
    if (std::find(creatable_kinds.begin(), creatable_kinds.end(), form.kind) == creatable_kinds.end())
        problems.emplace_back("kind");
    if (!within(form.city, 120)) problems.emplace_back("city");
    const bool website_ok = form.website.empty() ||
                            (within(form.website, 200) &&
                             (form.website.rfind("https://", 0) == 0 || form.website.rfind("http://", 0) == 0) &&
                             form.website.find_first_of(" \"'<>") == std::string::npos);
    if (!website_ok) problems.emplace_back("website");
    if (!within(form.description, 2000)) problems.emplace_back("description");
    if (!problems.empty()) {
        outcome.kind = OrganisationOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    outcome.organisation = store::OrganisationRepository(context.session).create(form, founder, context.now);
    store::write_audit(context.session, founder, "create_organisation", "organisation", outcome.organisation.id, "{}",
                       context.now);
    tx.commit();
    return outcome;
}

OrganisationOutcome verify_organisation(const Context& context, const std::string& slug, long long staff_id) {
    OrganisationOutcome outcome;
    store::WriteTransaction tx(context.session);
    store::OrganisationRepository organisations(context.session);
    const auto found = organisations.find_by_slug(slug);
    if (!found) {
        outcome.kind = OrganisationOutcome::Kind::not_found;
        return outcome;
    }
    outcome.organisation = *found;
    if (found->verified) return outcome;  // already verified: nothing to write, nobody to tell again
    organisations.set_verified(found->id, true);
    outcome.organisation.verified = true;
    store::write_audit(context.session, staff_id, "staff_verify_organisation", "organisation", found->id, "{}", context.now);
    store::record_activity(context.session,
                           {0, found->id, staff_id, "organisation_verified", found->name, "/orgs/" + found->slug}, context.now);
    // Its members may now bring needs and publish: each is told, in their own language.
    for (const auto& member : store::member_addressees(context.session, found->id))
        context.notifier.tell(context.session, member.to, "organisation_verified", {{"organisation", found->name}},
                              "/orgs/" + found->slug, context.now);
    tx.commit();
    return outcome;
}

OrganisationOutcome invite(const Context& context, const Invitation& invitation) {
    OrganisationOutcome outcome;
    const std::string email = domain::is_valid_utf8(invitation.email) ? domain::normalise_email(invitation.email) : std::string();
    if (!domain::is_valid_email(email)) {
        outcome.kind = OrganisationOutcome::Kind::invalid;
        outcome.problems = {"email"};
        return outcome;
    }
    // The link and the mail are made before the writer lock is taken.
    const std::string token = domain::random_token();
    auto mail = mail::render_mail(context.notifier.views(), invitation.lang, "invitation",
                                  {{"organisation", invitation.organisation_name},
                                   {"inviter", invitation.inviter_name},
                                   {"link", context.notifier.public_url() + "/invitations/accept?token=" + token +
                                                "&lang=" + std::string(domain::to_string(invitation.lang))}});
    mail.to = email;
    store::WriteTransaction tx(context.session);
    store::OrganisationRepository organisations(context.session);
    for (const auto& member : organisations.members(invitation.organisation_id)) {
        const auto account = store::AccountRepository(context.session).find(member.person_id);
        if (account && account->email == email) {
            outcome.kind = OrganisationOutcome::Kind::already_member;
            return outcome;
        }
    }
    organisations.withdraw_invitations(invitation.organisation_id, email, context.now);
    store::TokenStore(context.session)
        .issue(store::TokenPurpose::invitation, {0, invitation.organisation_id, email},
               std::chrono::duration_cast<std::chrono::seconds>(domain::invitation_link.ttl), context.now, token);
    mail::Outbox::enqueue(context.session, mail, invitation.lang, "invitation", context.now);
    store::write_audit(context.session, invitation.inviter_id, "invite_member", "organisation", invitation.organisation_id,
                       json{{"email", email}}.dump(), context.now);
    store::record_activity(context.session,
                           {0, invitation.organisation_id, invitation.inviter_id, "member_invited", email,
                            organisation_path(organisations, invitation.organisation_id)},
                           context.now);
    tx.commit();
    return outcome;
}

std::optional<OpenInvitation> open_invitation(soci::session& session, const std::string& token, Clock::time_point now) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    auto grant = store::TokenStore(session).peek(token, store::TokenPurpose::invitation, now);
    if (!grant || grant->organisation_id == 0) return std::nullopt;
    const auto organisation = store::OrganisationRepository(session).find(grant->organisation_id);
    if (!organisation) return std::nullopt;
    return OpenInvitation{*grant, organisation->name, organisation->slug};
}

AcceptOutcome accept_invitation(const Context& context, const std::string& token, long long person_id, const std::string& email) {
    AcceptOutcome outcome;
    store::WriteTransaction tx(context.session);
    outcome.invitation = open_invitation(context.session, token, context.now);
    if (!outcome.invitation) return outcome;  // invalid
    if (email != outcome.invitation->grant.email) {
        outcome.kind = AcceptOutcome::Kind::other_account;
        return outcome;
    }
    if (!store::TokenStore(context.session).consume(token, store::TokenPurpose::invitation, context.now)) return outcome;
    store::OrganisationRepository(context.session)
        .add_member(outcome.invitation->grant.organisation_id, person_id, domain::MemberRole::member, context.now);
    store::write_audit(context.session, person_id, "accept_invitation", "organisation", outcome.invitation->grant.organisation_id,
                       "{}", context.now);
    store::record_activity(context.session,
                           {0, outcome.invitation->grant.organisation_id, person_id, "member_joined",
                            outcome.invitation->organisation_name, "/orgs/" + outcome.invitation->organisation_slug},
                           context.now);
    tx.commit();
    outcome.kind = AcceptOutcome::Kind::joined;
    return outcome;
}

OrganisationOutcome change_member(const Context& context, long long organisation_id, long long person_id, MemberChange change,
                                  long long actor_id) {
    OrganisationOutcome outcome;
    try {
        store::WriteTransaction tx(context.session);
        store::OrganisationRepository organisations(context.session);
        const bool removed = change == MemberChange::remove || change == MemberChange::leave;
        // Named before a removal: the feed says who left, was removed or changed role.
        const auto person = store::AccountRepository(context.session).find(person_id);
        const auto organisation = organisations.find(organisation_id);
        if (removed) organisations.remove_member(organisation_id, person_id);
        else
            organisations.set_member_role(organisation_id, person_id,
                                          change == MemberChange::set_admin ? domain::MemberRole::admin
                                                                            : domain::MemberRole::member);
        json details{{"person", person_id}};
        if (!removed) details["role"] = change == MemberChange::set_admin ? "admin" : "member";
        store::write_audit(context.session, actor_id,
                           change == MemberChange::leave    ? "leave_organisation"
                           : change == MemberChange::remove ? "remove_member"
                                                            : "change_member_role",
                           "organisation", organisation_id, details.dump(), context.now);
        if (organisation)
            store::record_activity(context.session,
                                   {0, organisation_id, actor_id,
                                    change == MemberChange::leave       ? "member_left"
                                    : change == MemberChange::remove    ? "member_removed"
                                    : change == MemberChange::set_admin ? "member_made_admin"
                                                                        : "member_made_member",
                                    person ? person->display_name : std::string(), "/orgs/" + organisation->slug},
                                   context.now);
        tx.commit();
    } catch (const store::MembershipError& e) {
        outcome.kind = e.code() == store::MembershipError::Code::last_admin ? OrganisationOutcome::Kind::last_admin
                                                                            : OrganisationOutcome::Kind::not_a_member;
    }
    return outcome;
}

}  // namespace latitudes::service
