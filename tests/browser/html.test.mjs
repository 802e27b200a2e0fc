// Every public page is valid HTML5: the pages are fetched from a real server with the demo data
// and checked by the Nu Html Checker (vnu.jar from npm, run with Debian's Java).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoServer } from './support/latitudes-server.mjs';

const vnu = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
let server;

before(async () => { server = await startDemoServer('html'); });
after(async () => {
  if (server) assert.equal((await server.stop()).code, 0);
});

test('public pages are valid HTML5 in both languages', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latitudes-html-'));
  const pages = ['/', '/projects', '/projects?sdg=4&q=education', '/projects?sdg=99', '/projects/entourage',
                 '/impact', '/partners', '/about', '/login', '/signup', '/password/forgot', '/password/reset?token=abc', '/no-such-page'];
  const files = [];
  for (const lang of ['fr', 'en']) {
    for (const target of pages) {
      const res = await fetch(`${server.baseUrl}${target}${target.includes('?') ? '&' : '?'}lang=${lang}`);
      assert.match(res.headers.get('content-type'), /^text\/html/, target);
      const file = path.join(dir, `${lang}${target.replace(/[^a-z0-9]+/gi, '_')}.html`);
      fs.writeFileSync(file, await res.text());
      files.push(file);
    }
  }
  const check = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files],
                          { encoding: 'utf8', timeout: 120_000 });
  assert.ok(check.stderr, `vnu.jar did not run: ${check.error || check.status}`);
  const messages = JSON.parse(check.stderr).messages;
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.deepEqual(errors.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.message}`), []);
  fs.rmSync(dir, { recursive: true, force: true });
});
