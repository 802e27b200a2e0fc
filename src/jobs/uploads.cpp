#include "jobs/jobs.hpp"
#include "store/documents.hpp"

namespace latitudes::jobs {

void delete_abandoned_uploads(store::Database& db, Clock::time_point now, JobReport& report) {
    store::Lease session(db);
    store::WriteTransaction tx(*session);
    report.abandoned_uploads += store::DocumentStore(*session).delete_expired_uploads(now);
    tx.commit();
}

}  // namespace latitudes::jobs
