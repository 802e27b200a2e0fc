#pragma once
// The campaign mails of the jobs (src/jobs/campaigns.cpp): the campaigns whose window is open and
// that are due an "open" mail or a reminder, whom to tell, and the marks that say the mails went
// out (opened_mail_at, reminded_3d_at, reminded_1d_at of migration 0010). Every method works on
// the caller's session: the job marks a campaign in the transaction that queues its mails.
#include "domain/campaign.hpp"
#include "store/applications.hpp"

#include <string>
#include <vector>

namespace latitudes::store {

struct CampaignMailing {
    long long id = 0;
    std::string title, school_name, opens_at, closes_at;
    int choices = 5, min_choices = 1;
    domain::CampaignMailsSent sent;
};

class CampaignMailRepository {
public:
    explicit CampaignMailRepository(soci::session& session) : s_(session) {}

    // Campaigns whose window is open at `now` and that are due one of their mails (as
    // domain::campaign_mail_due says), the first to close first.
    std::vector<CampaignMailing> due(Clock::time_point now, int limit);
    // The students to tell: active students of its cohorts with an active account and an
    // address; with `unranked_only`, only those who saved no ranking.
    std::vector<Recipient> recipients(long long campaign_id, bool unranked_only);

    // Conditional UPDATEs: false when the mark was already there (another run sent the mails).
    bool mark_opened(long long campaign_id, Clock::time_point now);
    bool mark_reminded_3d(long long campaign_id, Clock::time_point now);  // also false once the 1-day one went out
    bool mark_reminded_1d(long long campaign_id, Clock::time_point now);  // marks the 3-day one too

private:
    soci::session& s_;
};

}  // namespace latitudes::store
