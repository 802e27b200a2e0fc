// SQL on the SQLite database of a server started by startDemoServer, through Debian's sqlite3
// client: for the few facts the browser tests set up or change without a page for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// Runs `statement` on `database` (a "sqlite:/path" URL as startDemoServer returns it) while the
// server may be writing too (a busy timeout); resolves to the rows, one string of |-separated
// values a row.
export function sql(database, statement) {
  assert.ok(database.startsWith('sqlite:'), `a SQLite database expected, not ${database}`);
  const run = spawnSync('sqlite3', ['-cmd', '.timeout 10000', database.slice('sqlite:'.length), statement],
                        { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, `sqlite3 failed (${run.status} ${run.error || ''}): ${statement}\n${run.stderr}`);
  return run.stdout.split('\n').filter((line) => line !== '');
}
