-- The language of a mail nobody asked for is the one of the last mail to that address
-- (mail::Notifier::language_of): without this index each lookup read the whole outbox, so that
-- publishing a campaign's 2,000 mails took 2.2 s and grew with the outbox.
CREATE INDEX mail_outbox_to_address ON mail_outbox (to_address, id);
