#pragma once
// A beneficiary's need, from its first draft to its submission to staff. Who may write in which
// organisation is the web layer's policy check; what a need must hold is domain::check_need's.
#include "domain/framing.hpp"
#include "service/service.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace latitudes::service {

struct NeedWrite {
    domain::NeedInput input;
    bool submitting = false;        // submit now (the checks of a submission apply)
    long long organisation_id = 0;  // checked by the caller: a verified organisation of the author's
    long long author_id = 0;
};

struct NeedOutcome {
    enum class Kind { saved, invalid, throttled, not_draft, moved_meanwhile } kind = Kind::saved;
    long long need_id = 0;
    std::vector<std::string> problems;    // invalid: domain::check_need's problem codes
    std::chrono::seconds retry_after{0};  // throttled: until the author may create another need
};

// A new need, as a draft or submitted at once (form and API alike), in one transaction; at most
// domain::max_new_needs_per_hour per author, counted inside it so that two requests at once
// cannot both pass the limit.
NeedOutcome create_need(const Context& context, const NeedWrite& write);

// Rewrites a draft (and submits it when asked). `need_id`'s organisation is write.organisation_id.
NeedOutcome update_need(const Context& context, long long need_id, const NeedWrite& write);

}  // namespace latitudes::service
