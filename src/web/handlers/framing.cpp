// The framing sheet: staff and the beneficiary turn a need into a project. Every save is
// a new, complete revision (who, when), any revision can be compared with the previous one, and
// both sides comment. The sheet can be edited while the project is being framed; "ready" copies
// it onto the project (service/framing.cpp, move_need).
#include "domain/framing.hpp"
#include "domain/text.hpp"
#include "service/framing.hpp"
#include "store/cohorts.hpp"
#include "store/needs.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;
using domain::Action;

namespace {

domain::FramingSheet sheet_from_form(const Site& site, const Request& request) {
    domain::FramingSheet sheet;
    for (auto field : domain::framing_text_fields) sheet.text[std::string(field)] = request.form_value(std::string(field));
    sheet.team_min = request.form_value("team_min");
    sheet.team_max = request.form_value("team_max");
    sheet.semester = request.form_value("semester");
    sheet.starts_on = domain::date_as_typed(request.form_value("starts_on"));
    sheet.ends_on = domain::date_as_typed(request.form_value("ends_on"));
    const auto form = request.form();
    for (auto [it, end] = form.equal_range("sdg"); it != end; ++it) sheet.sdgs.push_back(it->second);
    for (const auto& skill : site.skills)
        if (auto it = form.find("skill_" + skill.slug); it != form.end() && !it->second.empty() && it->second != "0")
            sheet.skills.emplace_back(skill.slug, it->second);
    for (auto field : domain::framing_detail_fields) sheet.details[std::string(field)] = request.form_value(std::string(field));
    sheet.details["deadline"] = domain::date_as_typed(sheet.details["deadline"]);
    return sheet;
}

domain::FramingSheet sheet_of(const std::optional<store::Revision>& revision) {
    if (!revision) return {};
    return domain::sheet_from_json(json::parse(revision->content, nullptr, false));
}

// A skill level's label; a level typed wrong (only in a refused form) is shown as typed.
std::string level_label(const Site& site, domain::Lang lang, const std::string& level) {
    return level == "1" || level == "2" || level == "3" ? message(site, lang, "skill_level." + level) : level;
}

std::string get(const std::map<std::string, std::string>& map, std::string_view key) {
    const auto it = map.find(std::string(key));
    return it == map.end() ? std::string() : it->second;
}

std::string semester_label(domain::Lang lang, const std::vector<store::SemesterRecord>& semesters, const std::string& code) {
    for (const auto& semester : semesters)
        if (semester.code == code) return domain::localized(lang, semester.label_fr, semester.label_en);
    return code;
}

// "1/02/2027 → 30/06/2027", one side alone, or "" when neither is given.
std::string dates_shown(domain::Lang lang, const domain::FramingSheet& sheet) {
    if (sheet.starts_on.empty() && sheet.ends_on.empty()) return "";
    return format_date(sheet.starts_on, lang) + " → " + format_date(sheet.ends_on, lang);
}

std::string sdg_names(const Site& site, domain::Lang lang, const domain::FramingSheet& sheet) {
    std::string out;
    for (int id : domain::sheet_sdgs(sheet)) {
        const auto& sdg = site.sdgs[static_cast<std::size_t>(id - 1)];
        out += (out.empty() ? "" : ", ") + std::to_string(id) + ". " + domain::localized(lang, sdg.name_fr, sdg.name_en);
    }
    return out;
}

// A field's value as shown in the comparison.
std::string shown(const Site& site, domain::Lang lang, const domain::FramingSheet& sheet, const std::string& field,
                  const std::vector<store::SemesterRecord>& semesters) {
    if (field == "team_size") return sheet.team_min + "–" + sheet.team_max;
    if (field == "semester") return semester_label(lang, semesters, sheet.semester);
    if (field == "dates") return dates_shown(lang, sheet);
    if (field == "sdgs") return sdg_names(site, lang, sheet);
    if (field == "skills") {
        std::string out;
        for (const auto& [slug, level] : sheet.skills) {
            std::string name = slug;
            for (const auto& skill : site.skills)
                if (skill.slug == slug) name = domain::localized(lang, skill.name_fr, skill.name_en);
            out += (out.empty() ? "" : ", ") + name + " (" + level_label(site, lang, level) + ")";
        }
        return out;
    }
    if (sheet.text.count(field)) return sheet.text.at(field);
    return get(sheet.details, field);
}

// Each problem next to the input it concerns (its id), or the whole form's ("encoding").
FormErrors framing_errors(const Site& site, domain::Lang lang, const std::vector<std::string>& problems) {
    static const std::map<std::string, std::string> field_of{
        {"team_size", "team_min"},  {"semester", "semester"}, {"starts_on", "starts_on"}, {"ends_on", "ends_on"},
        {"dates_order", "ends_on"}, {"sdg", "sdgs"},          {"skill", "skills"},        {"skill_level", "skills"}};
    FormErrors errors;
    for (const auto& problem : problems) {
        const auto colon = problem.find(':');
        const std::string code = problem.substr(0, colon);
        const std::string detail = colon == std::string::npos ? "" : problem.substr(colon + 1);
        if (code == "too_long")
            errors.add(detail, message(site, lang, "framing.error.too_long",
                                       {{"field", message(site, lang, "framing.field." + detail)},
                                        {"max", std::to_string(domain::max_framing_text)}}));
        else if (code == "detail")
            errors.add(detail,
                       message(site, lang, "framing.error.detail", {{"field", message(site, lang, "framing.field." + detail)}}));
        else errors.add(field_of.count(code) ? field_of.at(code) : "", message(site, lang, "framing.error." + code));
    }
    return errors;
}

Response framing_view(Site& site, Request& request, soci::session& session, const LoadedNeed& loaded,
                      const domain::FramingSheet& sheet, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto& need = loaded.need;
    store::NeedRepository needs(session);
    const bool editable = loaded.status == domain::Status::framing && loaded.may(site, request, Action::edit_framing);

    const json shown_errors = errors.view();
    const auto& error_of = shown_errors["field"];
    json texts = json::array();
    for (auto field : domain::framing_text_fields) {
        const std::string name(field);
        texts.push_back({{"name", name},
                         {"label", message(site, lang, "framing.field." + name)},
                         {"hint", message(site, lang, "framing.hint." + name)},
                         {"value", get(sheet.text, name)},
                         {"error", error_of.contains(name) ? error_of[name] : json(nullptr)}});
    }
    const auto semesters = store::CohortRepository(session).semesters();
    json semester_options = json::array();
    for (const auto& semester : semesters)
        semester_options.push_back({{"code", semester.code},
                                    {"label", domain::localized(lang, semester.label_fr, semester.label_en)},
                                    {"selected", semester.code == sheet.semester}});
    const std::set<std::string> chosen_sdgs(sheet.sdgs.begin(), sheet.sdgs.end());
    json sdgs = json::array();
    for (const auto& sdg : site.sdgs)
        sdgs.push_back({{"id", sdg.id},
                        {"name", domain::localized(lang, sdg.name_fr, sdg.name_en)},
                        {"checked", chosen_sdgs.count(std::to_string(sdg.id)) != 0}});
    std::map<std::string, std::string> levels(sheet.skills.begin(), sheet.skills.end());
    json skills = json::array();
    for (const auto& skill : site.skills) {
        json options = json::array();
        for (int level = 0; level <= 3; ++level) {
            const std::string value = std::to_string(level);
            options.push_back({{"value", value},
                               {"label", level == 0 ? message(site, lang, "profile.skill_none")
                                                    : message(site, lang, "skill_level." + value)},
                               {"selected", levels.count(skill.slug) ? levels[skill.slug] == value : level == 0}});
        }
        skills.push_back({{"slug", skill.slug},
                          {"name", domain::localized(lang, skill.name_fr, skill.name_en)},
                          {"options", options},
                          {"chosen", levels.count(skill.slug) != 0},
                          {"level", levels.count(skill.slug) ? level_label(site, lang, levels[skill.slug]) : ""}});
    }
    const auto fields = domain::detail_fields(loaded.format);
    auto option_list = [&](const auto& values, const std::string& prefix, const std::string& current) {
        json list = json::array();
        for (auto v : values)
            list.push_back({{"value", v}, {"label", message(site, lang, prefix + std::string(v))}, {"selected", current == v}});
        return list;
    };
    const auto& d = sheet.details;
    json details{{"show", fields.applications},
                 {"place", get(d, "place")},
                 {"remote", get(d, "remote") == "1" || get(d, "remote") == "on"},
                 {"show_hours", fields.hours_per_week},
                 {"hours_per_week", get(d, "hours_per_week")},
                 {"show_compensation", fields.compensation},
                 {"compensation", get(d, "compensation")},
                 {"show_partner", fields.partner},
                 {"partner", get(d, "partner")},
                 {"show_frequency", fields.frequency},
                 {"frequencies", option_list(domain::frequencies, "frequency.", get(d, "frequency"))},
                 {"show_sessions", fields.sessions},
                 {"sessions", get(d, "sessions")},
                 {"show_seeking", fields.seeking},
                 {"seekings", option_list(domain::seekings, "seeking.", get(d, "seeking"))},
                 {"capacity", get(d, "capacity")},
                 {"deadline", get(d, "deadline")},
                 {"deadline_type", date_input_type(get(d, "deadline"))}};

    json revisions = json::array();
    const auto list = needs.revisions(need.id);
    for (const auto& r : list)
        revisions.push_back({{"number", r.number},
                             {"author", r.author_name},
                             {"at", format_instant(r.created_at, lang)},
                             {"comparable", r.number > 1}});
    json comparison;
    if (const auto compare = parse_id(request.param("compare"), 5)) {
        const int number = static_cast<int>(*compare);
        const auto after = needs.revision(need.id, number);
        const auto before = number > 1 ? needs.revision(need.id, number - 1) : std::nullopt;
        if (after && before) {
            const auto a = sheet_of(before), b = sheet_of(after);
            json changes = json::array();
            for (const auto& field : domain::changed_fields(a, b))
                changes.push_back({{"field", message(site, lang, "framing.field." + field)},
                                   {"before", shown(site, lang, a, field, semesters)},
                                   {"after", shown(site, lang, b, field, semesters)}});
            comparison = {{"from", number - 1},           {"to", number},
                          {"changes", changes},           {"none", changes.empty()},
                          {"author", after->author_name}, {"at", format_instant(after->created_at, lang)}};
        }
    }
    json comments = json::array();
    for (const auto& c : needs.comments(need.id))
        comments.push_back({{"author", c.author_name}, {"body", c.body}, {"at", format_instant(c.created_at, lang)}});
    json need_texts = json::array();
    const auto& t = need.text;
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{{"problem", t.problem},
                                                                                     {"beneficiaries", t.beneficiaries},
                                                                                     {"existing", t.existing},
                                                                                     {"data_tools", t.data_tools},
                                                                                     {"hopes", t.hopes},
                                                                                     {"constraints", t.constraints}})
        if (!value.empty()) need_texts.push_back({{"label", message(site, lang, "need." + key)}, {"value", value}});

    json data{{"id", need.id},
              {"title", need.title},
              {"summary", need.summary},
              {"organisation", need.organisation_name},
              {"status", status_label(site, lang, need.status)},
              {"format_label", format_label(site, lang, need.format)},
              {"need_texts", need_texts},
              {"contact", t.contact_name + (t.contact_email.empty() ? "" : " <" + t.contact_email + ">")},
              {"editable", editable},
              {"texts", texts},
              {"team_min", sheet.team_min},
              {"team_max", sheet.team_max},
              {"show_team", loaded.format == domain::Format::student_project},
              {"semesters", semester_options},
              {"semester_label", semester_label(lang, semesters, sheet.semester)},
              {"starts_on", sheet.starts_on},
              {"ends_on", sheet.ends_on},
              {"starts_on_type", date_input_type(sheet.starts_on)},
              {"ends_on_type", date_input_type(sheet.ends_on)},
              {"dates", dates_shown(lang, sheet)},
              {"sdgs", sdgs},
              {"sdg_names", sdg_names(site, lang, sheet)},
              {"skills", skills},
              {"details", details},
              {"revisions", revisions},
              {"has_revisions", !revisions.empty()},
              {"current", list.empty() ? 0 : list.front().number},
              {"comparison", comparison},
              {"has_comparison", !comparison.is_null()},
              {"comments", comments},
              {"has_comments", !comments.empty()},
              {"moves", move_buttons(site, lang, loaded)},
              {"back_framing", true},
              {"csrf", request.visitor.csrf_token},
              {"form_errors", shown_errors}};
    const std::string done = request.param("done");
    if (done == "saved" || done == "unchanged" || done == "commented" || done == "moved")
        data["notice"] = message(site, lang, "framing.done." + done);
    return render_private_page(site, request, context, message(site, lang, "framing.title") + " — " + need.title, "framing",
                               std::move(data), status, "me");
}

}  // namespace

Response framing_page(Request& request, Site& site) {
    store::Lease session(site.db);
    auto loaded = load_need(site, request, *session, Action::view_project_private);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& need = std::get<LoadedNeed>(loaded);
    if (need.status == domain::Status::draft) return error_page(site, request, 404);  // not submitted yet
    const auto latest = store::NeedRepository(*session).latest_revision(need.need.id);
    auto sheet = sheet_of(latest);
    // A first sheet starts from what the beneficiary chose; staff may change it.
    if (!latest)
        for (int sdg : need.need.sdgs) sheet.sdgs.push_back(std::to_string(sdg));
    return framing_view(site, request, *session, need, sheet, {}, 200);
}

Response framing_save(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded_or = load_need(site, request, *session, Action::edit_framing);
    if (auto* refused = std::get_if<Response>(&loaded_or)) return std::move(*refused);
    const auto& loaded = std::get<LoadedNeed>(loaded_or);
    const auto sheet = sheet_from_form(site, request);
    const auto saved = service::save_framing(site.service_context(*session),
                                             {loaded.need.id, request.visitor.person_id, loaded.format, sheet});
    const std::string id = std::to_string(loaded.need.id);
    using Kind = service::FramingSaveOutcome::Kind;
    switch (saved.kind) {
        case Kind::not_framing: {
            const auto latest = sheet_of(store::NeedRepository(*session).latest_revision(loaded.need.id));
            return framing_view(site, request, *session, loaded, latest,
                                FormErrors{message(site, lang, "framing.error.not_framing")}, 409);
        }
        case Kind::invalid: {
            const bool broken = saved.problems.front() == "encoding";
            return framing_view(site, request, *session, loaded,
                                broken ? sheet_of(store::NeedRepository(*session).latest_revision(loaded.need.id)) : sheet,
                                framing_errors(site, lang, saved.problems), broken ? 400 : 422);
        }
        case Kind::unchanged: return redirect(303, "/framing/" + id + "?done=unchanged");
        case Kind::saved: break;
    }
    return redirect(303,
                    "/framing/" + id + "?done=saved" + (saved.revision > 1 ? "&compare=" + std::to_string(saved.revision) : ""));
}

Response framing_comment(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded_or = load_need(site, request, *session, Action::comment_framing);
    if (auto* refused = std::get_if<Response>(&loaded_or)) return std::move(*refused);
    const auto& loaded = std::get<LoadedNeed>(loaded_or);
    const auto added = service::comment_framing(site.service_context(*session), {loaded.need.id, request.visitor.person_id,
                                                                                 request.form_value("body"), loaded.staff});
    if (added.kind == service::CommentOutcome::Kind::invalid) {
        FormErrors errors;
        errors.add("comment-body", message(site, lang, "framing.error.comment", {{"max", std::to_string(service::max_comment)}}));
        return framing_view(site, request, *session, loaded,
                            sheet_of(store::NeedRepository(*session).latest_revision(loaded.need.id)), errors, 422);
    }
    return redirect(303, "/framing/" + std::to_string(loaded.need.id) + "?done=commented#comments");
}

}  // namespace latitudes::web::handlers
