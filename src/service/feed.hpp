#pragma once
// The personal feed's two writes: what Mon espace has shown (entries after it are "new since
// your last visit") and the opt-in daily digest (src/jobs/feed_digests.cpp sends it).
#include "service/service.hpp"

#include <string>

namespace latitudes::service {

// Mon espace showed the feed's first page, whose newest entry is at `newest` (an instant): one
// upsert that never moves the mark back. The newest entry shown rather than the clock, so that an
// entry recorded while the page was rendered stays new. False when nothing changed.
bool mark_feed_seen(const Context& context, long long person_id, const std::string& newest);

// The digest on (from now on: what happened before is on Mon espace) or off.
void set_feed_digest(const Context& context, long long person_id, bool on);

}  // namespace latitudes::service
