#include "store/search_words.hpp"

#include "domain/text.hpp"
#include "store/query.hpp"

#include <map>

namespace latitudes::store {

namespace {

// Project id -> the text its words come from: one project's (`id`), or every project's (0).
std::map<long long, std::string> project_texts(soci::session& s, long long id) {
    std::map<long long, std::string> texts;
    auto bound = [&](std::string sql, const char* id_column) {
        Query q(std::move(sql));
        if (id != 0) q.append(std::string(" WHERE ") + id_column + " = :id").bind("id", id);
        return q;
    };
    bound("SELECT p.id, p.title, p.summary, p.problem, COALESCE(o.name, '') FROM projects p "
          "LEFT JOIN organisations o ON o.id = p.beneficiary_id",
          "p.id")
        .for_each(s, [&](const soci::row& r) {
            texts[column_int(r, 0)] = column_text(r, 1) + " " + column_text(r, 2) + " " + column_text(r, 3) + " " +
                                      column_text(r, 4);
        });
    auto add_names = [&](const soci::row& r) {
        if (auto it = texts.find(column_int(r, 0)); it != texts.end())
            it->second += " " + column_text(r, 1) + " " + column_text(r, 2);
    };
    bound("SELECT ps.project_id, k.name_fr, k.name_en FROM project_skills ps JOIN skills k ON k.id = ps.skill_id",
          "ps.project_id")
        .for_each(s, add_names);
    bound("SELECT ps.project_id, d.name_fr, d.name_en FROM project_sdgs ps JOIN sdgs d ON d.id = ps.sdg_id", "ps.project_id")
        .for_each(s, add_names);
    return texts;
}

void store_words(soci::session& s, const std::map<long long, std::string>& texts) {
    for (const auto& [id, text] : texts)
        Query("UPDATE projects SET search_text = :words WHERE id = :id")
            .bind("words", domain::search_index(text))
            .bind("id", id)
            .execute(s);
}

}  // namespace

void refresh_search_words(soci::session& session, long long project_id) {
    store_words(session, project_texts(session, project_id));
}

void refresh_all_search_words(soci::session& session) { store_words(session, project_texts(session, 0)); }

}  // namespace latitudes::store
