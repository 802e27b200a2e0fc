#pragma once
// Accounts: signing up (the confirmation link by e-mail) and confirming the address. Nothing
// tells whether an address already had an account: the answer and the time taken are the same.
#include "domain/credentials.hpp"
#include "domain/i18n.hpp"
#include "service/service.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::service {

// Roles a person may choose for themself; staff is granted by staff or the CLI only.
inline constexpr std::array<std::string_view, 6> self_service_roles{"student",     "professional", "beneficiary",
                                                                    "coordinator", "company",      "researcher"};
inline constexpr std::size_t max_display_name = 100;  // characters

// The version of the terms and privacy notice (/privacy) that sign-up asks consent to; change it
// when the notice changes, so that each account records what it agreed to.
inline constexpr const char* terms_version = "2026-12-02";

struct SignUp {
    std::string email, display_name, role, password;
    bool consented = false;                // the terms and privacy notice box was ticked
    domain::Lang lang = domain::Lang::fr;  // of the page: the confirmation mail is written in it
};
struct SignUpOutcome {
    enum class Kind { sent, broken_text, invalid } kind = Kind::sent;
    // invalid: "email", "name_missing" or "name" (too long), "role", "consent" (in this order)
    std::vector<std::string> problems;
    std::vector<domain::PasswordProblem> password;  // invalid: what is wrong with the password
    std::string email;                              // normalised
};
// `sent` whether or not the address was taken; only a new address gets an account and a mail.
SignUpOutcome sign_up(const Context& context, const SignUp& input);

// Uses the single-use link; false when it is unknown, used or expired.
bool confirm_email(const Context& context, const std::string& token);

}  // namespace latitudes::service
