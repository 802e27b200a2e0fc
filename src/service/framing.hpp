#pragma once
// Framing a need into a project, and moving it through the workflow: saving a revision of the
// sheet, commenting, and every status move (with the sheet copied onto the project when it
// becomes ready). Who may call each is the web layer's policy check (load_need); what the
// status allows is decided here, with domain::can_move and domain::check_framing, inside the
// write transaction.
#include "domain/framing.hpp"
#include "domain/workflow.hpp"
#include "service/service.hpp"

#include <string>
#include <vector>

namespace latitudes::service {

// The skill slugs of the taxonomy, as domain's framing checks want them.
std::set<std::string> skill_slugs(const std::vector<store::Skill>& skills);

struct FramingSave {
    long long need_id = 0;
    long long author_id = 0;
    domain::Format format = domain::Format::student_project;
    domain::FramingSheet sheet;
};
struct FramingSaveOutcome {
    enum class Kind { saved, unchanged, invalid, not_framing } kind = Kind::saved;
    int revision = 0;                   // saved: the new revision's number
    std::vector<std::string> problems;  // invalid: domain::check_framing's codes
};
// A new, complete revision of the sheet, unless it equals the latest one.
FramingSaveOutcome save_framing(const Context& context, const FramingSave& save);

inline constexpr std::size_t max_comment = 4000;  // bytes of UTF-8

struct CommentInput {
    long long need_id = 0;
    long long author_id = 0;
    std::string body;
    bool by_staff = false;  // the author speaks for staff (the policy's staff view), else for the beneficiary
};
struct CommentOutcome {
    enum class Kind { added, invalid } kind = Kind::added;
};
// A comment on the sheet by staff or the beneficiary: not blank, at most max_comment bytes. The
// other side (store::CommentNoticeRepository::other_side) is told in its next hourly digest.
CommentOutcome comment_framing(const Context& context, const CommentInput& input);

struct MoveInput {
    long long need_id = 0;
    std::string to;      // a domain::Status name
    std::string reason;  // required to decline or cancel; sent to the members
    long long actor_id = 0;
    domain::MoveContext who;               // the mover's standing (staff, role in the organisation)
    domain::Lang lang = domain::Lang::fr;  // the members' mail is in the mover's language
};
struct MoveOutcome {
    enum class Kind { moved, unknown_status, reason_too_long, refused, framing_incomplete, moved_meanwhile } kind = Kind::moved;
    domain::Status from = domain::Status::draft;  // the status found
    std::string refusal;                          // refused: a domain::move_refusal code
    std::vector<std::string> missing;             // framing_incomplete: domain::missing_for_ready's fields
};
// One status move, recorded with who, when and why; the organisation's members are told.
// Moving to "ready" needs a complete sheet, which becomes the project's content.
MoveOutcome move_need(const Context& context, const MoveInput& input);

}  // namespace latitudes::service
