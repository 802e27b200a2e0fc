-- Catalogue sorts and saved searches (issue 4).
-- "Nouveautés" (the default order) lists public projects by publication, newest first. A project
-- that became public without a publication date counts from its creation. Queries repeat this
-- expression and the literal list of public statuses exactly (store/projects.cpp), so that both
-- engines walk this partial index backwards and stop after one page, as with migration 0003.
CREATE INDEX projects_public_published ON projects (COALESCE(published_at, created_at), id)
  WHERE status IN ('published', 'in_progress', 'delivered', 'evaluated');

-- The weekly digest of a saved search is written in the language of the page it was saved from.
ALTER TABLE saved_searches ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));

-- The digest job looks for searches whose last digest is old enough.
CREATE INDEX saved_searches_last_sent ON saved_searches (last_sent_at);
