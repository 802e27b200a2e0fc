#include "service/framing.hpp"

#include "domain/opportunity.hpp"
#include "domain/text.hpp"
#include "service/notices.hpp"
#include "store/activity.hpp"
#include "store/cohorts.hpp"
#include "store/needs.hpp"
#include "store/notices.hpp"

namespace latitudes::service {

using nlohmann::json;

namespace {

// The id of the semester with this code, or 0 (none given, or none such).
long long semester_id(soci::session& session, const std::string& code) {
    if (code.empty()) return 0;
    for (const auto& semester : store::CohortRepository(session).semesters())
        if (semester.code == code) return semester.id;
    return 0;
}

domain::FramingSheet latest_sheet(store::NeedRepository& needs, long long need_id) {
    const auto latest = needs.latest_revision(need_id);
    return latest ? domain::sheet_from_json(json::parse(latest->content, nullptr, false)) : domain::FramingSheet{};
}

// What "ready" copies from the sheet onto the project.
store::NeedRepository::Framed framed_project(const Context& context, const store::NeedRecord& need,
                                             const domain::FramingSheet& sheet, domain::Format format) {
    store::NeedRepository::Framed framed;
    const auto [min, max] = domain::team_size(sheet);
    auto text = [&](const char* f) { return sheet.text.count(f) ? sheet.text.at(f) : std::string(); };
    framed.summary = need.summary;
    framed.description = text("statement") + "\n\n" + text("deliverables");
    framed.team_min = format == domain::Format::student_project ? min : 1;
    framed.team_max = format == domain::Format::student_project ? max : 1;
    if (format == domain::Format::student_project) framed.semester_id = semester_id(context.session, sheet.semester);
    framed.starts_on = sheet.starts_on;
    framed.ends_on = sheet.ends_on;
    framed.sdgs = domain::sheet_sdgs(sheet);
    for (const auto& [slug, level] : sheet.skills)
        for (const auto& skill : context.skills)
            if (skill.slug == slug) framed.skills.emplace_back(skill.id, std::stoi(level));
    if (!domain::detail_fields(format).applications) return framed;
    const auto& d = sheet.details;
    auto get = [&](const char* f) { return d.count(f) ? d.at(f) : std::string(); };
    const auto details = domain::check_details(format, {get("place"), get("remote"), get("hours_per_week"), get("compensation"),
                                                        get("partner"), get("frequency"), get("sessions"), get("seeking"),
                                                        get("capacity"), get("deadline")})
                             .details;
    framed.has_details = true;
    framed.place = details.place;
    framed.remote = details.remote;
    framed.hours_per_week = details.hours_per_week;
    framed.compensation = details.compensation;
    framed.partner = details.partner;
    framed.frequency = details.frequency;
    framed.sessions = details.sessions;
    framed.seeking = details.seeking;
    framed.capacity = details.capacity;
    framed.deadline = details.deadline;
    return framed;
}

MoveOutcome moved_as(MoveOutcome::Kind kind) {
    MoveOutcome outcome;
    outcome.kind = kind;
    return outcome;
}

}  // namespace

std::set<std::string> skill_slugs(const std::vector<store::Skill>& skills) {
    std::set<std::string> slugs;
    for (const auto& skill : skills) slugs.insert(skill.slug);
    return slugs;
}

FramingSaveOutcome save_framing(const Context& context, const FramingSave& save) {
    FramingSaveOutcome outcome;
    auto problems = domain::check_framing(save.sheet, save.format, skill_slugs(context.skills));
    store::WriteTransaction tx(context.session);
    if (!save.sheet.semester.empty() && semester_id(context.session, save.sheet.semester) == 0 &&
        (problems.empty() || problems.front() != "encoding"))
        problems.push_back("semester");
    store::NeedRepository needs(context.session);
    const auto need = needs.find(save.need_id);
    if (!need || need->status != domain::Status::framing) {
        outcome.kind = FramingSaveOutcome::Kind::not_framing;
        return outcome;
    }
    if (!problems.empty()) {
        outcome.kind = FramingSaveOutcome::Kind::invalid;
        outcome.problems = std::move(problems);
        return outcome;
    }
    if (needs.latest_revision(save.need_id) && domain::changed_fields(latest_sheet(needs, save.need_id), save.sheet).empty()) {
        outcome.kind = FramingSaveOutcome::Kind::unchanged;
        return outcome;
    }
    outcome.revision = needs.add_revision(save.need_id, save.author_id, domain::to_json(save.sheet).dump(), context.now);
    store::write_audit(context.session, save.author_id, "save_framing_revision", "need", save.need_id,
                       json{{"revision", outcome.revision}}.dump(), context.now);
    store::record_activity(context.session,
                           {0, need->organisation_id, save.author_id, "framing_revised", need->title,
                            "/framing/" + std::to_string(save.need_id)},
                           context.now);
    tx.commit();
    return outcome;
}

CommentOutcome comment_framing(const Context& context, const CommentInput& input) {
    if (!domain::is_valid_utf8(input.body) || domain::is_blank(input.body) || input.body.size() > max_comment)
        return {CommentOutcome::Kind::invalid};
    store::WriteTransaction tx(context.session);
    store::NeedRepository needs(context.session);
    const auto need = needs.find(input.need_id);
    if (!need) return {CommentOutcome::Kind::invalid};
    const long long comment = needs.add_comment(input.need_id, input.author_id, input.body, context.now);
    // The other side learns of it in their next digest (src/jobs/comment_digests.cpp).
    store::CommentNoticeRepository notices(context.session);
    notices.queue(comment, notices.other_side(input.need_id, need->organisation_id, input.author_id, input.by_staff));
    store::record_activity(context.session,
                           {0, need->organisation_id, input.author_id, "framing_commented", need->title,
                            "/framing/" + std::to_string(input.need_id) + "#comments"},
                           context.now);
    tx.commit();
    return {CommentOutcome::Kind::added};
}

MoveOutcome move_need(const Context& context, const MoveInput& input) {
    MoveOutcome outcome;
    const auto to = domain::parse_status(input.to);
    if (!to) return moved_as(MoveOutcome::Kind::unknown_status);
    if (!domain::is_valid_utf8(input.reason) || input.reason.size() > domain::max_reason_length)
        return moved_as(MoveOutcome::Kind::reason_too_long);
    const std::string reason = domain::is_blank(input.reason) ? std::string() : input.reason;

    store::WriteTransaction tx(context.session);
    store::NeedRepository needs(context.session);
    const auto need = needs.find(input.need_id);
    if (!need) return moved_as(MoveOutcome::Kind::moved_meanwhile);
    outcome.from = need->status;
    const auto from = need->status;
    const auto format = need->format;
    const auto refusal = domain::can_move(from, *to, input.who, !reason.empty());
    if (!refusal.empty()) {
        outcome.kind = MoveOutcome::Kind::refused;
        outcome.refusal = std::string(refusal);
        return outcome;
    }
    if (*to == domain::Status::ready) {
        // Ready means framed: the latest sheet must be complete; it becomes the project's content.
        const auto sheet = latest_sheet(needs, need->id);
        outcome.missing = domain::missing_for_ready(sheet, format, skill_slugs(context.skills));
        if (format == domain::Format::student_project && !sheet.semester.empty() &&
            semester_id(context.session, sheet.semester) == 0)
            outcome.missing.emplace_back("semester");
        if (!outcome.missing.empty()) {
            outcome.kind = MoveOutcome::Kind::framing_incomplete;
            return outcome;
        }
        needs.apply_framing(need->id, framed_project(context, *need, sheet, format));
    }
    const std::string to_name(domain::to_string(*to));
    if (!needs.move(need->id, need->status, *to, input.actor_id, reason, context.now))
        return moved_as(MoveOutcome::Kind::moved_meanwhile);
    if (*to == domain::Status::submitted) tell_staff_need_submitted(context, *need, input.actor_id);
    for (const auto& address : needs.member_emails(need->organisation_id))
        context.notifier.tell(context.session, {address, ""}, input.lang, "status_changed",
                              {{"title", need->title}, {"reason", reason}, {"organisation", need->organisation_name}},
                              {{"status", "status." + to_name}}, "/needs/" + std::to_string(need->id), context.now);
    tx.commit();
    return outcome;
}

}  // namespace latitudes::service
