// A beneficiary's need: written by a member of a verified organisation (or by staff with
// them), saved as a draft and finished later, submitted to staff; then every status move goes
// through domain/workflow, is recorded with who, when and why, and is told to the organisation's
// members by e-mail.
#include "service/needs.hpp"
#include "domain/credentials.hpp"
#include "domain/framing.hpp"
#include "domain/text.hpp"
#include "service/framing.hpp"
#include "store/needs.hpp"
#include "store/organisations.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;
using domain::Action;

// ---------------------------------------------------------------------------------------------
// Shared with framing.cpp (project_access.hpp)

std::variant<Response, LoadedNeed> load_need(Site& site, Request& request, soci::session& session, Action action) {
    const auto id = parse_id(request.path_params["id"]);
    if (!id) return error_page(site, request, 404);
    auto need = store::NeedRepository(session).find(*id);
    if (!need) {
        // Unknown ids answer like other organisations' needs: 404 (or log in first).
        if (!request.visitor.logged_in()) return refusal(site, request, {false, false, domain::reason::login_required});
        return error_page(site, request, 404);
    }
    LoadedNeed loaded;
    loaded.access = authorise_in_organisation(site, request, session, need->organisation_id, action);
    if (!loaded.access.decision.allowed) return refusal(site, request, loaded.access.decision);
    loaded.status = need->status;
    loaded.format = need->format;
    loaded.staff = has_staff_view(site, request);
    loaded.need = std::move(*need);
    return loaded;
}

std::string status_label(const Site& site, domain::Lang lang, const std::string& status) {
    return message(site, lang, "status." + status);
}

std::string status_label(const Site& site, domain::Lang lang, domain::Status status) {
    return status_label(site, lang, std::string(domain::to_string(status)));
}

std::string format_label(const Site& site, domain::Lang lang, domain::Format format) {
    return message(site, lang, "format." + std::string(domain::to_string(format)));
}

json move_buttons(const Site& site, domain::Lang lang, const LoadedNeed& loaded) {
    json moves = json::array();
    for (auto to : domain::moves_for(loaded.status, loaded.move_context())) {
        const std::string name(domain::to_string(to));
        const bool reason = to == domain::Status::declined || to == domain::Status::cancelled;
        // Staff decline or cancel with a reason sent to the organisation ("Motif", "Annuler"); the
        // beneficiary's members may only withdraw their own draft or submitted need, which is
        // theirs to say why: that control is named for them, not with staff's words.
        const bool withdrawal = to == domain::Status::cancelled && !loaded.staff;
        moves.push_back({{"to", name},
                         {"label", message(site, lang, withdrawal ? "move.withdraw" : "move." + name)},
                         {"needs_reason", reason},
                         {"reason_label", message(site, lang, withdrawal ? "move.reason_withdraw" : "move.reason")},
                         {"id", loaded.need.id}});
    }
    return moves;
}

namespace {

constexpr std::array<std::string_view, 3> need_notices{"saved", "submitted", "moved"};

domain::NeedInput need_input(const Request& request) {
    domain::NeedInput in;
    in.title = request.form_value("title");
    in.summary = request.form_value("summary");
    in.format = request.form_value("format");
    for (auto field : domain::need_text_fields) in.text[std::string(field)] = request.form_value(std::string(field));
    in.contact_name = request.form_value("contact_name");
    in.contact_email = request.form_value("contact_email");
    const auto form = request.form();
    for (auto [it, end] = form.equal_range("sdg"); it != end; ++it) in.sdgs.push_back(it->second);
    return in;
}

domain::NeedInput input_of(const store::NeedRecord& need) {
    domain::NeedInput in{need.title, need.summary,           std::string(domain::to_string(need.format)),
                         {},         need.text.contact_name, need.text.contact_email,
                         {}};
    const auto& t = need.text;
    in.text = {{"problem", t.problem}, {"beneficiaries", t.beneficiaries}, {"existing", t.existing}, {"data_tools", t.data_tools},
               {"hopes", t.hopes},     {"constraints", t.constraints}};
    for (int sdg : need.sdgs) in.sdgs.push_back(std::to_string(sdg));
    return in;
}

// Each problem next to its field: "title", "too_long:problem"... name the input; "sdg" the SDG
// fieldset; "encoding" the whole form.
FormErrors need_errors(const Site& site, domain::Lang lang, const std::vector<std::string>& problems) {
    FormErrors errors;
    for (const auto& problem : problems) {
        const auto colon = problem.find(':');
        if (colon == std::string::npos) {
            errors.add(problem == "encoding" ? ""
                       : problem == "sdg"    ? "sdgs"
                                             : problem,
                       message(site, lang, "need.error." + problem));
        } else {
            const std::string field = problem.substr(colon + 1);
            errors.add(field, message(site, lang, "need.error." + problem.substr(0, colon),
                                      {{"field", message(site, lang, "need." + field)},
                                       {"max", std::to_string(domain::max_need_text)}}));
        }
    }
    return errors;
}

// The errors into the form's data: the summary, and each text field's own message (the template
// cannot look a field up by a name it reads from the data).
void show_errors(json& data, const FormErrors& errors) {
    data["form_errors"] = errors.view();
    const auto& by_field = data["form_errors"]["field"];
    for (auto& text : data["texts"])
        if (by_field.contains(text["name"].get<std::string>())) text["error"] = by_field[text["name"].get<std::string>()];
}

// The form's fields (new need or draft being edited), with the values kept.
json form_data(const Site& site, domain::Lang lang, const domain::NeedInput& in) {
    json formats = json::array();
    for (auto format : domain::all_formats) {
        const std::string name(domain::to_string(format));
        formats.push_back({{"value", name}, {"label", message(site, lang, "format." + name)}, {"selected", name == in.format}});
    }
    json texts = json::array();
    for (auto field : domain::need_text_fields) {
        const std::string name(field);
        texts.push_back({{"name", name},
                         {"label", message(site, lang, "need." + name)},
                         {"hint", message(site, lang, "need.hint." + name)},
                         {"value", in.text.count(name) ? in.text.at(name) : std::string()}});
    }
    const std::set<std::string> chosen(in.sdgs.begin(), in.sdgs.end());
    json sdgs = json::array();
    for (const auto& sdg : site.sdgs)
        sdgs.push_back({{"id", sdg.id},
                        {"name", domain::localized(lang, sdg.name_fr, sdg.name_en)},
                        {"checked", chosen.count(std::to_string(sdg.id)) != 0}});
    return {{"title", in.title},
            {"summary", in.summary},
            {"formats", formats},
            {"texts", texts},
            {"sdgs", sdgs},
            {"contact_name", in.contact_name},
            {"contact_email", in.contact_email}};
}

// The organisations this person may bring a need for: theirs, verified; all verified
// beneficiary organisations for staff.
std::vector<store::Membership> eligible_organisations(const Site& site, const Request& request, soci::session& session) {
    store::OrganisationRepository organisations(session);
    if (has_staff_view(site, request)) return organisations.verified_beneficiaries();
    std::vector<store::Membership> mine;
    for (auto& m : organisations.memberships_of(request.visitor.person_id))
        if (m.verified && m.kind != "school") mine.push_back(std::move(m));
    return mine;
}

Response new_need_page(Site& site, Request& request, soci::session& session, const domain::NeedInput& in,
                       const std::string& chosen_organisation, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    json data = form_data(site, context.lang, in);
    json organisations = json::array();
    for (const auto& o : eligible_organisations(site, request, session))
        organisations.push_back({{"value", o.slug}, {"label", o.name}, {"selected", o.slug == chosen_organisation}});
    data["organisations"] = organisations;
    data["has_organisations"] = !organisations.empty();
    show_errors(data, errors);
    data["csrf"] = request.visitor.csrf_token;
    return render_private_page(site, request, context, message(site, context.lang, "need.new.title"), "need_new", std::move(data),
                               status, "me");
}

Response need_view(Site& site, Request& request, soci::session& session, const LoadedNeed& loaded, const domain::NeedInput& in,
                   const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto& need = loaded.need;
    const bool editable = loaded.status == domain::Status::draft && loaded.may(site, request, Action::edit_need);
    json data = form_data(site, lang, in);
    json sdg_names = json::array();
    for (int id : need.sdgs)
        if (domain::is_valid_sdg(id)) {
            const auto& sdg = site.sdgs[static_cast<std::size_t>(id - 1)];
            sdg_names.push_back(domain::localized(lang, sdg.name_fr, sdg.name_en));
        }
    json history = json::array();
    for (const auto& change : store::NeedRepository(session).history(need.id))
        history.push_back({{"at", format_instant(change.at, lang)},
                           {"to", status_label(site, lang, change.to)},
                           {"actor", change.actor_name},
                           {"reason", change.reason}});
    data.update({{"id", need.id},
                 {"slug", need.slug},
                 {"organisation", need.organisation_name},
                 {"organisation_slug", need.organisation_slug},
                 {"status", status_label(site, lang, need.status)},
                 {"status_code", domain::to_string(need.status)},
                 {"format_label", format_label(site, lang, need.format)},
                 {"editable", editable},
                 {"sdg_names", sdg_names},
                 {"history", history},
                 {"has_history", !history.empty()},
                 {"moves", move_buttons(site, lang, loaded)},
                 {"csrf", request.visitor.csrf_token},
                 {"public", domain::is_public(loaded.status)},
                 {"framing", loaded.status != domain::Status::draft},
                 {"created_by", need.created_by_name},
                 {"updated_at", need.updated_at}});
    const std::string done = request.param("done");
    if (std::find(need_notices.begin(), need_notices.end(), done) != need_notices.end())
        data["notice"] = message(site, lang, "need.done." + done);
    show_errors(data, errors);
    json texts_view = json::array();
    for (const auto& t : data["texts"])
        if (!t["value"].get<std::string>().empty()) texts_view.push_back(t);
    data["texts_view"] = texts_view;
    return render_private_page(site, request, context, need.title, "need", std::move(data), status, "me");
}

}  // namespace

Response need_form(Request& request, Site& site) {
    store::Lease session(site.db);
    domain::NeedInput in;
    in.format = "student_project";
    in.contact_name = request.visitor.display_name;
    in.contact_email = request.visitor.email;
    return new_need_page(site, request, *session, in, request.param("organisation"), {}, 200);
}

Response need_create(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const auto in = need_input(request);
    const bool submitting = request.form_value("intent") == "submit";
    const std::string chosen = request.form_value("organisation");
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, chosen, Action::submit_need);
    auto checked = domain::check_need(in, submitting);
    FormErrors errors;
    if (!access.decision.allowed) {
        // An organisation the person cannot bring a need for is a form error, not a 404: the
        // list offered only theirs, so this is a stale or forged choice.
        errors.add("organisation", message(site, lang,
                                           access.decision.reason == domain::reason::organisation_not_verified
                                               ? "need.error.organisation_unverified"
                                               : "need.error.organisation"));
    }
    errors.append(need_errors(site, lang, checked.problems));
    if (!errors.empty()) {
        const bool broken = !checked.problems.empty() && checked.problems.front() == "encoding";
        return new_need_page(site, request, *session, broken ? domain::NeedInput{} : in, chosen, errors, broken ? 400 : 422);
    }
    const auto saved = service::create_need(site.service_context(*session),
                                            {in, submitting, access.organisation->id, request.visitor.person_id});
    if (saved.kind == service::NeedOutcome::Kind::throttled) {
        const std::string minutes = std::to_string((saved.retry_after.count() + 59) / 60);
        Response response = new_need_page(
            site, request, *session, in, chosen,
            {message(site, lang, "need.error.too_many",
                     {{"max", std::to_string(domain::max_new_needs_per_hour)}, {"minutes", minutes}})},
            429);
        add_retry_after(response, saved.retry_after);
        return response;
    }
    return redirect(303, "/needs/" + std::to_string(saved.need_id) + "?done=" + (submitting ? "submitted" : "saved"));
}

Response need_page(Request& request, Site& site) {
    store::Lease session(site.db);
    auto loaded = load_need(site, request, *session, Action::view_project_private);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& need = std::get<LoadedNeed>(loaded);
    return need_view(site, request, *session, need, input_of(need.need), {}, 200);
}

Response need_update(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded = load_need(site, request, *session, Action::edit_need);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& need = std::get<LoadedNeed>(loaded);
    const auto in = need_input(request);
    if (need.status != domain::Status::draft)
        return need_view(site, request, *session, need, input_of(need.need), {message(site, lang, "need.error.not_draft")}, 409);
    const bool submitting = request.form_value("intent") == "submit";
    const auto checked = domain::check_need(in, submitting);
    if (!checked.ok()) {
        const bool broken = checked.problems.front() == "encoding";
        return need_view(site, request, *session, need, broken ? input_of(need.need) : in,
                         need_errors(site, lang, checked.problems), broken ? 400 : 422);
    }
    const auto saved = service::update_need(site.service_context(*session), need.need.id,
                                            {in, submitting, need.need.organisation_id, request.visitor.person_id});
    if (saved.kind == service::NeedOutcome::Kind::not_draft)
        return need_view(site, request, *session, need, input_of(need.need), {message(site, lang, "need.error.not_draft")}, 409);
    if (saved.kind == service::NeedOutcome::Kind::moved_meanwhile)
        return need_view(site, request, *session, need, in, {message(site, lang, "need.error.moved_meanwhile")}, 409);
    return redirect(303, "/needs/" + std::to_string(need.need.id) + "?done=" + (submitting ? "submitted" : "saved"));
}

Response project_status(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded_or = load_need(site, request, *session, Action::change_project_status);
    if (auto* refused = std::get_if<Response>(&loaded_or)) return std::move(*refused);
    const auto& loaded = std::get<LoadedNeed>(loaded_or);
    const auto back = request.form_value("back") == "framing" ? "/framing/" : "/needs/";
    auto page_with = [&](const std::string& key, int status, const std::map<std::string, std::string>& values = {}) {
        return need_view(site, request, *session, loaded, input_of(loaded.need), {message(site, lang, key, values)}, status);
    };
    const std::string to = request.form_value("to");
    const auto moved = service::move_need(site.service_context(*session),
                                          {loaded.need.id, to, request.form_value("reason"), request.visitor.person_id,
                                           loaded.move_context(), lang});
    using Kind = service::MoveOutcome::Kind;
    switch (moved.kind) {
        case Kind::unknown_status: return page_with("move.error.unknown", 400);
        case Kind::reason_too_long: return page_with("move.error.reason_length", 422);
        case Kind::refused: {
            const int status = moved.refusal == domain::move_refusal::illegal           ? 409
                               : moved.refusal == domain::move_refusal::reason_required ? 422
                                                                                        : 403;
            return page_with("move.error." + moved.refusal, status,
                             {{"from", status_label(site, lang, moved.from)}, {"to", status_label(site, lang, to)}});
        }
        case Kind::framing_incomplete: {
            std::string fields;
            for (const auto& m : moved.missing) {
                const auto colon = m.find(':');
                fields += (fields.empty() ? "" : ", ") + message(site, lang, "framing.field." + m.substr(0, colon)) +
                          (colon == std::string::npos ? "" : " (" + m.substr(colon + 1) + ")");
            }
            return page_with("move.error.framing_incomplete", 422, {{"fields", fields}});
        }
        case Kind::moved_meanwhile: return page_with("need.error.moved_meanwhile", 409);
        case Kind::moved: break;
    }
    return redirect(303, back + std::to_string(loaded.need.id) + "?done=moved");
}

Response admin_needs(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    json rows = json::array();
    for (const auto& n : store::NeedRepository(*session).in_statuses({"submitted", "framing", "ready"}, 200))
        rows.push_back({{"id", n.id},
                        {"title", n.title},
                        {"organisation", n.organisation_name},
                        {"format", message(site, lang, "format." + n.format)},
                        {"status", status_label(site, lang, n.status)},
                        {"updated", n.updated_at.substr(0, 10)}});
    json data{{"needs", rows}, {"has_needs", !rows.empty()}, {"tab_needs", true}, {"dev_mode", site.options.development_mode}};
    return render_private_page(site, request, context, message(site, lang, "admin.needs.title"), "admin_needs", std::move(data),
                               200, "admin");
}

}  // namespace latitudes::web::handlers
