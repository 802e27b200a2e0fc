#pragma once
// The life of a project, enforced here and nowhere else: which status may follow which,
// and who may make each move. Pages and the API ask can_move(); an illegal move is refused with a
// reason code that the web layer turns into a message, and nothing changes.
//
//   draft → submitted → framing → ready → published → in_progress → delivered → evaluated
//   declined / cancelled from any open state (draft … in_progress), with a reason that is sent to
//   the beneficiary by e-mail.
//
// Who: the beneficiary organisation's members write and submit their need and may cancel it
// while it is theirs (draft, submitted); Latitudes staff frame, decline and evaluate; publishing
// needs a ready project and either staff or an admin of the (verified) beneficiary organisation;
// the organisation's admins and staff follow the project through its delivery.
#include "domain/policy.hpp"
#include "domain/project.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// Who may make a move. Several may be set: any one is enough.
struct Movers {
    bool member = false;  // any member of the beneficiary organisation (admins included)
    bool admin = false;   // an admin of the beneficiary organisation
    bool staff = false;   // Latitudes staff
};

struct Transition {
    Status from, to;
    Movers movers;
    bool reason_required = false;        // declined and cancelled: the beneficiary is told why
    bool verified_organisation = false;  // the organisation must be verified (publishing)
};

// Every allowed move, one row each (tests walk them all).
std::span<const Transition> transitions();

// Open states can still be declined or cancelled; closed ones are final.
bool is_open(Status status);

// The mover, as the web layer loaded them.
struct MoveContext {
    bool staff = false;
    MemberRole role_in_beneficiary = MemberRole::none;
    bool beneficiary_verified = false;
};

namespace move_refusal {
inline constexpr std::string_view none = "";
inline constexpr std::string_view illegal = "illegal_transition";       // no such move from here
inline constexpr std::string_view not_allowed = "not_allowed_for_you";  // the move exists, not for this person
inline constexpr std::string_view reason_required = "reason_required";
inline constexpr std::string_view not_verified = "organisation_not_verified";
}  // namespace move_refusal

// Empty when the move is allowed; else one of move_refusal (checked in that order: illegal,
// not allowed, not verified, reason required).
std::string_view can_move(Status from, Status to, const MoveContext& who, bool has_reason);

// The statuses this person may move the project to (for the buttons), in workflow order.
std::vector<Status> moves_for(Status from, const MoveContext& who);

// The maximum length of a reason, in bytes of UTF-8.
inline constexpr std::size_t max_reason_length = 2000;

}  // namespace latitudes::domain
