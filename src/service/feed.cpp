#include "service/feed.hpp"

#include "domain/feed.hpp"
#include "store/feed.hpp"

namespace latitudes::service {

bool mark_feed_seen(const Context& context, long long person_id, const std::string& newest) {
    if (!domain::is_instant(newest)) return false;
    store::WriteTransaction tx(context.session);
    const bool changed = store::FeedRepository(context.session).mark_seen(person_id, newest);
    tx.commit();
    return changed;
}

void set_feed_digest(const Context& context, long long person_id, bool on) {
    store::WriteTransaction tx(context.session);
    store::FeedRepository(context.session).set_digest(person_id, on, context.now);
    store::write_audit(context.session, person_id, on ? "feed_digest_on" : "feed_digest_off", "person", person_id, "{}",
                       context.now);
    tx.commit();
}

}  // namespace latitudes::service
