#pragma once
// The team's documents (migration 0017): documents and their versions, uploads being sent, the
// encrypted chunks of both, the access log, and the server key's canary. Chunks are read one at a
// time: a file is never loaded whole. Ciphertext and secrets cross this interface as bytes; the
// encodings of the columns (base64, BYTEA) stay here.
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::store {

struct DocumentVersionRecord {
    long long id = 0, document_id = 0;
    int number = 0;
    std::string filename, media_type;
    long long size_bytes = 0;
    int chunk_count = 0;
    std::string wrapped_key, header;  // bytes
    std::string uploaded_by;          // display name ("" when the account is gone)
    std::string uploaded_at;
};

struct DocumentRecord {
    long long id = 0, team_id = 0;
    std::string kind, title, created_at;
    std::vector<DocumentVersionRecord> versions;  // newest first
};

struct UploadRecord {
    long long id = 0, team_id = 0;
    long long document_id = 0;  // 0: a new document
    std::string kind, title, filename, media_type;
    long long size_bytes = 0, chunk_bytes = 0, next_index = 0;
    std::string wrapped_key, header, wrapped_state;  // bytes
    long long created_by = 0;
    std::string expires_at;
};

struct DownloadRecord {
    std::string person;  // display name ("" when the account is gone)
    std::string document_title;
    int version = 0;
    std::string at;
};

class DocumentStore {
public:
    explicit DocumentStore(soci::session& session) : session_(session) {}

    // A team's documents with their versions, newest document first.
    std::vector<DocumentRecord> of_team(long long team_id);
    // One of the team's documents (nullopt when it is another team's or does not exist).
    std::optional<DocumentRecord> find(long long team_id, long long document_id);
    std::optional<DocumentVersionRecord> version(long long team_id, long long document_id, long long version_id);

    long long create_upload(const UploadRecord& upload, Clock::time_point now);
    // The team's upload (nullopt when it is another team's, finished, cancelled or deleted).
    std::optional<UploadRecord> upload(long long team_id, long long upload_id);
    void add_upload_chunk(long long upload_id, long long seq, std::string_view ciphertext);
    // Moves the upload past chunk `index` with the stream's new state and lease; false when
    // another request did it first (the caller rolls back).
    bool advance_upload(long long upload_id, long long index, const std::string& wrapped_state, Clock::time_point expires);
    void delete_upload(long long upload_id);  // its chunks with it
    // Uploads whose lease ran out before `now`, deleted with their chunks; returns how many.
    int delete_expired_uploads(Clock::time_point now);

    long long create_document(long long team_id, const std::string& kind, const std::string& title, long long by,
                              Clock::time_point now);
    int next_version_number(long long document_id);
    // The version made of the upload's chunks (moved to it, in the caller's transaction).
    long long create_version(const UploadRecord& upload, long long document_id, int number, int chunk_count,
                             Clock::time_point now);

    // The ciphertext of a version's chunk `seq`, nullopt when missing.
    std::optional<std::string> chunk(long long version_id, long long seq);

    void record_download(long long version_id, long long person_id, Clock::time_point now);
    std::vector<DownloadRecord> downloads(long long team_id, int limit);

    // The server key's canary (bytes), nullopt before the first start with a key.
    std::optional<std::string> canary();
    // Stores it unless one is there already; returns the one kept (another server may have won).
    std::string keep_canary(const std::string& canary, Clock::time_point now);

private:
    bool postgresql() const;
    soci::session& session_;
};

}  // namespace latitudes::store
