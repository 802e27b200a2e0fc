#include "store/campaign_mails.hpp"

#include "store/query.hpp"

namespace latitudes::store {

std::vector<CampaignMailing> CampaignMailRepository::due(Clock::time_point now, int limit) {
    // Instants are ISO text and compare as such; domain::campaign_mail_due has the last word.
    std::vector<CampaignMailing> list;
    Query("SELECT c.id, c.title, o.name, c.opens_at, c.closes_at, c.choices, c.min_choices, "
          "CASE WHEN c.opened_mail_at IS NULL THEN 0 ELSE 1 END, CASE WHEN c.reminded_3d_at IS NULL THEN 0 ELSE 1 END, "
          "CASE WHEN c.reminded_1d_at IS NULL THEN 0 ELSE 1 END "
          "FROM campaigns c JOIN organisations o ON o.id = c.school_id "
          "WHERE c.opens_at <= :now AND c.closes_at > :now AND c.published_run_id IS NULL AND (c.opened_mail_at IS NULL "
          "OR (c.reminded_1d_at IS NULL AND (c.closes_at <= :in_1d OR (c.reminded_3d_at IS NULL AND c.closes_at <= :in_3d)))) "
          "ORDER BY c.closes_at, c.id LIMIT :limit")
        .bind("now", iso_utc(now))
        .bind("in_1d", iso_utc(now + domain::campaign_reminder_1d))
        .bind("in_3d", iso_utc(now + domain::campaign_reminder_3d))
        .bind("limit", static_cast<long long>(limit))
        .for_each(s_, [&](const soci::row& r) {
            CampaignMailing c;
            c.id = column_int(r, 0);
            c.title = column_text(r, 1);
            c.school_name = column_text(r, 2);
            c.opens_at = column_text(r, 3);
            c.closes_at = column_text(r, 4);
            c.choices = static_cast<int>(column_int(r, 5));
            c.min_choices = static_cast<int>(column_int(r, 6));
            c.sent = {column_int(r, 7) == 1, column_int(r, 8) == 1, column_int(r, 9) == 1};
            list.push_back(std::move(c));
        });
    std::erase_if(list, [&](const CampaignMailing& c) {
        return domain::campaign_mail_due(now, parse_iso_utc(c.opens_at), parse_iso_utc(c.closes_at), c.sent) ==
               domain::CampaignMail::none;
    });
    return list;
}

std::vector<Recipient> CampaignMailRepository::recipients(long long campaign_id, bool unranked_only) {
    std::vector<Recipient> list;
    Query(std::string("SELECT DISTINCT pe.id, pe.email, pe.display_name FROM campaign_cohorts cc "
                      "JOIN cohort_students cs ON cs.cohort_id = cc.cohort_id AND cs.removed_at IS NULL "
                      "JOIN people pe ON pe.id = cs.person_id JOIN accounts ac ON ac.person_id = pe.id "
                      "WHERE cc.campaign_id = :campaign AND ac.active = 1 AND pe.email IS NOT NULL ") +
          (unranked_only ? "AND NOT EXISTS (SELECT 1 FROM rankings r WHERE r.campaign_id = cc.campaign_id "
                           "AND r.person_id = pe.id) "
                         : "") +
          "ORDER BY pe.id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

bool CampaignMailRepository::mark_opened(long long campaign_id, Clock::time_point now) {
    return Query("UPDATE campaigns SET opened_mail_at = :at WHERE id = :id AND opened_mail_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", campaign_id)
               .execute(s_) == 1;
}

bool CampaignMailRepository::mark_reminded_3d(long long campaign_id, Clock::time_point now) {
    return Query("UPDATE campaigns SET reminded_3d_at = :at WHERE id = :id AND reminded_3d_at IS NULL AND reminded_1d_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", campaign_id)
               .execute(s_) == 1;
}

bool CampaignMailRepository::mark_reminded_1d(long long campaign_id, Clock::time_point now) {
    return Query("UPDATE campaigns SET reminded_1d_at = :at, reminded_3d_at = COALESCE(reminded_3d_at, :also) "
                 "WHERE id = :id AND reminded_1d_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("also", iso_utc(now))
               .bind("id", campaign_id)
               .execute(s_) == 1;
}

}  // namespace latitudes::store
