#pragma once
// Logging in and out. Failed attempts are counted per account and address, per account and per
// address; an unknown address costs the same hashing time and gets the same answer as a wrong
// password, so nothing tells whether an account exists.
#include "service/service.hpp"

#include <chrono>
#include <string>

namespace latitudes::service {

// Failed log-ins allowed in a window. The tight limit is per account and address: one person
// guessing at one account. Per account (from any address) it stops a guess spread over many
// addresses. Per address it is much higher, because a whole school's class logs in from behind
// one address (NAT): one student mistyping, or someone hammering one account, must not lock the
// other forty out.
inline constexpr int max_failures_per_account_and_address = 5;
inline constexpr int max_failures_per_account = 20;
inline constexpr int max_failures_per_address = 200;
inline constexpr auto login_throttle_window = std::chrono::minutes(15);

struct LogIn {
    std::string email, password;
    std::string remote;            // the client's address
    std::string previous_session;  // the session id the browser had, revoked on success
};
struct LogInOutcome {
    enum class Kind { logged_in, missing, throttled, invalid, unconfirmed } kind = Kind::logged_in;
    std::string email;       // normalised (as typed back into the form)
    std::string session_id;  // logged_in: the new session's id
};
// A new session id at every log-in: an id planted before log-in is worthless after it. A hash
// made with older parameters is replaced (computed before the writer lock is taken).
LogInOutcome log_in(const Context& context, const LogIn& input);

void log_out(const Context& context, const std::string& session_id);

}  // namespace latitudes::service
