#pragma once
// The personal feed on Mon espace (templates/_me_feed.mustache): what me_page adds to its data,
// and the mark it leaves once the page is rendered.
#include "web/site.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace latitudes::web::handlers {

struct FeedOnPage {
    nlohmann::json view;
    std::string shown_up_to;  // the newest entry of a first page shown, when it is new: to mark
};

// The page's entries (?feed_before=CURSOR for older ones, with ?feed_seen= carrying the visit's
// mark so that page 2 tells new from old as page 1 did) and the digest setting.
FeedOnPage feed_on_me(Site& site, const Request& request, soci::session& session, domain::Lang lang);
// After rendering: the first page's newest entry is now seen (one conditional upsert).
void feed_shown(Site& site, soci::session& session, long long person_id, const FeedOnPage& feed);

}  // namespace latitudes::web::handlers
