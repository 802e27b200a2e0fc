#pragma once
// Mails that more than one use case queues, each in the caller's write transaction.
#include "service/service.hpp"
#include "store/needs.hpp"

namespace latitudes::service {

// Every staff account but the submitter (staff may bring a need with a beneficiary) is told that
// `need` was submitted (its title, organisation and format, a link to its page), each in their
// own language: a need must not wait unseen in the queue.
void tell_staff_need_submitted(const Context& context, const store::NeedRecord& need, long long submitter);

}  // namespace latitudes::service
