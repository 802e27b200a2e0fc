// Staff pages: people and organisations, searched and paged; role changes and
// deactivation, each written to the audit log with the change; the audit log itself; and, in
// development mode only, the mails waiting in the outbox (/dev/outbox).
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "service/staff.hpp"
#include "store/directory.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

constexpr int page_size = 50;

int page_number(const Request& request) { return std::max(1LL, parse_id(request.param("page"), 4).value_or(1)); }

// Query text for the search box: kept short and valid, else ignored.
std::string search_text(const Request& request) {
    std::string text = request.param("q");
    if (!domain::is_valid_utf8(text) || text.size() > 100) return {};
    return text;
}

Response admin_page(Site& site, Request& request, const std::string& title_key, std::string_view body_template, json data,
                    std::string_view tab, int status = 200) {
    const auto context = page_context(request);
    data["csrf"] = request.visitor.csrf_token;
    data["dev_mode"] = site.options.development_mode;
    data[std::string("tab_") + std::string(tab)] = true;
    return render_private_page(site, request, context, message(site, context.lang, title_key), body_template, std::move(data),
                               status, "admin");
}

// Previous/next links keeping the other parameters.
void add_paging(json& data, const Request& request, int page, bool more) {
    if (page > 1) data["previous_href"] = with_param(request, "page", page == 2 ? "" : std::to_string(page - 1));
    if (more) data["next_href"] = with_param(request, "page", std::to_string(page + 1));
}

// Queries ask for one row more than a page, to know whether a next page exists; that row is
// dropped here. True when there is a next page.
template <typename Row>
bool trim_page(std::vector<Row>& rows) {
    const bool more = rows.size() > static_cast<std::size_t>(page_size);
    if (more) rows.pop_back();
    return more;
}

// The roles a person may have (all but anonymous), as <option>s with `selected` marked.
json role_options(const Site& site, domain::Lang lang, const std::string& selected) {
    json options = json::array();
    for (auto role : domain::all_roles) {
        if (role == domain::Role::anonymous) continue;
        const std::string name(domain::to_string(role));
        options.push_back({{"value", name}, {"label", message(site, lang, "role." + name)}, {"selected", name == selected}});
    }
    return options;
}

long long person_param(const Request& request) { return parse_id(request.path_params.at("person")).value_or(0); }

// The list of people; `error` (if any) is shown next to the role of `person` when that row is
// listed, else (a stale row, or a problem of the whole form) in the summary only.
Response people_page(Site& site, Request& request, const std::string& error, long long person, int status) {
    const auto lang = page_context(request).lang;
    store::DirectoryQuery query{search_text(request), request.param("role"), request.param("status"), page_size + 1, 0};
    if (domain::parse_role(query.role).value_or(domain::Role::anonymous) == domain::Role::anonymous) query.role.clear();
    if (query.status != "active" && query.status != "inactive") query.status.clear();
    const int page = page_number(request);
    query.offset = (page - 1) * page_size;
    store::Lease session(site.db);
    auto people = store::Directory(*session).people(query);
    const bool more = trim_page(people);
    json rows = json::array();
    FormErrors errors;
    for (const auto& p : people) {
        const bool wrong = !error.empty() && p.id == person;
        if (wrong) errors.add("role-" + std::to_string(p.id), error);
        rows.push_back({{"id", p.id},
                        {"role_error", wrong ? error : ""},
                        {"name", p.display_name},
                        {"email", p.email},
                        {"roles", role_options(site, lang, p.role)},
                        {"role", message(site, lang, "role." + p.role)},
                        {"active", p.active},
                        {"confirmed", p.email_confirmed},
                        {"created", p.created_at.substr(0, 10)},
                        {"last_login", p.last_login_at.empty() ? "—" : p.last_login_at.substr(0, 10)},
                        {"self", p.id == request.visitor.person_id}});
    }
    json data{{"q", query.text},
              {"people", rows},
              {"has_people", !rows.empty()},
              {"role_filter", role_options(site, lang, query.role)},
              {"status_active", query.status == "active"},
              {"status_inactive", query.status == "inactive"},
              {"form_errors", (errors.empty() && !error.empty() ? FormErrors{error} : errors).view()}};
    add_paging(data, request, page, more);
    return admin_page(site, request, "admin.title", "admin_people", std::move(data), "people", status);
}

}  // namespace

Response admin_people(Request& request, Site& site) { return people_page(site, request, "", 0, 200); }

Response admin_organisations(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::DirectoryQuery query{search_text(request), "", request.param("status"), page_size + 1, 0};
    if (query.status != "verified" && query.status != "unverified") query.status.clear();
    const int page = page_number(request);
    query.offset = (page - 1) * page_size;
    store::Lease session(site.db);
    auto organisations = store::Directory(*session).organisations(query);
    const bool more = trim_page(organisations);
    json rows = json::array();
    for (const auto& o : organisations)
        rows.push_back({{"slug", o.slug},
                        {"name", o.name},
                        {"kind", message(site, lang, "kind." + o.kind)},
                        {"city", o.city},
                        {"verified", o.verified},
                        {"members", o.members},
                        {"created", o.created_at.substr(0, 10)}});
    json data{{"q", query.text},
              {"organisations", rows},
              {"has_organisations", !rows.empty()},
              {"status_verified", query.status == "verified"},
              {"status_unverified", query.status == "unverified"}};
    add_paging(data, request, page, more);
    return admin_page(site, request, "admin.organisations.title", "admin_organisations", std::move(data), "organisations");
}

namespace {

// An audit entry as the reader reads it: the action and the target's kind in their language
// ("audit.action.<id>", "audit.target.<kind>"; every identifier written in src/ has both, a test
// checks it), a status move as "Soumis → En cadrage". An identifier without a label (an entry
// written by an older version) is shown as it is.
json audit_row(const Site& site, domain::Lang lang, const store::AuditEntry& e) {
    auto label = [&](const std::string& key, const std::string& fallback) {
        return site.catalogue.has(lang, key) ? site.catalogue.get(lang, key) : fallback;
    };
    const std::string action_key = "audit.action." + e.action;
    std::string details = e.details == "{}" ? "" : e.details;
    if (e.action == "move_need") {
        const auto moved = json::parse(e.details, nullptr, false);
        if (moved.is_object() && moved.value("from", json()).is_string() && moved.value("to", json()).is_string()) {
            const std::string from = moved["from"], to = moved["to"];
            details = label("status." + from, from) + " → " + label("status." + to, to);
            if (moved.value("reason", json()).is_string()) details += " — " + moved["reason"].get<std::string>();
        }
    }
    const std::string id = e.target_id ? " #" + std::to_string(e.target_id) : "";
    return {{"at", e.at},
            {"actor", e.actor_name.empty() ? "—" : e.actor_name},
            {"action_id", e.action},
            {"action", label(action_key, e.action)},
            {"labelled", site.catalogue.has(lang, action_key)},
            {"target", label("audit.target." + e.target_kind, e.target_kind) + id},
            {"target_link", e.target_kind == "need" && e.target_id ? "/needs/" + std::to_string(e.target_id) : ""},
            {"details", details}};
}

}  // namespace

Response admin_audit(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const long long before = parse_id(request.param("before")).value_or(0);
    store::Lease session(site.db);
    auto entries = store::Directory(*session).audit(page_size + 1, before);
    const bool more = trim_page(entries);
    json rows = json::array();
    for (const auto& e : entries) rows.push_back(audit_row(site, lang, e));
    json data{{"entries", rows}, {"has_entries", !rows.empty()}};
    if (more) data["next_href"] = "/admin/audit?before=" + std::to_string(entries.back().id);
    return admin_page(site, request, "admin.audit.title", "admin_audit", std::move(data), "audit");
}

namespace {

// The answer to a staff change, shared by the role and the activation forms.
// `field_person`: the person whose role select was wrong (0: the problem has no field of its own).
Response staff_change_answer(Site& site, Request& request, const service::StaffChangeOutcome& outcome,
                             const std::string& invalid_key, long long field_person) {
    const auto lang = page_context(request).lang;
    using Kind = service::StaffChangeOutcome::Kind;
    switch (outcome.kind) {
        case Kind::invalid: return people_page(site, request, message(site, lang, invalid_key), field_person, 422);
        case Kind::self: return people_page(site, request, message(site, lang, "admin.error.self"), 0, 422);
        case Kind::not_found: return error_page(site, request, 404);
        case Kind::changed: break;
    }
    return redirect(303, "/admin?q=" + url_encode(outcome.email));
}

}  // namespace

Response admin_person_role(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto changed = service::set_role(site.service_context(*session), request.visitor.person_id, person_param(request),
                                           request.form_value("role"));
    return staff_change_answer(site, request, changed, "admin.error.role", person_param(request));
}

Response admin_person_active(Request& request, Site& site) {
    const std::string value = request.form_value("active");
    if (value != "0" && value != "1")
        return staff_change_answer(site, request, {service::StaffChangeOutcome::Kind::invalid, ""}, "admin.error.active", 0);
    store::Lease session(site.db);
    const auto changed = service::set_active(site.service_context(*session), request.visitor.person_id, person_param(request),
                                             value == "1");
    return staff_change_answer(site, request, changed, "admin.error.active", 0);
}

Response dev_outbox(Request& request, Site& site) {
    json mails = json::array();
    for (const auto& queued : mail::Outbox(site.db).list_recent(50))
        mails.push_back({{"id", queued.id},
                         {"to", queued.mail.to},
                         {"subject", queued.mail.subject},
                         {"status", queued.status},
                         {"created", queued.created_at},
                         {"text", queued.mail.text}});
    json data{{"mails", mails}, {"has_mails", !mails.empty()}, {"is_staff", has_staff_view(site, request)}, {"dev_mode", true}};
    return admin_page(site, request, "outbox.title", "dev_outbox", std::move(data), "outbox");
}

}  // namespace latitudes::web::handlers
