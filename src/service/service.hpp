#pragma once
// The service room: one function per state-changing use case. Each takes a typed input and a
// Context (the caller's leased session, the clock, the notifier), decides with domain, writes
// through store in one WriteTransaction, queues its mails in that transaction, and returns a
// typed outcome. The HTML and the JSON handlers of the same action are thin adapters over the
// same call: they parse, call, and present the outcome (docs/ARCHITECTURE.md, "Services").
#include "mail/notifier.hpp"
#include "store/database.hpp"
#include "store/projects.hpp"

#include <vector>

namespace latitudes::service {

using Clock = store::Clock;

struct Context {
    soci::session& session;  // leased by the caller; the service opens its own transaction
    Clock::time_point now;
    const mail::Notifier& notifier;           // queues mails on `session`
    const std::vector<store::Skill>& skills;  // the taxonomy (ids and slugs), loaded once per site
};

// What a text field's check found.
enum class TextProblem { none, encoding, missing, too_long };

// UTF-8, not blank when `required`, at most `max_characters` characters.
TextProblem check_text(const std::string& text, bool required, std::size_t max_characters);

}  // namespace latitudes::service
