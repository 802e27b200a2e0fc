#include "service/documents.hpp"

#include "store/activity.hpp"

#include <algorithm>

namespace latitudes::service {

namespace {

long long chunk_count_of(long long size, long long chunk_bytes) { return (size + chunk_bytes - 1) / chunk_bytes; }

// What open_upload and upload_whole_file check before anything is written.
UploadProblem check_request(soci::session& session, const domain::DocumentLimits& limits, const UploadRequest& r,
                            std::string& kind, std::string& title) {
    if (r.document_id != 0) {
        const auto document = store::DocumentStore(session).find(r.team_id, r.document_id);
        if (!document) return UploadProblem::unknown_document;
        kind = document->kind;
        title = document->title;
    } else {
        if (!domain::parse_document_kind(r.kind)) return UploadProblem::unknown_kind;
        const auto problem = check_text(r.title, true, 200);
        if (problem == TextProblem::missing) return UploadProblem::missing_title;
        if (problem != TextProblem::none) return UploadProblem::title_too_long;
        kind = r.kind;
        title = r.title;
    }
    if (r.filename.empty()) return UploadProblem::missing_file;
    if (!domain::file_type_of(r.filename)) return UploadProblem::type_not_allowed;
    if (r.size_bytes <= 0) return UploadProblem::empty_file;
    if (static_cast<unsigned long long>(r.size_bytes) > limits.max_file_bytes) return UploadProblem::too_large;
    return UploadProblem::none;
}

// Creates the upload row (in the caller's transaction) with a new stream.
store::UploadRecord new_upload(soci::session& session, const domain::FileKey& key, const domain::DocumentLimits& limits,
                               const UploadRequest& r, const std::string& kind, const std::string& title, Clock::time_point now,
                               domain::StreamWriter& writer) {
    store::UploadRecord u;
    u.team_id = r.team_id;
    u.document_id = r.document_id;
    u.kind = kind;
    u.title = title;
    u.filename = r.filename;
    u.media_type = std::string(domain::file_type_of(r.filename)->media_type);
    u.size_bytes = r.size_bytes;
    u.chunk_bytes = static_cast<long long>(limits.chunk_bytes);
    u.wrapped_key = domain::wrap(key, domain::purpose_file_key, writer.secrets().key);
    u.header = writer.secrets().header;
    u.wrapped_state = domain::wrap(key, domain::purpose_upload_state, writer.state());
    u.created_by = r.person_id;
    u.expires_at = store::iso_utc(now + upload_lease);
    u.id = store::DocumentStore(session).create_upload(u, now);
    return u;
}

// Encrypts and stores chunk `index` of the upload `u` (in the caller's transaction).
UploadProblem store_chunk(soci::session& session, const domain::FileKey& key, store::UploadRecord& u,
                          domain::StreamWriter& writer, long long index, std::string_view bytes, Clock::time_point now) {
    const long long count = chunk_count_of(u.size_bytes, u.chunk_bytes);
    if (index != u.next_index || index >= count) return UploadProblem::out_of_order;
    const bool last = index == count - 1;
    const long long expected = last ? u.size_bytes - index * u.chunk_bytes : u.chunk_bytes;
    if (static_cast<long long>(bytes.size()) != expected) return UploadProblem::wrong_chunk_size;
    if (index == 0 && !domain::content_matches(*domain::file_type_of(u.filename), bytes, last))
        return UploadProblem::content_mismatch;
    store::DocumentStore documents(session);
    const std::string cipher = writer.push(bytes, last);
    // The row first: on PostgreSQL a second request for the same chunk waits on its lock, then
    // finds it moved on, rather than meeting the chunk's unique index.
    if (!documents.advance_upload(u.id, index, domain::wrap(key, domain::purpose_upload_state, writer.state()),
                                  now + upload_lease))
        return UploadProblem::out_of_order;  // another request stored it first: this one is rolled back
    documents.add_upload_chunk(u.id, index, cipher);
    u.next_index = index + 1;
    return UploadProblem::none;
}

// The upload's chunks become a version (of a new document or of `u.document_id`), in the caller's
// transaction, and the team's feed says so.
FinishOutcome make_version(soci::session& session, const store::UploadRecord& u, Clock::time_point now) {
    store::DocumentStore documents(session);
    FinishOutcome out;
    out.document_id = u.document_id ? u.document_id : documents.create_document(u.team_id, u.kind, u.title, u.created_by, now);
    out.number = documents.next_version_number(out.document_id);
    out.version_id = documents.create_version(u, out.document_id, out.number,
                                              static_cast<int>(chunk_count_of(u.size_bytes, u.chunk_bytes)), now);
    store::record_activity(session,
                           {u.team_id, 0, u.created_by, "document_uploaded",
                            out.number == 1 ? u.title : u.title + " (v" + std::to_string(out.number) + ")",
                            "/teams/" + std::to_string(u.team_id) + "#documents"},
                           now);
    return out;
}

domain::StreamWriter writer_of(const domain::FileKey& key, const store::UploadRecord& u) {
    const auto file_key = domain::unwrap(key, domain::purpose_file_key, u.wrapped_key);
    const auto state = domain::unwrap(key, domain::purpose_upload_state, u.wrapped_state);
    if (!file_key || !state) throw std::runtime_error("an upload's secrets do not open with the server key");
    return domain::StreamWriter(*file_key, u.header, *state);
}

}  // namespace

OpenUploadOutcome open_upload(const Context& ctx, const domain::FileKey& key, const domain::DocumentLimits& limits,
                              const UploadRequest& request) {
    store::WriteTransaction tx(ctx.session);
    std::string kind, title;
    OpenUploadOutcome out;
    out.problem = check_request(ctx.session, limits, request, kind, title);
    if (out.problem != UploadProblem::none) return out;
    domain::StreamWriter writer;
    const auto u = new_upload(ctx.session, key, limits, request, kind, title, ctx.now, writer);
    tx.commit();
    out.upload_id = u.id;
    out.chunk_bytes = u.chunk_bytes;
    out.chunk_count = chunk_count_of(u.size_bytes, u.chunk_bytes);
    out.expires_at = u.expires_at;
    return out;
}

ChunkOutcome add_chunk(const Context& ctx, const domain::FileKey& key, long long team_id, long long person_id,
                       long long upload_id, long long index, std::string_view bytes) {
    store::WriteTransaction tx(ctx.session);
    store::DocumentStore documents(ctx.session);
    ChunkOutcome out;
    auto u = documents.upload(team_id, upload_id);
    if (!u || u->created_by != person_id) {
        out.problem = u ? UploadProblem::not_yours : UploadProblem::unknown_upload;
        return out;
    }
    auto writer = writer_of(key, *u);
    out.problem = store_chunk(ctx.session, key, *u, writer, index, bytes, ctx.now);
    if (out.problem == UploadProblem::content_mismatch) {
        // The file is not what its name says: nothing of it is kept.
        documents.delete_upload(u->id);
        tx.commit();
        return out;
    }
    if (out.problem != UploadProblem::none) {
        tx.rollback();
        u = documents.upload(team_id, upload_id);  // what is really stored, for the client to go on from
    } else {
        tx.commit();
    }
    out.next_index = u ? u->next_index : 0;
    out.received_bytes = u ? std::min(u->size_bytes, u->next_index * u->chunk_bytes) : 0;
    out.complete = u && out.received_bytes == u->size_bytes;
    return out;
}

FinishOutcome finish_upload(const Context& ctx, long long team_id, long long person_id, long long upload_id) {
    store::WriteTransaction tx(ctx.session);
    const auto u = store::DocumentStore(ctx.session).upload(team_id, upload_id);
    FinishOutcome out;
    if (!u || u->created_by != person_id) {
        out.problem = u ? UploadProblem::not_yours : UploadProblem::unknown_upload;
        return out;
    }
    if (u->next_index != chunk_count_of(u->size_bytes, u->chunk_bytes)) {
        out.problem = UploadProblem::incomplete;
        return out;
    }
    out = make_version(ctx.session, *u, ctx.now);
    tx.commit();
    return out;
}

UploadProblem cancel_upload(const Context& ctx, long long team_id, long long person_id, long long upload_id) {
    store::WriteTransaction tx(ctx.session);
    store::DocumentStore documents(ctx.session);
    const auto u = documents.upload(team_id, upload_id);
    if (!u) return UploadProblem::none;
    if (u->created_by != person_id) return UploadProblem::not_yours;
    documents.delete_upload(u->id);
    tx.commit();
    return UploadProblem::none;
}

FinishOutcome upload_whole_file(const Context& ctx, const domain::FileKey& key, const domain::DocumentLimits& limits,
                                const UploadRequest& request, std::string_view content) {
    store::WriteTransaction tx(ctx.session);
    std::string kind, title;
    FinishOutcome out;
    UploadRequest sized = request;
    sized.size_bytes = static_cast<long long>(content.size());
    out.problem = check_request(ctx.session, limits, sized, kind, title);
    if (out.problem != UploadProblem::none) return out;
    domain::StreamWriter writer;
    auto u = new_upload(ctx.session, key, limits, sized, kind, title, ctx.now, writer);
    for (long long index = 0; index * u.chunk_bytes < u.size_bytes; ++index) {
        const auto piece = content.substr(static_cast<std::size_t>(index * u.chunk_bytes),
                                          static_cast<std::size_t>(u.chunk_bytes));
        out.problem = store_chunk(ctx.session, key, u, writer, index, piece, ctx.now);
        if (out.problem != UploadProblem::none) return out;  // rolled back: nothing kept
    }
    out = make_version(ctx.session, u, ctx.now);
    tx.commit();
    return out;
}

void record_download(const Context& ctx, long long version_id, long long person_id) {
    store::WriteTransaction tx(ctx.session);
    store::DocumentStore(ctx.session).record_download(version_id, person_id, ctx.now);
    tx.commit();
}

VersionReader::VersionReader(store::Database& db, const domain::FileKey& key, const store::DocumentVersionRecord& version)
    : session_(db), version_(version) {
    auto file_key = domain::unwrap(key, domain::purpose_file_key, version.wrapped_key);
    if (!file_key) throw DamagedFile("the file's key does not open with the server key");
    key_ = std::move(*file_key);
    restart();
}

void VersionReader::restart() {
    try {
        reader_ = std::make_unique<domain::StreamReader>(key_, version_.header);
    } catch (const std::invalid_argument& e) {
        throw DamagedFile(e.what());
    }
    seq_ = 0;
    bytes_ = 0;
    done_ = false;
}

std::optional<std::string> VersionReader::next() {
    if (done_) return std::nullopt;
    const std::string where = "version " + std::to_string(version_.id) + ", chunk " + std::to_string(seq_);
    if (seq_ >= version_.chunk_count) throw DamagedFile(where + ": the file ends without its final chunk");
    auto cipher = store::DocumentStore(*session_).chunk(version_.id, seq_);
    if (!cipher) throw DamagedFile(where + " is missing");
    bool last = false;
    auto plain = reader_->pull(*cipher, last);
    if (!plain) throw DamagedFile(where + " fails its authentication (changed, swapped or truncated)");
    bytes_ += static_cast<long long>(plain->size());
    ++seq_;
    if (last != (seq_ == version_.chunk_count)) throw DamagedFile(where + ": the final chunk is not the last one");
    if (last && bytes_ != version_.size_bytes) throw DamagedFile(where + ": the file's size is not the recorded one");
    done_ = last;
    return plain;
}

void VersionReader::verify() {
    while (next()) {
    }
    restart();
}

}  // namespace latitudes::service
