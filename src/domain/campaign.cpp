#include "domain/campaign.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"

#include <algorithm>
#include <charconv>

namespace latitudes::domain {

namespace {

// A whole number in [min, max], or nullopt.
std::optional<int> whole(std::string_view text, int min, int max) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) return std::nullopt;
    return value;
}

bool digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return !text.empty();
}

}  // namespace

std::string_view to_string(CampaignState state) {
    switch (state) {
        case CampaignState::scheduled: return "scheduled";
        case CampaignState::open: return "open";
        case CampaignState::closed: return "closed";
        case CampaignState::published: return "published";
    }
    return "closed";
}

CampaignState campaign_state(std::string_view now_iso, std::string_view opens_at, std::string_view closes_at, bool published) {
    if (published) return CampaignState::published;
    // ISO instants in UTC ("2027-01-15T18:00:00Z") compare as text.
    if (now_iso < opens_at) return CampaignState::scheduled;
    if (now_iso < closes_at) return CampaignState::open;
    return CampaignState::closed;
}

CampaignMail campaign_mail_due(CampaignClock::time_point now, CampaignClock::time_point opens, CampaignClock::time_point closes,
                               const CampaignMailsSent& sent) {
    if (now < opens || now >= closes) return CampaignMail::none;
    if (!sent.opened) return CampaignMail::opened;
    if (sent.reminded_1d) return CampaignMail::none;
    if (now >= closes - campaign_reminder_1d) return CampaignMail::reminder_1d;  // also stands for the 3-day one
    if (now >= closes - campaign_reminder_3d && !sent.reminded_3d) return CampaignMail::reminder_3d;
    return CampaignMail::none;
}

CampaignMailsSent campaign_mails_after(CampaignMail mail, CampaignClock::time_point now, CampaignClock::time_point closes,
                                       CampaignMailsSent sent) {
    switch (mail) {
        case CampaignMail::none: break;
        case CampaignMail::opened:
            sent.opened = true;
            sent.reminded_3d = sent.reminded_3d || now >= closes - campaign_reminder_3d;
            sent.reminded_1d = sent.reminded_1d || now >= closes - campaign_reminder_1d;
            break;
        case CampaignMail::reminder_3d: sent.reminded_3d = true; break;
        case CampaignMail::reminder_1d: sent.reminded_3d = sent.reminded_1d = true; break;
    }
    return sent;
}

std::optional<std::string> parse_instant(std::string_view text) {
    // YYYY-MM-DDTHH:MM, optionally :SS, optionally Z.
    if (text.size() < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
        return std::nullopt;
    std::string_view rest = text.substr(16);
    std::string seconds = "00";
    if (!rest.empty() && rest.front() == ':') {
        if (rest.size() < 3 || !digits(rest.substr(1, 2))) return std::nullopt;
        seconds = std::string(rest.substr(1, 2));
        rest.remove_prefix(3);
    }
    if (rest == "Z") rest = {};
    if (!rest.empty()) return std::nullopt;
    const auto year = whole(text.substr(0, 4), 2000, 2999), month = whole(text.substr(5, 2), 1, 12),
               day = whole(text.substr(8, 2), 1, 31), hour = whole(text.substr(11, 2), 0, 23),
               minute = whole(text.substr(14, 2), 0, 59), second = whole(seconds, 0, 59);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    if (*day > days_in[*month - 1] || (*month == 2 && *day == 29 && !leap)) return std::nullopt;
    return std::string(text.substr(0, 10)) + "T" + std::string(text.substr(11, 5)) + ":" + seconds + "Z";
}

std::vector<std::string> check_campaign(const CampaignInput& input) {
    std::vector<std::string> problems;
    if (!is_valid_utf8(input.title) || is_blank(input.title) || characters(input.title) > max_campaign_title)
        problems.emplace_back("title");
    const auto opens = parse_instant(input.opens_at), closes = parse_instant(input.closes_at);
    if (!opens) problems.emplace_back("opens_at");
    if (!closes) problems.emplace_back("closes_at");
    if (opens && closes && *closes <= *opens) problems.emplace_back("window");
    const auto choices = whole(input.choices, 1, max_campaign_choices);
    if (!choices) problems.emplace_back("choices");
    const auto min_choices = whole(input.min_choices, 1, max_campaign_choices);
    if (!min_choices || (choices && *min_choices > *choices)) problems.emplace_back("min_choices");
    if (input.cohort_ids.empty()) problems.emplace_back("cohorts");
    if (input.projects.empty()) problems.emplace_back("projects");
    std::set<std::string> seen;
    for (const auto& p : input.projects) {
        if (!seen.insert(p.slug).second) {
            problems.push_back("duplicate_project:" + p.slug);
            continue;
        }
        const auto min = whole(p.team_min, 1, max_team_size), max = whole(p.team_max, 1, max_team_size);
        if ((!p.team_min.empty() && !min) || (!p.team_max.empty() && !max) || (min && max && *max < *min))
            problems.push_back("team_size:" + p.slug);
        if (!p.supervisor_limit.empty() && !whole(p.supervisor_limit, 1, 10000)) problems.push_back("supervisor_limit:" + p.slug);
        if (!p.supervisor_email.empty() && !is_valid_email(normalise_email(p.supervisor_email)))
            problems.push_back("supervisor:" + p.slug);
    }
    // Fewer projects than a student must rank: nobody could send a valid ranking.
    if (min_choices && !input.projects.empty() && static_cast<std::size_t>(*min_choices) > input.projects.size() &&
        std::find(problems.begin(), problems.end(), "min_choices") == problems.end())
        problems.emplace_back("min_choices");
    return problems;
}

std::string_view check_ranking(const std::vector<std::string>& ranking, const std::set<std::string>& offered, int min_choices,
                               int max_choices, CampaignState state) {
    if (state != CampaignState::open) return ranking_refusal::not_open;
    std::set<std::string> seen;
    for (const auto& slug : ranking) {
        if (!offered.count(slug)) return ranking_refusal::unknown_project;
        if (!seen.insert(slug).second) return ranking_refusal::duplicate;
    }
    if (static_cast<int>(ranking.size()) > max_choices) return ranking_refusal::too_many;
    if (static_cast<int>(ranking.size()) < min_choices) return ranking_refusal::too_few;
    return ranking_refusal::none;
}

}  // namespace latitudes::domain
