// Every public page is valid HTML5: the pages are fetched from a real server with the demo data
// and checked by the Nu Html Checker (vnu.jar from npm, run with Debian's Java).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binary, startDemoServer } from './support/latitudes-server.mjs';
import { cookieValue } from './support/cookies.mjs';

const vnu = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

// Runs the Nu Html Checker on the files; asserts there is no error.
function assertValidHtml(files) {
  const check = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files],
                          { encoding: 'utf8', timeout: 120_000 });
  assert.ok(check.stderr, `vnu.jar did not run: ${check.error || check.status}`);
  const errors = JSON.parse(check.stderr).messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.deepEqual(errors.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.message}`), []);
}
let server;

before(async () => { server = await startDemoServer('html'); });
after(async () => {
  if (server) assert.equal((await server.stop()).code, 0);
});

test('public pages are valid HTML5 in both languages', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latitudes-html-'));
  const pages = ['/', '/projects', '/projects?sdg=4&q=education', '/projects?sdg=99', '/projects/entourage',
                 '/projects?sort=closing&level=collaborator&format=internship', '/projects?sort=new&status=published&skill=data-science',
                 '/showcase', '/showcase?status=delivered', '/impact', '/partners', '/about', '/login', '/signup', '/password/forgot', '/password/reset?token=abc', '/no-such-page'];
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
  assertValidHtml(files);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Pages behind a log-in: fetched with a staff session (staff see every page) and with a student
// session (the profile form differs by role), in both languages.
test('personal, organisation and staff pages are valid HTML5 in both languages', async () => {
  const personal = await startDemoServer('html-personal', { args: ['--dev'] });
  try {
    const password = 'correct horse battery staple 42';
    const logIn = async (email, role) => {
      const created = spawnSync(binary, ['user', 'create', '--email', email, '--name', 'Val Idé', '--role', role,
                                         '--database', personal.database], { input: `${password}\n`, encoding: 'utf8' });
      assert.equal(created.status, 0, created.stderr);
      const csrf = cookieValue(await fetch(`${personal.baseUrl}/login`), 'csrf');
      const res = await fetch(`${personal.baseUrl}/login`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${csrf}` },
        body: new URLSearchParams({ email, password, csrf }).toString() });
      assert.equal(res.status, 303);
      const sid = cookieValue(res, 'sid');
      const me = await (await fetch(`${personal.baseUrl}/me`, { headers: { cookie: `sid=${sid}` } })).text();
      return { sid, csrf: me.match(/name="csrf" value="([^"]+)"/)[1] };
    };
    const staff = await logIn('html.staff@latitudes.example', 'staff');
    const student = await logIn('html.student@latitudes.example', 'student');
    const created = await fetch(`${personal.baseUrl}/orgs/new`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sid=${staff.sid}` },
      body: new URLSearchParams({ name: 'Valide & Cie', kind: 'association', csrf: staff.csrf }).toString() });
    assert.equal(created.status, 303);
    const org = created.headers.get('location');
    await fetch(`${personal.baseUrl}${org}/invitations`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sid=${staff.sid}` },
      body: new URLSearchParams({ email: 'someone@example.org', csrf: staff.csrf }).toString() });

    const saved = await fetch(`${personal.baseUrl}/searches`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sid=${student.sid}` },
      body: new URLSearchParams({ name: 'Stages & eau', query: 'sdg=6&format=internship', csrf: student.csrf }).toString() });
    assert.equal(saved.status, 303);

    // A verified organisation with a submitted need, taken up and framed twice.
    const post = (target, fields) => fetch(`${personal.baseUrl}${target}`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sid=${staff.sid}` },
      body: new URLSearchParams({ ...fields, csrf: staff.csrf }).toString() });
    assert.equal((await post(`${org}/verify`, {})).status, 303);
    const need = await post('/needs/new', { organisation: org.slice(6), intent: 'submit', title: 'Besoin valide', summary: 'Résumé',
                                            format: 'internship', problem: 'Problème', beneficiaries: 'Publics', hopes: 'Espoirs',
                                            contact_name: 'Val', contact_email: 'val@example.org', sdg: '4' });
    assert.equal(need.status, 303);
    const needPath = need.headers.get('location').split('?')[0];
    const framingPath = needPath.replace('/needs/', '/framing/');
    assert.equal((await post(`${needPath}/status`, { to: 'framing' })).status, 303);
    assert.equal((await post(framingPath, { statement: 'Un', users: 'Eux', place: 'Lyon' })).status, 303);
    assert.equal((await post(framingPath, { statement: 'Deux', users: 'Eux', place: 'Lyon', compensation: '700' })).status, 303);
    await post(`${framingPath}/comments`, { body: 'Un commentaire' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latitudes-html-personal-'));
    const files = [];
    // [who, page, expected status]: the status proves the page itself was checked, not a redirect.
    const pages = [[staff, '/me', 200], [staff, '/me/profile', 200], [student, '/me/profile', 200], [staff, '/orgs/new', 200],
                   [staff, org, 200], [staff, `${org}?done=invited`, 200], [staff, '/admin', 200],
                   [staff, '/admin?q=val&role=staff', 200], [staff, '/admin/organisations', 200], [staff, '/admin/audit', 200],
                   [staff, '/dev/outbox', 200], [student, '/invitations/accept?token=nope', 400], [student, '/admin', 403],
                   [staff, '/needs/new', 200], [staff, needPath, 200], [staff, framingPath, 200], [staff, `${framingPath}?compare=2`, 200],
                   [staff, '/admin/needs', 200], [student, needPath, 404],
                   [staff, '/admin/semesters', 200], [staff, '/admin/semesters/1?done=created', 200], [student, '/admin/semesters', 403],
                   [student, '/projects?sdg=6&sort=closing', 200], [student, '/me/searches?done=saved', 200]];
    for (const lang of ['fr', 'en']) {
      for (const [who, target, status] of pages) {
        const res = await fetch(`${personal.baseUrl}${target}${target.includes('?') ? '&' : '?'}lang=${lang}`,
                                { headers: { cookie: `sid=${who.sid}` }, redirect: 'manual' });
        assert.equal(res.status, status, target);
        assert.match(res.headers.get('content-type'), /^text\/html/, target);
        const file = path.join(dir, `${lang}${who === staff ? '_staff' : '_student'}${target.replace(/[^a-z0-9]+/gi, '_')}.html`);
        fs.writeFileSync(file, await res.text());
        files.push(file);
      }
    }
    assertValidHtml(files);
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    assert.equal((await personal.stop()).code, 0);
  }
});
