#pragma once
// The words a project is found by in the catalogue (projects.search_text, see
// domain::search_index): its title, summary, problem and beneficiary, and the names of its skills
// and SDGs in both languages, so that "RGPD", "accessibilite" or "éducation" find the projects
// that the skill and SDG filters know about. Rebuilt inside the transaction of every write that
// changes one of these.
#include "store/database.hpp"

namespace latitudes::store {

void refresh_search_words(soci::session& session, long long project_id);
// Every project's words at once (seeds, and the migration that added skill and SDG names):
// three reads in all, then one update per project.
void refresh_all_search_words(soci::session& session);

}  // namespace latitudes::store
