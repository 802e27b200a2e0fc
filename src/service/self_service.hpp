#pragma once
// A person's own account, from "Mon espace": a change of e-mail (the new address gets a link;
// the change happens when it is opened, so nobody can move an account to an address they do
// not read), personal API tokens, and deletion. The password is in passwords.hpp.
#include "domain/i18n.hpp"
#include "service/service.hpp"

#include <string>

namespace latitudes::service {

inline constexpr long long max_live_tokens = 10;
inline constexpr std::size_t max_token_name = 60;

struct EmailChange {
    long long person_id = 0;
    std::string current_password;
    std::string new_email;  // as typed
    domain::Lang lang = domain::Lang::fr;
};
struct EmailChangeOutcome {
    enum class Kind { sent, wrong_password, invalid_email, same_email } kind = Kind::sent;
    std::string email;  // normalised
};
// The new address gets a link, unless it already has an account (and the answer does not tell).
EmailChangeOutcome request_email_change(const Context& context, const EmailChange& input);

struct EmailConfirmOutcome {
    enum class Kind { changed, invalid_link, taken } kind = Kind::changed;
    long long person_id = 0;
};
// Spends the link; an address taken in the meantime leaves the old one in place.
EmailConfirmOutcome confirm_email_change(const Context& context, const std::string& token);

struct TokenOutcome {
    enum class Kind { created, invalid_name, too_many } kind = Kind::created;
    std::string value;  // created: shown once
};
TokenOutcome create_api_token(const Context& context, long long person_id, const std::string& name);
// Someone else's token answers like an unknown one: false.
bool revoke_api_token(const Context& context, long long person_id, long long token_id);

// Erases the account once the password is given again; false when it is wrong.
bool delete_account(const Context& context, long long person_id, const std::string& password);

}  // namespace latitudes::service
