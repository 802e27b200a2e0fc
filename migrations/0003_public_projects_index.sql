-- The public catalogue lists public projects newest first. A partial index on exactly the public
-- statuses lets both engines walk it backwards and stop after one page, instead of sorting every
-- public project for each page (measured: 30 ms -> under 1 ms per page with 10,000 projects).
-- Queries repeat this literal list (see store/projects.cpp). The (status, id) index goes: SQLite
-- preferred it for "status IN (...)" and then sorted the whole result.
DROP INDEX projects_status_id;
CREATE INDEX projects_public_id ON projects (id)
  WHERE status IN ('published', 'in_progress', 'delivered', 'evaluated');
