-- Writes are limited per account (a token in a loop once made 10,653 drafts in 20 s): the limit
-- on new needs counts an author's needs of the last hour, read through this index.
CREATE INDEX needs_created_by_at ON needs (created_by, created_at);
