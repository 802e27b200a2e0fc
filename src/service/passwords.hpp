#pragma once
// Passwords: "Mot de passe oublié" (a single-use link valid one hour, sent by e-mail, the same
// answer whether or not the address has an account), setting a new one through that link, and
// changing one's own. A new password logs out every other session.
#include "domain/credentials.hpp"
#include "domain/i18n.hpp"
#include "service/service.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace latitudes::service {

inline constexpr int max_reset_requests_per_address = 10;  // per quarter of an hour
inline constexpr int max_reset_mails_per_account = 3;      // per quarter of an hour
inline constexpr auto reset_request_window = std::chrono::minutes(15);

struct ResetRequest {
    std::string email;                     // as typed
    std::string remote;                    // the client's address
    domain::Lang lang = domain::Lang::fr;  // of the page: the mail is written in it
};
struct ResetRequestOutcome {
    enum class Kind { sent, invalid_email, throttled } kind = Kind::sent;
    std::string email;  // normalised
};
// `sent` whether or not the address has an account; only an active account gets a mail (the
// newest link only), at most max_reset_mails_per_account in the window.
ResetRequestOutcome request_password_reset(const Context& context, const ResetRequest& input);

struct NewPasswordOutcome {
    enum class Kind { changed, invalid_link, weak, wrong_password } kind = Kind::changed;
    std::vector<domain::PasswordProblem> problems;  // weak
    std::string email, display_name;                // weak: the account's (for the messages)
};
// Through the link: checked and hashed before the write transaction; the link is spent only by
// a good password, so a rejected one can be tried again with the same link. The address is
// confirmed (the link proved it) and every session ends.
NewPasswordOutcome reset_password(const Context& context, const std::string& token, const std::string& password);

// One's own, knowing the current one; every other session ends, `keep_session` stays.
NewPasswordOutcome change_password(const Context& context, long long person_id, const std::string& current,
                                   const std::string& password, const std::string& keep_session);

}  // namespace latitudes::service
