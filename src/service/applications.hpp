#pragma once
// Applications to opportunities: applying (with a message and the parts of one's profile one
// chooses to share), the owner's decision, withdrawing. Who may call each is the web layer's
// policy check (Site and authorise_in_organisation); what the state allows is decided here, with
// domain::can_apply / can_decide, inside the write transaction.
#include "domain/opportunity.hpp"
#include "service/service.hpp"
#include "store/applications.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <string_view>

namespace latitudes::service {

inline constexpr std::array<std::string_view, 4> share_parts{"skills", "causes", "availability", "school"};

// Which parts of their profile an applicant shares.
struct Shares {
    bool skills = false, causes = false, availability = false, school = false;
    bool& operator[](std::string_view part);
};

// The parts of the person's profile they chose to share, as stored in applications.shared (a JSON
// object; empty parts are left out). Also the preview of the apply form.
nlohmann::json profile_snapshot(soci::session& session, const std::vector<store::Skill>& skills, long long person_id,
                                Shares shares);

// A project open to applications: the details, places taken and what domain::can_apply says
// for `person_id` (0: anyone) at `now`. The same reading the write uses.
struct OpportunityState {
    domain::Format format = domain::Format::student_project;
    domain::OpportunityDetails details;
    long long accepted = 0;
    std::optional<store::ApplicationRecord> earlier;  // the person's own application
    std::string refusal;                              // "" when they may apply
};
OpportunityState opportunity_state(soci::session& session, const store::OpportunityTarget& target, long long person_id,
                                   Clock::time_point now);

// True for the statuses a project is visible to everyone in (applications are taken only there).
bool is_public_status(const std::string& status);

struct ApplyInput {
    std::string slug;
    long long person_id = 0;
    std::string person_name;
    std::string message;
    Shares shares;
};
struct ApplyOutcome {
    enum class Kind { applied, not_found, refused, invalid } kind = Kind::not_found;
    long long application_id = 0;
    std::string refusal;                             // refused: a domain::apply_refusal code
    TextProblem problem = TextProblem::none;         // invalid: what is wrong with the message
    std::optional<store::OpportunityTarget> target;  // found: the project applied to
};
// The organisation's members are told. Nothing is written unless applied.
ApplyOutcome apply(const Context& context, const ApplyInput& input);

struct DecideInput {
    long long application_id = 0;
    std::string decision;    // accepted | declined | call_requested
    std::string message;     // required to decline or ask for a call
    long long actor_id = 0;  // who decides (the organisation's feed says so); 0: the platform
};
struct DecideOutcome {
    enum class Kind { decided, not_found, bad_decision, invalid, not_awaiting, full } kind = Kind::not_found;
    TextProblem problem = TextProblem::none;
};
// The applicant is told. The caller has checked that the visitor may review the project's
// applications (the application's project is found with store::ApplicationRepository).
DecideOutcome decide(const Context& context, const DecideInput& input);

struct WithdrawOutcome {
    enum class Kind { withdrawn, not_found, not_awaiting } kind = Kind::not_found;
};
// `person_id`'s own application only (someone else's is not found); the organisation is told.
WithdrawOutcome withdraw(const Context& context, long long application_id, long long person_id);

}  // namespace latitudes::service
