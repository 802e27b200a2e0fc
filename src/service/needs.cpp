#include "service/needs.hpp"

#include "domain/credentials.hpp"
#include "service/notices.hpp"
#include "store/activity.hpp"
#include "store/needs.hpp"

#include <algorithm>

namespace latitudes::service {

namespace {

store::NewNeed new_need(const domain::NeedInput& in, const domain::CheckedNeed& checked, long long organisation) {
    auto text = [&](const char* field) { return in.text.count(field) ? in.text.at(field) : std::string(); };
    return {organisation,
            in.title,
            in.summary,
            in.format,
            checked.sdgs,
            {text("problem"), text("beneficiaries"), text("existing"), text("data_tools"), text("hopes"), text("constraints"),
             in.contact_name, domain::normalise_email(in.contact_email)}};
}

// A draft becomes submitted (the move recorded and audited by the store) and staff are told, in
// the caller's transaction. False when the need is no longer a draft (nothing written).
bool submit(const Context& context, store::NeedRepository& needs, long long need_id, long long author_id) {
    if (!needs.move(need_id, domain::Status::draft, domain::Status::submitted, author_id, "", context.now)) return false;
    if (const auto need = needs.find(need_id)) tell_staff_need_submitted(context, *need, author_id);
    return true;
}

NeedOutcome invalid(const domain::CheckedNeed& checked) {
    NeedOutcome outcome;
    outcome.kind = NeedOutcome::Kind::invalid;
    outcome.problems = checked.problems;
    return outcome;
}

}  // namespace

NeedOutcome create_need(const Context& context, const NeedWrite& write) {
    NeedOutcome outcome;
    const auto checked = domain::check_need(write.input, write.submitting);
    if (!checked.ok()) return invalid(checked);
    store::WriteTransaction tx(context.session);
    store::NeedRepository needs(context.session);
    const auto recent = needs.created_by_since(write.author_id, context.now - std::chrono::hours(1));
    if (recent.count >= domain::max_new_needs_per_hour) {
        const auto wait = std::chrono::duration_cast<std::chrono::seconds>(*recent.first + std::chrono::hours(1) - context.now);
        outcome.kind = NeedOutcome::Kind::throttled;
        outcome.retry_after = std::max(wait, std::chrono::seconds(1));
        return outcome;
    }
    outcome.need_id = needs.create(new_need(write.input, checked, write.organisation_id), write.author_id, context.now);
    store::write_audit(context.session, write.author_id, "create_need", "need", outcome.need_id, "{}", context.now);
    store::record_activity(context.session,
                           {0, write.organisation_id, write.author_id, "need_created", write.input.title,
                            "/needs/" + std::to_string(outcome.need_id)},
                           context.now);
    if (write.submitting) submit(context, needs, outcome.need_id, write.author_id);
    tx.commit();
    return outcome;
}

NeedOutcome update_need(const Context& context, long long need_id, const NeedWrite& write) {
    NeedOutcome outcome;
    outcome.need_id = need_id;
    const auto checked = domain::check_need(write.input, write.submitting);
    if (!checked.ok()) return invalid(checked);
    store::WriteTransaction tx(context.session);
    store::NeedRepository needs(context.session);
    const auto current = needs.find(need_id);
    if (!current || current->status != domain::Status::draft) {
        outcome.kind = NeedOutcome::Kind::not_draft;
        return outcome;
    }
    needs.update(need_id, new_need(write.input, checked, write.organisation_id), context.now);
    if (write.submitting && !submit(context, needs, need_id, write.author_id)) {
        outcome.kind = NeedOutcome::Kind::moved_meanwhile;
        return outcome;
    }
    tx.commit();
    return outcome;
}

}  // namespace latitudes::service
