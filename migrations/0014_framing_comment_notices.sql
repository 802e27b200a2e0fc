-- Who is still to be told of which comment on a framing sheet (issue 10): one row per comment and
-- person on the other side of the conversation, written in the comment's transaction. The hourly
-- digest (src/jobs/comment_digests.cpp) sets notified_at in the transaction that queues its mail,
-- so a restart, a second run or a second server sends nothing twice, and a person's last
-- notified_at says when they were last told (at most one digest an hour).
CREATE TABLE framing_comment_notices (
  comment_id  INTEGER NOT NULL REFERENCES framing_comments (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  notified_at TEXT,
  PRIMARY KEY (comment_id, person_id)
);
CREATE INDEX framing_comment_notices_person ON framing_comment_notices (person_id, notified_at);
