#pragma once
// Semesters and the schools that are partners for each, as staff record them on the staff pages.
// Every change is one transaction, audited with the staff member who made it. Who may call each
// is the web layer's policy check (staff only).
#include "domain/semester.hpp"
#include "service/service.hpp"

#include <string>
#include <vector>

namespace latitudes::service {

struct SemesterOutcome {
    enum class Kind { done, invalid, not_found } kind = Kind::done;
    // invalid: the domain's problems (domain::SemesterProblem names) and "code_taken".
    std::vector<std::string> problems;
    long long semester_id = 0;
    std::string code;  // done: the semester's code (normalised)
};

// A new semester; its code is normalised first (domain::normalise_semester_code) and must be
// free. Audited as staff_create_semester.
SemesterOutcome create_semester(const Context& context, long long staff_id, const domain::SemesterInput& input);
// New labels and dates for a semester (input.code is ignored: a code never changes). Audited as
// staff_edit_semester with what changed.
SemesterOutcome update_semester(const Context& context, long long staff_id, long long semester_id,
                                const domain::SemesterInput& input);

struct PartnersOutcome {
    enum class Kind { saved, invalid, not_found } kind = Kind::saved;
    std::vector<long long> added, removed;  // saved: the schools' ids
};
// The schools that are partners for the semester become exactly `school_ids`. An id that is not
// an organisation of kind school makes the whole request invalid (nothing changes). Audited as
// staff_set_semester_partners with the schools added and removed (nothing when nothing changed).
PartnersOutcome set_semester_partners(const Context& context, long long staff_id, long long semester_id,
                                      const std::vector<long long>& school_ids);

}  // namespace latitudes::service
