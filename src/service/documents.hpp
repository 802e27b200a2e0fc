#pragma once
// The team's documents (issue 13): an upload opened, sent chunk by chunk, finished into a new
// document or a new version of one in one transaction, or cancelled; the no-JavaScript form's
// whole file in one transaction; a download recorded; a version read back chunk by chunk.
//
// Why chunks: RESTinio buffers a whole request body before any handler runs, so a 200 MB file in
// one request would be 200 MB of memory (three times: the parser's buffer, the request, the
// multipart part). The JavaScript sends the file in requests of `DocumentLimits::chunk_bytes`;
// each is encrypted at once (the secretstream's state kept wrapped in the upload's row, so any app
// server takes the next one) and stored as one chunk. Nothing is a document until `finish` moves
// the chunks to a version: an interrupted upload is an upload row and chunks, deleted by cancel or
// by the job once its lease has run out (jobs::delete_abandoned_uploads).
#include "domain/document.hpp"
#include "domain/file_crypto.hpp"
#include "service/service.hpp"
#include "store/documents.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace latitudes::service {

// How long an upload waits for its next chunk before the job deletes it.
inline constexpr std::chrono::minutes upload_lease{60};

enum class UploadProblem {
    none,
    unknown_kind,      // not agreement, specification, deliverable or other
    missing_title,     // a new document needs a title
    title_too_long,    // over 200 characters (or not UTF-8)
    missing_file,      // no file, or a name with nothing left once cleaned
    empty_file,        // 0 bytes
    too_large,         // over DocumentLimits::max_file_bytes
    type_not_allowed,  // the extension is not on the allow list
    content_mismatch,  // the first bytes are not what the extension says
    unknown_document,  // a new version of a document that is not the team's
    unknown_upload,    // no such upload in this team (finished, cancelled, expired)
    not_yours,         // an upload of someone else's in the team: only its author sends, finishes or cancels it
    out_of_order,      // not the chunk expected next (see ChunkOutcome::next_index)
    wrong_chunk_size,  // every chunk but the last holds chunk_bytes, the last the rest
    incomplete,        // finish before every byte was sent
};

struct UploadRequest {
    long long team_id = 0, person_id = 0;
    long long document_id = 0;  // 0: a new document (kind and title needed)
    std::string kind, title, filename;
    long long size_bytes = 0;
};

struct OpenUploadOutcome {
    UploadProblem problem = UploadProblem::none;
    long long upload_id = 0;
    long long chunk_bytes = 0, chunk_count = 0;
    std::string expires_at;
};
OpenUploadOutcome open_upload(const Context& ctx, const domain::FileKey& key, const domain::DocumentLimits& limits,
                              const UploadRequest& request);

struct ChunkOutcome {
    UploadProblem problem = UploadProblem::none;
    long long next_index = 0;      // the chunk expected next
    long long received_bytes = 0;  // so far
    bool complete = false;         // every byte is in: finish may be called
};
ChunkOutcome add_chunk(const Context& ctx, const domain::FileKey& key, long long team_id, long long person_id,
                       long long upload_id, long long index, std::string_view bytes);

struct FinishOutcome {
    UploadProblem problem = UploadProblem::none;
    long long document_id = 0, version_id = 0;
    int number = 0;
};
FinishOutcome finish_upload(const Context& ctx, long long team_id, long long person_id, long long upload_id);

// none when it is cancelled or was not there (any more): nothing of it is left either way;
// not_yours for someone else's.
UploadProblem cancel_upload(const Context& ctx, long long team_id, long long person_id, long long upload_id);

// The no-JavaScript form: the whole file, already in memory (its body limit bounds it), stored in
// one transaction.
FinishOutcome upload_whole_file(const Context& ctx, const domain::FileKey& key, const domain::DocumentLimits& limits,
                                const UploadRequest& request, std::string_view content);

// The access log's line for a download, in its own transaction.
void record_download(const Context& ctx, long long version_id, long long person_id);

// Reads a version's chunks in order and decrypts them, one at a time, on a session of its own
// (a download outlives its handler). next() gives the next chunk's plaintext, nullopt after the
// last; it throws DamagedFile when a chunk was changed, dropped, swapped or added.
struct DamagedFile : std::runtime_error {
    using std::runtime_error::runtime_error;
};
class VersionReader {
public:
    VersionReader(store::Database& db, const domain::FileKey& key, const store::DocumentVersionRecord& version);
    std::optional<std::string> next();
    // Reads the whole file once and throws DamagedFile if any of it fails; then starts over.
    void verify();
    soci::session& session() { return *session_; }

private:
    void restart();
    store::Lease session_;
    std::string key_;
    store::DocumentVersionRecord version_;
    std::unique_ptr<domain::StreamReader> reader_;
    long long seq_ = 0;
    long long bytes_ = 0;
    bool done_ = false;
};

}  // namespace latitudes::service
