#include "store/query.hpp"

namespace latitudes::store {

Query& Query::bind(const std::string& name, std::string value) {
    strings_.emplace_back(name, std::move(value));
    return *this;
}

Query& Query::bind(const std::string& name, long long value) {
    ints_.emplace_back(name, value);
    return *this;
}

void Query::prepare(soci::statement& st) {
    // Same order as soci::rowset: bind uses, prepare, define (then, for rows, the dynamic row).
    st.alloc();
    for (auto& [name, value] : strings_) st.exchange(soci::use(value, name));
    for (auto& [name, value] : ints_) st.exchange(soci::use(value, name));
    st.prepare(sql_);
    st.define_and_bind();
}

void Query::for_each(soci::session& session, const std::function<void(const soci::row&)>& on_row) {
    soci::row row;
    soci::statement st(session);
    prepare(st);
    st.exchange_for_rowset(soci::into(row));
    st.execute(false);
    while (st.fetch()) on_row(row);
}

long long Query::execute(soci::session& session) {
    soci::statement st(session);
    prepare(st);
    st.execute(true);
    return st.get_affected_rows();
}

long long Query::scalar(soci::session& session) {
    long long value = 0;
    for_each(session, [&](const soci::row& r) { value = column_int(r, 0); });
    return value;
}

std::string sql_group_concat(Engine engine, const std::string& expr) {
    if (engine == Engine::postgresql) return "string_agg(CAST(" + expr + " AS TEXT), ',' ORDER BY " + expr + ")";
    return "group_concat(" + expr + ", ',')";
}

}  // namespace latitudes::store
