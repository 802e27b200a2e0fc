// PLACEHOLDER while issue 4 is being built: weekly digests of saved searches.
#include "jobs/jobs.hpp"

namespace latitudes::jobs {

void send_digests(store::Database&, const web::Views&, const JobSettings&, Clock::time_point, JobReport&) {}

}  // namespace latitudes::jobs
