// Opportunities: the details each format asks for, and the life of an application.
#include "domain/opportunity.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace latitudes::domain;
using namespace std::chrono_literals;

namespace {

DetailsInput valid_input(Format format) {
    DetailsInput in;
    in.place = "Lyon";
    switch (format) {
        case Format::internship:
            in.hours_per_week = "35";
            in.compensation = "700";
            break;
        case Format::shared_job: in.partner = "Groupe Atlas"; break;
        case Format::friday_volunteering:
            in.partner = "Groupe Atlas";
            in.frequency = "weekly";
            break;
        case Format::mentoring: in.sessions = "8"; break;
        case Format::venture_support: in.seeking = "cofounder"; break;
        case Format::research_topic: break;
        case Format::student_project: break;
    }
    return in;
}

bool has(const CheckedDetails& checked, DetailProblem problem) {
    return std::find(checked.problems.begin(), checked.problems.end(), problem) != checked.problems.end();
}

const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + 10h;

}  // namespace

// ---- Details ----------------------------------------------------------------------------------

TEST(OpportunityDetails, EachFormatAsksForItsOwnFields) {
    const auto project = detail_fields(Format::student_project);
    EXPECT_FALSE(project.applications);
    EXPECT_FALSE(project.place);
    EXPECT_FALSE(project.hours_per_week || project.compensation || project.partner || project.frequency || project.sessions ||
                 project.seeking);

    const auto internship = detail_fields(Format::internship);
    EXPECT_TRUE(internship.applications && internship.place && internship.hours_per_week && internship.compensation);
    EXPECT_FALSE(internship.partner || internship.frequency || internship.sessions || internship.seeking);

    const auto shared = detail_fields(Format::shared_job);
    EXPECT_TRUE(shared.applications && shared.place && shared.partner);
    EXPECT_FALSE(shared.compensation || shared.frequency || shared.sessions || shared.seeking || shared.hours_per_week);

    const auto friday = detail_fields(Format::friday_volunteering);
    EXPECT_TRUE(friday.partner && friday.frequency && friday.place);
    EXPECT_FALSE(friday.compensation || friday.sessions || friday.seeking);

    const auto mentoring = detail_fields(Format::mentoring);
    EXPECT_TRUE(mentoring.sessions && mentoring.place);
    EXPECT_FALSE(mentoring.partner || mentoring.compensation || mentoring.frequency || mentoring.seeking);

    const auto venture = detail_fields(Format::venture_support);
    EXPECT_TRUE(venture.seeking && venture.hours_per_week && venture.place);
    EXPECT_FALSE(venture.partner || venture.compensation || venture.sessions || venture.frequency);

    const auto research = detail_fields(Format::research_topic);
    EXPECT_TRUE(research.partner && research.place);
    EXPECT_FALSE(research.compensation || research.sessions || research.frequency || research.seeking);

    for (auto format : all_formats) EXPECT_EQ(detail_fields(format).applications, format != Format::student_project);
}

TEST(OpportunityDetails, AValidInputOfEveryFormatPasses) {
    for (auto format : all_formats) {
        const auto checked = check_details(format, valid_input(format));
        EXPECT_TRUE(checked.ok()) << to_string(format) << ": " << (checked.ok() ? "" : to_string(checked.problems.front()));
    }
    const auto internship = check_details(Format::internship, valid_input(Format::internship)).details;
    EXPECT_EQ(internship.place, "Lyon");
    EXPECT_FALSE(internship.remote);
    EXPECT_EQ(internship.hours_per_week, 35);
    EXPECT_EQ(internship.compensation, 700);
    EXPECT_EQ(internship.capacity, 1) << "one place unless told";
    EXPECT_EQ(internship.deadline, "");
    const auto friday = check_details(Format::friday_volunteering, valid_input(Format::friday_volunteering)).details;
    EXPECT_EQ(friday.partner, "Groupe Atlas");
    EXPECT_EQ(friday.frequency, "weekly");
    EXPECT_EQ(check_details(Format::mentoring, valid_input(Format::mentoring)).details.sessions, 8);
    EXPECT_EQ(check_details(Format::venture_support, valid_input(Format::venture_support)).details.seeking, "cofounder");
}

TEST(OpportunityDetails, SemesterProjectsHaveNoneAndIgnoreEverything) {
    DetailsInput in;
    in.compensation = "nonsense";
    in.capacity = "0";
    in.deadline = "tomorrow";
    const auto checked = check_details(Format::student_project, in);
    EXPECT_TRUE(checked.ok());
    EXPECT_EQ(checked.details.capacity, 1);
    EXPECT_EQ(checked.details.compensation, 0);
    EXPECT_TRUE(checked.details.place.empty());
}

TEST(OpportunityDetails, SomewhereOrRemote) {
    auto in = valid_input(Format::mentoring);
    in.place = "";
    EXPECT_TRUE(has(check_details(Format::mentoring, in), DetailProblem::place));
    in.place = "  \t";
    EXPECT_TRUE(has(check_details(Format::mentoring, in), DetailProblem::place)) << "blanks are no place";
    for (const char* yes : {"1", "on", "true"}) {
        in.remote = yes;
        const auto checked = check_details(Format::mentoring, in);
        EXPECT_TRUE(checked.ok()) << yes;
        EXPECT_TRUE(checked.details.remote);
        EXPECT_EQ(checked.details.place, "") << "blank place cleared";
    }
    in.remote = "0";
    EXPECT_TRUE(has(check_details(Format::mentoring, in), DetailProblem::place));
    in.remote = "";
    in.place = "Bordeaux";
    in.remote = "on";
    const auto both = check_details(Format::mentoring, in);
    EXPECT_TRUE(both.ok());
    EXPECT_EQ(both.details.place, "Bordeaux");
    EXPECT_TRUE(both.details.remote);
    // At most 120 characters, not bytes.
    in.place = std::string(120, 'x');
    EXPECT_TRUE(check_details(Format::mentoring, in).ok());
    in.place.clear();
    for (int i = 0; i < 120; ++i) in.place += "é";
    EXPECT_TRUE(check_details(Format::mentoring, in).ok()) << "120 accented letters are 240 bytes";
    in.place += "é";
    EXPECT_TRUE(has(check_details(Format::mentoring, in), DetailProblem::place));
}

TEST(OpportunityDetails, InternshipsPayAtLeastTheLegalGratification) {
    auto in = valid_input(Format::internship);
    in.compensation = "";
    EXPECT_TRUE(has(check_details(Format::internship, in), DetailProblem::compensation)) << "required";
    in.compensation = std::to_string(min_internship_gratification - 1);
    EXPECT_TRUE(has(check_details(Format::internship, in), DetailProblem::compensation));
    in.compensation = std::to_string(min_internship_gratification);
    EXPECT_TRUE(check_details(Format::internship, in).ok());
    for (const char* bad : {"20001", "abc", "700€", " 700", "-700", "7e2", "1234567890"}) {
        in.compensation = bad;
        EXPECT_TRUE(has(check_details(Format::internship, in), DetailProblem::compensation)) << bad;
    }
    // Other formats ignore a compensation.
    auto mentoring = valid_input(Format::mentoring);
    mentoring.compensation = "abc";
    const auto checked = check_details(Format::mentoring, mentoring);
    EXPECT_TRUE(checked.ok());
    EXPECT_EQ(checked.details.compensation, 0);
}

TEST(OpportunityDetails, HoursPerWeekAreOptionalButBounded) {
    auto in = valid_input(Format::internship);
    in.hours_per_week = "";
    auto checked = check_details(Format::internship, in);
    EXPECT_TRUE(checked.ok());
    EXPECT_EQ(checked.details.hours_per_week, 0);
    for (const char* bad : {"0", "61", "x", "3.5"}) {
        in.hours_per_week = bad;
        EXPECT_TRUE(has(check_details(Format::internship, in), DetailProblem::hours_per_week)) << bad;
    }
    in.hours_per_week = "60";
    EXPECT_TRUE(check_details(Format::internship, in).ok());
    auto venture = valid_input(Format::venture_support);
    venture.hours_per_week = "4";
    EXPECT_EQ(check_details(Format::venture_support, venture).details.hours_per_week, 4);
    auto shared = valid_input(Format::shared_job);
    shared.hours_per_week = "nope";
    EXPECT_TRUE(check_details(Format::shared_job, shared).ok()) << "not a shared job's field";
}

TEST(OpportunityDetails, PartnerCompaniesAreRequiredWhereTheFormatHasOne) {
    for (auto format : {Format::shared_job, Format::friday_volunteering}) {
        auto in = valid_input(format);
        in.partner = " ";
        EXPECT_TRUE(has(check_details(format, in), DetailProblem::partner)) << to_string(format);
        in.partner = std::string(201, 'p');
        EXPECT_TRUE(has(check_details(format, in), DetailProblem::partner)) << to_string(format);
    }
    auto research = valid_input(Format::research_topic);
    EXPECT_TRUE(check_details(Format::research_topic, research).ok()) << "a chair's partners are optional";
    research.partner = std::string(201, 'p');
    EXPECT_TRUE(has(check_details(Format::research_topic, research), DetailProblem::partner));
}

TEST(OpportunityDetails, FrequencySessionsAndSeekingComeFromFixedLists) {
    auto friday = valid_input(Format::friday_volunteering);
    friday.frequency = "monthly";
    EXPECT_TRUE(check_details(Format::friday_volunteering, friday).ok());
    for (const char* bad : {"", "daily", "Weekly"}) {
        friday.frequency = bad;
        EXPECT_TRUE(has(check_details(Format::friday_volunteering, friday), DetailProblem::frequency)) << bad;
    }
    auto mentoring = valid_input(Format::mentoring);
    for (const char* bad : {"", "0", "101", "six"}) {
        mentoring.sessions = bad;
        EXPECT_TRUE(has(check_details(Format::mentoring, mentoring), DetailProblem::sessions)) << bad;
    }
    mentoring.sessions = "100";
    EXPECT_TRUE(check_details(Format::mentoring, mentoring).ok());
    auto venture = valid_input(Format::venture_support);
    for (auto seeking : seekings) {
        venture.seeking = std::string(seeking);
        EXPECT_TRUE(check_details(Format::venture_support, venture).ok()) << seeking;
    }
    for (const char* bad : {"", "investor", "expert "}) {
        venture.seeking = bad;
        EXPECT_TRUE(has(check_details(Format::venture_support, venture), DetailProblem::seeking)) << bad;
    }
}

TEST(OpportunityDetails, CapacityAndDeadline) {
    auto in = valid_input(Format::research_topic);
    in.capacity = "3";
    in.deadline = "2027-02-28";
    auto checked = check_details(Format::research_topic, in);
    EXPECT_TRUE(checked.ok());
    EXPECT_EQ(checked.details.capacity, 3);
    EXPECT_EQ(checked.details.deadline, "2027-02-28");
    for (const char* bad : {"0", "501", "-1", "two"}) {
        in.capacity = bad;
        EXPECT_TRUE(has(check_details(Format::research_topic, in), DetailProblem::capacity)) << bad;
    }
    in.capacity = "500";
    for (const char* bad : {"2027-02-29", "2027-13-01", "2027-1-01", "28/02/2027", "1999-12-31", "2027-04-31"}) {
        in.deadline = bad;
        EXPECT_TRUE(has(check_details(Format::research_topic, in), DetailProblem::deadline)) << bad;
    }
}

TEST(OpportunityDetails, EveryProblemOnceInOrderAndBrokenTextAlone) {
    DetailsInput in;  // internship with nothing right
    in.hours_per_week = "99";
    in.compensation = "1";
    in.capacity = "0";
    in.deadline = "soon";
    const auto checked = check_details(Format::internship, in);
    EXPECT_EQ(checked.problems,
              (std::vector<DetailProblem>{DetailProblem::place, DetailProblem::hours_per_week, DetailProblem::compensation,
                                          DetailProblem::capacity, DetailProblem::deadline}));
    auto broken = valid_input(Format::friday_volunteering);
    broken.partner = "Atlas \xC3";
    broken.frequency = "hourly";
    const auto refused = check_details(Format::friday_volunteering, broken);
    EXPECT_EQ(refused.problems, std::vector<DetailProblem>{DetailProblem::encoding}) << "broken text is not read further";
    // Every field is checked for encoding, whether the format uses it or not.
    auto unused = valid_input(Format::mentoring);
    unused.seeking = "\xFF";
    EXPECT_EQ(check_details(Format::mentoring, unused).problems, std::vector<DetailProblem>{DetailProblem::encoding});
}

TEST(OpportunityDetails, ProblemNamesAreStable) {
    EXPECT_EQ(to_string(DetailProblem::place), "place");
    EXPECT_EQ(to_string(DetailProblem::hours_per_week), "hours_per_week");
    EXPECT_EQ(to_string(DetailProblem::compensation), "compensation");
    EXPECT_EQ(to_string(DetailProblem::partner), "partner");
    EXPECT_EQ(to_string(DetailProblem::frequency), "frequency");
    EXPECT_EQ(to_string(DetailProblem::sessions), "sessions");
    EXPECT_EQ(to_string(DetailProblem::seeking), "seeking");
    EXPECT_EQ(to_string(DetailProblem::capacity), "capacity");
    EXPECT_EQ(to_string(DetailProblem::deadline), "deadline");
    EXPECT_EQ(to_string(DetailProblem::encoding), "encoding");
}

TEST(OpportunityDetails, CalendarDates) {
    EXPECT_EQ(date_as_typed("31/01/2027"), "2027-01-31") << "typed day first where no date picker is offered";
    EXPECT_EQ(date_as_typed(" 1/2/2027 "), "2027-02-01");
    EXPECT_EQ(date_as_typed("2027-01-31"), "2027-01-31");
    EXPECT_EQ(date_as_typed("31/02/2027"), "31/02/2027") << "no such day: kept as typed, to be corrected";
    EXPECT_EQ(date_as_typed("31/01/27"), "31/01/27");
    EXPECT_TRUE(is_valid_date("2027-01-15"));
    EXPECT_TRUE(is_valid_date("2028-02-29")) << "leap year";
    EXPECT_TRUE(is_valid_date("2000-02-29")) << "leap year (divisible by 400)";
    EXPECT_TRUE(is_valid_date("2100-12-31"));
    for (const char* bad : {"", "2027-02-29", "2100-02-29", "2027-00-10", "2027-06-00", "2027-06-31", "2101-01-01", "1999-12-31",
                            "2027-6-1", "2027/06/01", "2027-06-01T00:00", "+027-06-01", "2027--6-01", "2027-06- 1", "abcd-ef-gh"})
        EXPECT_FALSE(is_valid_date(bad)) << bad;
}

// ---- Applications -----------------------------------------------------------------------------

TEST(Applications, StatusNamesRoundTrip) {
    for (auto status : all_application_statuses) EXPECT_EQ(parse_application_status(to_string(status)), status);
    EXPECT_EQ(to_string(ApplicationStatus::call_requested), "call_requested");
    EXPECT_FALSE(parse_application_status("Pending"));
    EXPECT_FALSE(parse_application_status(""));
    EXPECT_FALSE(parse_application_status("approved"));
}

TEST(Applications, OnlyPendingAndCallRequestedAwaitAnAnswer) {
    for (auto status : all_application_statuses) {
        const bool awaiting = status == ApplicationStatus::pending || status == ApplicationStatus::call_requested;
        EXPECT_EQ(is_awaiting(status), awaiting) << to_string(status);
        EXPECT_EQ(can_withdraw(status), awaiting) << to_string(status);
    }
}

TEST(Applications, TheOwnerDecidesOnceAndMayAskForOneCallFirst) {
    using S = ApplicationStatus;
    for (auto from : all_application_statuses)
        for (auto to : all_application_statuses) {
            bool expected = false;
            if (from == S::pending) expected = to == S::accepted || to == S::declined || to == S::call_requested;
            if (from == S::call_requested) expected = to == S::accepted || to == S::declined;
            EXPECT_EQ(can_decide(from, to), expected) << to_string(from) << " -> " << to_string(to);
        }
}

TEST(Applications, WhoMayApplyIsCheckedInOrder) {
    ApplyContext c;
    c.format = Format::internship;
    c.status = Status::published;
    c.deadline = "2027-01-15";
    c.today = "2026-11-28";
    c.capacity = 2;
    c.accepted = 1;
    EXPECT_EQ(can_apply(c), apply_refusal::none);

    auto semester = c;
    semester.format = Format::student_project;
    semester.accepted = 5;
    semester.status = Status::draft;
    EXPECT_EQ(can_apply(semester), apply_refusal::not_applicable) << "first, whatever else";

    for (auto status : all_statuses) {
        auto s = c;
        s.status = status;
        s.accepted = 9;  // full too, but not open comes first
        EXPECT_EQ(can_apply(s), status == Status::published ? apply_refusal::full : apply_refusal::not_open) << to_string(status);
    }

    auto late = c;
    late.today = "2027-01-15";
    EXPECT_EQ(can_apply(late), apply_refusal::none) << "the deadline is the last day to apply";
    late.today = "2027-01-16";
    late.already_applied = true;
    late.accepted = 2;
    EXPECT_EQ(can_apply(late), apply_refusal::deadline_passed);
    late.deadline = "";
    EXPECT_EQ(can_apply(late), apply_refusal::full) << "no deadline";
    late.accepted = 1;
    EXPECT_EQ(can_apply(late), apply_refusal::already_applied);
    late.already_applied = false;
    EXPECT_EQ(can_apply(late), apply_refusal::none);

    auto full = c;
    full.accepted = 2;
    EXPECT_EQ(can_apply(full), apply_refusal::full);
    full.accepted = 3;
    EXPECT_EQ(can_apply(full), apply_refusal::full);

    for (auto format : all_formats) {
        auto f = c;
        f.format = format;
        EXPECT_EQ(can_apply(f).empty(), format != Format::student_project) << to_string(format);
    }
}

TEST(Applications, AReminderOnceAfterFiveDaysThenExpiryAfterTwentyOne) {
    const ApplicationTimers timers;  // defaults
    EXPECT_EQ(timers.reminder_after, 24h * 5);
    EXPECT_EQ(timers.expiry_after, 24h * 21);
    const auto pending = ApplicationStatus::pending;
    EXPECT_FALSE(reminder_due(pending, t0, false, t0, timers));
    EXPECT_FALSE(reminder_due(pending, t0, false, t0 + 24h * 5 - 1s, timers));
    EXPECT_TRUE(reminder_due(pending, t0, false, t0 + 24h * 5, timers));
    EXPECT_TRUE(reminder_due(pending, t0, false, t0 + 24h * 21 - 1s, timers));
    EXPECT_FALSE(reminder_due(pending, t0, true, t0 + 24h * 6, timers)) << "once";
    EXPECT_FALSE(reminder_due(pending, t0, false, t0 + 24h * 21, timers)) << "it expires instead";
    for (auto status : all_application_statuses)
        if (status != pending) EXPECT_FALSE(reminder_due(status, t0, false, t0 + 24h * 6, timers)) << to_string(status);

    EXPECT_FALSE(expiry_due(pending, t0, t0 + 24h * 21 - 1s, timers));
    EXPECT_TRUE(expiry_due(pending, t0, t0 + 24h * 21, timers));
    EXPECT_TRUE(expiry_due(ApplicationStatus::call_requested, t0, t0 + 24h * 30, timers));
    for (auto status :
         {ApplicationStatus::accepted, ApplicationStatus::declined, ApplicationStatus::withdrawn, ApplicationStatus::expired})
        EXPECT_FALSE(expiry_due(status, t0, t0 + 24h * 100, timers)) << to_string(status);
    // A clock that went back does not remind.
    EXPECT_FALSE(reminder_due(pending, t0, false, t0 - 24h * 10, timers));
    EXPECT_FALSE(expiry_due(pending, t0, t0 - 24h * 30, timers));
}

TEST(Applications, TimersAreConfigurable) {
    const ApplicationTimers timers{24h * 2, 24h * 3};
    EXPECT_TRUE(reminder_due(ApplicationStatus::pending, t0, false, t0 + 48h, timers));
    EXPECT_FALSE(reminder_due(ApplicationStatus::pending, t0, false, t0 + 72h, timers));
    EXPECT_TRUE(expiry_due(ApplicationStatus::pending, t0, t0 + 72h, timers));
}
