#include "store/documents.hpp"

#include "domain/file_crypto.hpp"
#include "store/query.hpp"

#include <map>
#include <stdexcept>

namespace latitudes::store {

namespace {

std::string decoded(const std::string& base64, const char* what) {
    auto bytes = domain::from_base64(base64);
    if (!bytes) throw DatabaseError(std::string("a stored ") + what + " is not base64");
    return std::move(*bytes);
}

const char* version_columns =
    "v.id, v.document_id, v.number, v.filename, v.media_type, v.size_bytes, v.chunk_count, v.wrapped_key, v.header, "
    "COALESCE(p.display_name, ''), v.uploaded_at";

DocumentVersionRecord version_of(const soci::row& row) {
    DocumentVersionRecord v;
    v.id = column_int(row, 0);
    v.document_id = column_int(row, 1);
    v.number = static_cast<int>(column_int(row, 2));
    v.filename = column_text(row, 3);
    v.media_type = column_text(row, 4);
    v.size_bytes = column_int(row, 5);
    v.chunk_count = static_cast<int>(column_int(row, 6));
    v.wrapped_key = decoded(column_text(row, 7), "key");
    v.header = decoded(column_text(row, 8), "header");
    v.uploaded_by = column_text(row, 9);
    v.uploaded_at = column_text(row, 10);
    return v;
}

UploadRecord upload_of(const soci::row& row) {
    UploadRecord u;
    u.id = column_int(row, 0);
    u.team_id = column_int(row, 1);
    u.document_id = column_int(row, 2);
    u.kind = column_text(row, 3);
    u.title = column_text(row, 4);
    u.filename = column_text(row, 5);
    u.media_type = column_text(row, 6);
    u.size_bytes = column_int(row, 7);
    u.chunk_bytes = column_int(row, 8);
    u.next_index = column_int(row, 9);
    u.wrapped_key = decoded(column_text(row, 10), "key");
    u.header = decoded(column_text(row, 11), "header");
    u.wrapped_state = decoded(column_text(row, 12), "state");
    u.created_by = column_int(row, 13);
    u.expires_at = column_text(row, 14);
    return u;
}

}  // namespace

bool DocumentStore::postgresql() const { return session_.get_backend_name() == "postgresql"; }

std::vector<DocumentRecord> DocumentStore::of_team(long long team_id) {
    std::vector<DocumentRecord> out;
    std::map<long long, std::size_t> at;
    Query("SELECT id, team_id, kind, title, created_at FROM documents WHERE team_id = :t ORDER BY created_at DESC, id DESC")
        .bind("t", team_id)
        .for_each(session_, [&](const soci::row& row) {
            at[column_int(row, 0)] = out.size();
            out.push_back(
                {column_int(row, 0), column_int(row, 1), column_text(row, 2), column_text(row, 3), column_text(row, 4), {}});
        });
    Query(std::string("SELECT ") + version_columns +
          " FROM document_versions v JOIN documents d ON d.id = v.document_id LEFT JOIN people p ON p.id = v.uploaded_by "
          "WHERE d.team_id = :t ORDER BY v.number DESC")
        .bind("t", team_id)
        .for_each(session_, [&](const soci::row& row) {
            auto v = version_of(row);
            if (auto found = at.find(v.document_id); found != at.end()) out[found->second].versions.push_back(std::move(v));
        });
    return out;
}

std::optional<DocumentRecord> DocumentStore::find(long long team_id, long long document_id) {
    for (auto& d : of_team(team_id))
        if (d.id == document_id) return std::move(d);
    return std::nullopt;
}

std::optional<DocumentVersionRecord> DocumentStore::version(long long team_id, long long document_id, long long version_id) {
    std::optional<DocumentVersionRecord> out;
    Query(std::string("SELECT ") + version_columns +
          " FROM document_versions v JOIN documents d ON d.id = v.document_id LEFT JOIN people p ON p.id = v.uploaded_by "
          "WHERE v.id = :v AND d.id = :d AND d.team_id = :t")
        .bind("v", version_id)
        .bind("d", document_id)
        .bind("t", team_id)
        .for_each(session_, [&](const soci::row& row) { out = version_of(row); });
    return out;
}

long long DocumentStore::create_upload(const UploadRecord& u, Clock::time_point now) {
    Query q("INSERT INTO document_uploads (team_id, document_id, kind, title, filename, media_type, size_bytes, chunk_bytes, "
            "next_index, wrapped_key, header, wrapped_state, created_by, created_at, expires_at) VALUES (:team, ");
    q.append(u.document_id ? ":doc" : "NULL")
        .append(", :kind, :title, :file, :type, :size, :chunk, 0, :key, :header, :state, :by, :now, :expires) RETURNING id");
    if (u.document_id) q.bind("doc", u.document_id);
    return q.bind("team", u.team_id)
        .bind("kind", u.kind)
        .bind("title", u.title)
        .bind("file", u.filename)
        .bind("type", u.media_type)
        .bind("size", u.size_bytes)
        .bind("chunk", u.chunk_bytes)
        .bind("key", domain::to_base64(u.wrapped_key))
        .bind("header", domain::to_base64(u.header))
        .bind("state", domain::to_base64(u.wrapped_state))
        .bind("by", u.created_by)
        .bind("now", iso_utc(now))
        .bind("expires", u.expires_at)
        .scalar(session_);
}

std::optional<UploadRecord> DocumentStore::upload(long long team_id, long long upload_id) {
    std::optional<UploadRecord> out;
    Query("SELECT id, team_id, COALESCE(document_id, 0), kind, title, filename, media_type, size_bytes, chunk_bytes, next_index, "
          "wrapped_key, header, wrapped_state, created_by, expires_at FROM document_uploads WHERE id = :u AND team_id = :t")
        .bind("u", upload_id)
        .bind("t", team_id)
        .for_each(session_, [&](const soci::row& row) { out = upload_of(row); });
    return out;
}

void DocumentStore::add_upload_chunk(long long upload_id, long long seq, std::string_view ciphertext) {
    Query(std::string("INSERT INTO document_chunks (upload_id, seq, data) VALUES (:u, :s, ") +
          (postgresql() ? "decode(:data, 'base64'))" : ":data)"))
        .bind("u", upload_id)
        .bind("s", seq)
        .bind("data", domain::to_base64(ciphertext))
        .execute(session_);
}

bool DocumentStore::advance_upload(long long upload_id, long long index, const std::string& wrapped_state,
                                   Clock::time_point expires) {
    return Query("UPDATE document_uploads SET next_index = :next, wrapped_state = :state, expires_at = :expires "
                 "WHERE id = :u AND next_index = :index")
               .bind("next", index + 1)
               .bind("state", domain::to_base64(wrapped_state))
               .bind("expires", iso_utc(expires))
               .bind("u", upload_id)
               .bind("index", index)
               .execute(session_) == 1;
}

void DocumentStore::delete_upload(long long upload_id) {
    // Chunks first: SQLite enforces ON DELETE CASCADE only with foreign keys on, so both engines
    // are told explicitly.
    Query("DELETE FROM document_chunks WHERE upload_id = :u").bind("u", upload_id).execute(session_);
    Query("DELETE FROM document_uploads WHERE id = :u").bind("u", upload_id).execute(session_);
}

int DocumentStore::delete_expired_uploads(Clock::time_point now) {
    std::vector<long long> expired;
    Query("SELECT id FROM document_uploads WHERE expires_at < :now")
        .bind("now", iso_utc(now))
        .for_each(session_, [&](const soci::row& row) { expired.push_back(column_int(row, 0)); });
    for (const long long id : expired) delete_upload(id);
    return static_cast<int>(expired.size());
}

long long DocumentStore::create_document(long long team_id, const std::string& kind, const std::string& title, long long by,
                                         Clock::time_point now) {
    return Query("INSERT INTO documents (team_id, kind, title, created_by, created_at) VALUES (:t, :k, :title, :by, :now) "
                 "RETURNING id")
        .bind("t", team_id)
        .bind("k", kind)
        .bind("title", title)
        .bind("by", by)
        .bind("now", iso_utc(now))
        .scalar(session_);
}

int DocumentStore::next_version_number(long long document_id) {
    return static_cast<int>(Query("SELECT MAX(number) FROM document_versions WHERE document_id = :d")
                                .bind("d", document_id)
                                .scalar(session_)) +
           1;
}

long long DocumentStore::create_version(const UploadRecord& u, long long document_id, int number, int chunk_count,
                                        Clock::time_point now) {
    const long long id =
        Query("INSERT INTO document_versions (document_id, number, filename, media_type, size_bytes, chunk_count, wrapped_key, "
              "header, uploaded_by, uploaded_at) VALUES (:d, :n, :f, :m, :s, :c, :k, :h, :by, :now) RETURNING id")
            .bind("d", document_id)
            .bind("n", number)
            .bind("f", u.filename)
            .bind("m", u.media_type)
            .bind("s", u.size_bytes)
            .bind("c", chunk_count)
            .bind("k", domain::to_base64(u.wrapped_key))
            .bind("h", domain::to_base64(u.header))
            .bind("by", u.created_by)
            .bind("now", iso_utc(now))
            .scalar(session_);
    Query("UPDATE document_chunks SET version_id = :v, upload_id = NULL WHERE upload_id = :u")
        .bind("v", id)
        .bind("u", u.id)
        .execute(session_);
    Query("DELETE FROM document_uploads WHERE id = :u").bind("u", u.id).execute(session_);
    return id;
}

std::optional<std::string> DocumentStore::chunk(long long version_id, long long seq) {
    std::optional<std::string> out;
    Query(std::string("SELECT ") + (postgresql() ? "encode(data, 'base64')" : "data") +
          " FROM document_chunks WHERE version_id = :v AND seq = :s")
        .bind("v", version_id)
        .bind("s", seq)
        .for_each(session_,
                  [&](const soci::row& row) { out = domain::from_base64(column_text(row, 0)).value_or(std::string()); });
    return out;
}

void DocumentStore::record_download(long long version_id, long long person_id, Clock::time_point now) {
    Query("INSERT INTO document_downloads (version_id, person_id, at) VALUES (:v, :p, :at)")
        .bind("v", version_id)
        .bind("p", person_id)
        .bind("at", iso_utc(now))
        .execute(session_);
}

std::vector<DownloadRecord> DocumentStore::downloads(long long team_id, int limit) {
    std::vector<DownloadRecord> out;
    Query("SELECT COALESCE(p.display_name, ''), d.title, v.number, l.at FROM document_downloads l "
          "JOIN document_versions v ON v.id = l.version_id JOIN documents d ON d.id = v.document_id "
          "LEFT JOIN people p ON p.id = l.person_id WHERE d.team_id = :t ORDER BY l.at DESC, l.id DESC LIMIT :n")
        .bind("t", team_id)
        .bind("n", limit)
        .for_each(session_, [&](const soci::row& row) {
            out.push_back({column_text(row, 0), column_text(row, 1), static_cast<int>(column_int(row, 2)), column_text(row, 3)});
        });
    return out;
}

std::optional<std::string> DocumentStore::canary() {
    std::optional<std::string> out;
    Query("SELECT canary FROM file_key_canary WHERE id = 1").for_each(session_, [&](const soci::row& row) {
        out = decoded(column_text(row, 0), "canary");
    });
    return out;
}

std::string DocumentStore::keep_canary(const std::string& canary, Clock::time_point now) {
    Query("INSERT INTO file_key_canary (id, canary, created_at) VALUES (1, :c, :now) ON CONFLICT (id) DO NOTHING")
        .bind("c", domain::to_base64(canary))
        .bind("now", iso_utc(now))
        .execute(session_);
    return *this->canary();
}

}  // namespace latitudes::store
