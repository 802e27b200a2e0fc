-- Sign-up asks consent to the terms and the privacy notice (/privacy): when it was given and to
-- which version of the notice, as proof (RGPD article 7). Accounts made by staff on the command
-- line, or before this migration, have none.
ALTER TABLE accounts ADD COLUMN terms_accepted_at TEXT;
ALTER TABLE accounts ADD COLUMN terms_version TEXT;
