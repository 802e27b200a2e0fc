// Profiles: skills with levels, causes (SDGs), school or employer, availability.
// The page form and the JSON API (PUT /api/v1/me/profile, with a personal token) check the
// same rules (domain/profile.hpp) and save the same way, in one transaction.
#include "domain/profile.hpp"
#include "store/organisations.hpp"
#include "store/profiles.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

std::set<long long> skill_ids(const Site& site) {
    std::set<long long> ids;
    for (const auto& skill : site.skills) ids.insert(skill.id);
    return ids;
}

std::set<long long> school_ids(const std::vector<store::SchoolChoice>& schools) {
    std::set<long long> ids;
    for (const auto& school : schools) ids.insert(school.id);
    return ids;
}

store::Profile to_profile(const domain::CheckedProfile& checked) {
    store::Profile profile{
        checked.school_id, checked.study_year, checked.employer, checked.availability, checked.hours_per_week, checked.bio, {},
        checked.sdgs};
    for (const auto& [id, level] : checked.skills) profile.skills.push_back({id, level});
    return profile;
}

std::string number_text(long long value) { return value == 0 ? std::string() : std::to_string(value); }

domain::ProfileInput input_of(const store::Profile& profile) {
    domain::ProfileInput input{number_text(profile.school_id),
                               number_text(profile.study_year),
                               profile.employer,
                               profile.availability,
                               number_text(profile.hours_per_week),
                               profile.bio,
                               {},
                               {}};
    for (const auto& skill : profile.skills)
        input.skills.emplace_back(std::to_string(skill.skill_id), std::to_string(skill.level));
    for (int sdg : profile.sdgs) input.sdgs.push_back(std::to_string(sdg));
    return input;
}

Response profile_page(Site& site, Request& request, const domain::ProfileInput& input,
                      const std::vector<store::SchoolChoice>& schools, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto fields = domain::profile_fields(domain::to_string(request.visitor.role));
    json school_options = json::array();
    for (const auto& school : schools)
        school_options.push_back(
            {{"value", school.id}, {"label", school.name}, {"selected", std::to_string(school.id) == input.school_id}});
    json years = json::array();
    for (int year = 1; year <= domain::max_study_year; ++year)
        years.push_back({{"value", year}, {"selected", std::to_string(year) == input.study_year}});
    std::map<std::string, std::string> levels;
    for (const auto& [id, level] : input.skills) levels[id] = level;
    json skills = json::array();
    for (const auto& skill : site.skills) {
        const std::string id = std::to_string(skill.id);
        json options = json::array();
        for (int level = 0; level <= 3; ++level)
            options.push_back({{"value", level},
                               {"label", level == 0 ? message(site, lang, "profile.skill_none")
                                                    : message(site, lang, "skill_level." + std::to_string(level))},
                               {"selected", levels.count(id) ? levels[id] == std::to_string(level) : level == 0}});
        skills.push_back({{"id", id}, {"name", domain::localized(lang, skill.name_fr, skill.name_en)}, {"options", options}});
    }
    const std::set<std::string> chosen(input.sdgs.begin(), input.sdgs.end());
    json sdgs = json::array();
    for (const auto& sdg : site.sdgs)
        sdgs.push_back({{"id", sdg.id},
                        {"name", domain::localized(lang, sdg.name_fr, sdg.name_en)},
                        {"checked", chosen.count(std::to_string(sdg.id)) != 0}});
    json data{{"csrf", request.visitor.csrf_token},
              {"role", message(site, lang, "role." + std::string(domain::to_string(request.visitor.role)))},
              {"show_school", fields.school},
              {"show_year", fields.study_year},
              {"show_employer", fields.employer},
              {"schools", school_options},
              {"years", years},
              {"employer", input.employer},
              {"availability", input.availability},
              {"hours_per_week", input.hours_per_week},
              {"bio", input.bio},
              {"skills", skills},
              {"sdgs", sdgs},
              {"form_errors", errors.view()}};
    return render_private_page(site, request, context, message(site, lang, "profile.title"), "profile", data, status, "me");
}

// Saves a checked profile; the caller has validated it against the same schools and skills.
void save(soci::session& session, long long person_id, const domain::CheckedProfile& checked) {
    store::WriteTransaction tx(session);
    store::ProfileRepository(session).save(person_id, to_profile(checked), store::Clock::now());
    tx.commit();
}

// The input a problem of domain::check_profile concerns ("" for broken text: the whole form).
std::string profile_field(domain::ProfileProblem problem) {
    using P = domain::ProfileProblem;
    switch (problem) {
        case P::school: return "school_id";
        case P::skill:
        case P::skill_level: return "skills";
        case P::sdg: return "sdgs";
        case P::encoding: return "";
        default: return std::string(domain::to_string(problem));  // study_year, employer, availability, hours_per_week, bio
    }
}

json profile_json(const Site& site, const store::Profile& profile, const std::vector<store::SchoolChoice>& schools) {
    json skills = json::array();
    for (const auto& chosen : profile.skills)
        for (const auto& skill : site.skills)
            if (skill.id == chosen.skill_id) skills.push_back({{"skill", skill.slug}, {"level", chosen.level}});
    json school = nullptr;
    for (const auto& s : schools)
        if (s.id == profile.school_id) school = {{"id", s.id}, {"name", s.name}};
    auto optional_number = [](int value) { return value == 0 ? json(nullptr) : json(value); };
    return {{"school", school},
            {"study_year", optional_number(profile.study_year)},
            {"employer", profile.employer},
            {"availability", profile.availability},
            {"hours_per_week", optional_number(profile.hours_per_week)},
            {"bio", profile.bio},
            {"skills", skills},
            {"sdgs", profile.sdgs}};
}

}  // namespace

Response me_profile_form(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto schools = store::ProfileRepository(*session).schools();
    const auto profile = store::ProfileRepository(*session).find(request.visitor.person_id);
    return profile_page(site, request, input_of(profile), schools, {}, 200);
}

Response me_profile(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    domain::ProfileInput input{request.form_value("school_id"),
                               request.form_value("study_year"),
                               request.form_value("employer"),
                               request.form_value("availability"),
                               request.form_value("hours_per_week"),
                               request.form_value("bio"),
                               {},
                               {}};
    const auto form = request.form();
    for (const auto& skill : site.skills) {
        const std::string id = std::to_string(skill.id);
        if (auto it = form.find("skill_" + id); it != form.end()) input.skills.emplace_back(id, it->second);
    }
    for (auto [it, end] = form.equal_range("sdg"); it != end; ++it) input.sdgs.push_back(it->second);

    store::Lease session(site.db);
    const auto schools = store::ProfileRepository(*session).schools();
    const auto checked = domain::check_profile(input, domain::to_string(request.visitor.role), skill_ids(site),
                                               school_ids(schools));
    if (!checked.ok()) {
        FormErrors errors;
        for (auto problem : checked.problems)
            errors.add(profile_field(problem), message(site, lang, "profile.error." + std::string(domain::to_string(problem)),
                                                       {{"max_availability", std::to_string(domain::max_availability_length)},
                                                        {"max_employer", std::to_string(domain::max_employer_length)},
                                                        {"max_bio", std::to_string(domain::max_bio_length)},
                                                        {"max_hours", std::to_string(domain::max_hours_per_week)}}));
        // Broken text is not echoed back.
        const bool broken = checked.problems.front() == domain::ProfileProblem::encoding;
        return profile_page(site, request, broken ? domain::ProfileInput{} : input, schools, errors, broken ? 400 : 422);
    }
    save(*session, request.visitor.person_id, checked);
    return redirect(303, "/me?done=profile");
}

Response api_me(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto& v = request.visitor;
    const auto schools = store::ProfileRepository(*session).schools();
    json organisations = json::array();
    for (const auto& m : store::OrganisationRepository(*session).memberships_of(v.person_id))
        organisations.push_back(
            {{"slug", m.slug}, {"name", m.name}, {"role", domain::to_string(m.role)}, {"verified", m.verified}});
    json body{{"person",
               {{"id", v.person_id}, {"email", v.email}, {"display_name", v.display_name}, {"role", domain::to_string(v.role)}}},
              {"profile", profile_json(site, store::ProfileRepository(*session).find(v.person_id), schools)},
              {"organisations", organisations}};
    return private_json_response(200, body.dump());
}

// PUT /api/v1/me/profile: the whole profile, as GET /api/v1/me shows it ("school" is an id).
Response api_me_profile(Request& request, Site& site) {
    json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)");
    std::vector<std::string> type_errors;
    auto text = [&](const char* name) {
        if (!doc.contains(name) || doc[name].is_null()) return std::string();
        if (!doc[name].is_string()) type_errors.push_back(name);
        return doc[name].is_string() ? doc[name].get<std::string>() : std::string();
    };
    auto number = [&](const char* name) {
        if (!doc.contains(name) || doc[name].is_null()) return std::string();
        if (!doc[name].is_number_integer()) type_errors.push_back(name);
        return doc[name].is_number_integer() ? std::to_string(doc[name].get<long long>()) : std::string();
    };
    domain::ProfileInput input{number("school"),
                               number("study_year"),
                               text("employer"),
                               text("availability"),
                               number("hours_per_week"),
                               text("bio"),
                               {},
                               {}};
    if (doc.contains("skills") && !doc["skills"].is_null()) {
        if (!doc["skills"].is_array()) type_errors.push_back("skills");
        else
            for (const auto& item : doc["skills"]) {
                if (!item.is_object() || !item.contains("skill") || !item["skill"].is_string() || !item.contains("level") ||
                    !item["level"].is_number_integer()) {
                    type_errors.push_back("skills");
                    break;
                }
                std::string id = "unknown";
                for (const auto& skill : site.skills)
                    if (skill.slug == item["skill"].get<std::string>()) id = std::to_string(skill.id);
                input.skills.emplace_back(id, std::to_string(item["level"].get<long long>()));
            }
    }
    if (doc.contains("sdgs") && !doc["sdgs"].is_null()) {
        if (!doc["sdgs"].is_array()) type_errors.push_back("sdgs");
        else
            for (const auto& sdg : doc["sdgs"]) {
                if (!sdg.is_number_integer()) {
                    type_errors.push_back("sdgs");
                    break;
                }
                input.sdgs.push_back(std::to_string(sdg.get<long long>()));
            }
    }
    if (!type_errors.empty()) return json_error(422, "invalid_type", "wrong type for field '" + type_errors.front() + "'");

    store::Lease session(site.db);
    const auto schools = store::ProfileRepository(*session).schools();
    const auto checked = domain::check_profile(input, domain::to_string(request.visitor.role), skill_ids(site),
                                               school_ids(schools));
    if (!checked.ok()) {
        json problems = json::array();
        for (auto problem : checked.problems) problems.push_back(domain::to_string(problem));
        json body{{"error",
                   {{"code", "invalid_profile"},
                    {"message", "invalid field: " + std::string(domain::to_string(checked.problems.front()))},
                    {"fields", problems}}}};
        return json_response(422, body.dump());
    }
    save(*session, request.visitor.person_id, checked);
    json body{{"profile", profile_json(site, store::ProfileRepository(*session).find(request.visitor.person_id), schools)}};
    return json_response(200, body.dump());
}

}  // namespace latitudes::web::handlers
