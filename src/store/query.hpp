#pragma once
// A SQL statement assembled from fixed fragments with a variable number of bound values.
// Values are always bound (:name placeholders), never pasted into the text.
#include "store/database.hpp"

#include <deque>
#include <functional>
#include <string>

namespace latitudes::store {

class Query {
public:
    explicit Query(std::string sql = {}) : sql_(std::move(sql)) {}

    Query& append(std::string_view fragment) {
        sql_ += fragment;
        return *this;
    }
    Query& bind(const std::string& name, std::string value);
    Query& bind(const std::string& name, long long value);
    const std::string& sql() const { return sql_; }

    // Runs the statement and calls `on_row` for each row.
    void for_each(soci::session& session, const std::function<void(const soci::row&)>& on_row);
    // Runs a statement that returns no rows (INSERT, UPDATE, DDL); returns the rows it changed.
    long long execute(soci::session& session);
    // Runs a statement returning one integer (COUNT, MAX...); NULL gives 0.
    long long scalar(soci::session& session);

private:
    // Allocates and prepares `st` with every bound value.
    void prepare(soci::statement& st);

    std::string sql_;
    // deques keep the addresses SOCI binds to stable while more values are added.
    std::deque<std::pair<std::string, std::string>> strings_;
    std::deque<std::pair<std::string, long long>> ints_;
};

// Dialect differences kept in one place.
// Comma-separated aggregation of `expr` (used inside correlated subqueries).
std::string sql_group_concat(Engine engine, const std::string& expr);

}  // namespace latitudes::store
