#include "service/notices.hpp"

#include "store/notices.hpp"

namespace latitudes::service {

void tell_staff_need_submitted(const Context& context, const store::NeedRecord& need, long long submitter) {
    const mail::Notifier::Labels labels{{"format", "format." + std::string(domain::to_string(need.format))}};
    for (const auto& staff : store::staff_addressees(context.session))
        if (staff.person_id != submitter)
            context.notifier.tell(context.session, staff.to, mail::Notifier::language_of(context.session, staff.to.email),
                                  "need_submitted",
                                  {{"title", need.title}, {"organisation", need.organisation_name}, {"summary", need.summary}},
                                  labels, "/needs/" + std::to_string(need.id), context.now);
}

}  // namespace latitudes::service
