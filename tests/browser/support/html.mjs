// The Nu Html Checker (vnu.jar from npm, run with Debian's Java) on pages a browser test saved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const vnu = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

// Runs the checker on the files; asserts there is no error.
export function assertValidHtml(files) {
  const check = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files],
                          { encoding: 'utf8', timeout: 120_000 });
  assert.ok(check.stderr, `vnu.jar did not run: ${check.error || check.status}`);
  const errors = JSON.parse(check.stderr).messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.deepEqual(errors.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.message}`), []);
}
