// Browser test of the accounts: a French visitor creates an account (a weak password is refused
// first, the form keeps what was typed), receives the confirmation mail through a real SMTP server
// (scripts/smtp-sink.py), follows its link, logs in, sees "Mon espace" and logs out.
//
// Run from the repository root: node --test tests/browser/
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core, /usr/bin/chromium
// (or CHROMIUM_PATH) and Debian's python3-aiosmtpd. Screenshots are written to build/test-artefacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openFrenchPage } from './support/browser.mjs';
import { startDemoServer, stopProcess } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const fr = JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8'));

const displayName = 'Camille Dupré';
const email = `camille.${crypto.randomBytes(6).toString('hex')}@example.org`;
const weakPassword = 'azerty';
const passphrase = 'girafe orange sous la pluie 1987';

let sink;
let server;
let baseUrl;
let browser;
let context;
let page;
let confirmLink;
let consoleErrors = [];
let pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// scripts/smtp-sink.py on a free port, writing into a temporary folder; resolves once it prints "ready".
async function startSmtpSink() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latitudes-smtp-sink-'));
  const proc = spawn('/usr/bin/python3', [path.resolve('scripts/smtp-sink.py'), String(port), dir],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMTP sink not ready after 15 s:\n${output}`)), 15_000);
    proc.stdout.on('data', (d) => {
      output += d;
      if (output.includes('ready')) { clearTimeout(timer); resolve(); }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`SMTP sink exited early (${code ?? signal}):\n${output}`));
    });
  });
  return {
    port,
    dir,
    output: () => output,
    stop: () => stopProcess(proc, exited, dir, 10_000),
  };
}

// ---- A minimal reading of the messages the server sends (multipart/alternative, quoted-printable) ----

function splitHeaders(raw) {
  const end = raw.indexOf('\r\n\r\n');
  assert.ok(end > 0, 'message without a blank line after the headers');
  const headers = {};
  // Unfold (CRLF followed by white space), then one header per line.
  for (const line of raw.slice(0, end).replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(end + 4) };
}

// RFC 2047: encoded-words, the white space between two adjacent ones being ignored.
function decodeHeader(value) {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc, text) => (enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' '))));
}

function decodeQuotedPrintable(text) {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < unfolded.length; i++) {
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw) {
  const { headers, body } = splitHeaders(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
  assert.ok(boundary, `multipart message expected, Content-Type: ${headers['content-type']}`);
  const parts = {};
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = splitHeaders(chunk.replace(/^\r\n/, ''));
    const type = (part.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    const qp = /quoted-printable/i.test(part.headers['content-transfer-encoding'] || '');
    parts[type] = qp ? decodeQuotedPrintable(part.body) : part.body;
  }
  return { headers, parts };
}

// Waits up to `timeoutMs` for a .eml in the sink folder addressed to `to`.
async function waitForMail(to, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const name of fs.readdirSync(sink.dir).filter((n) => n.endsWith('.eml')).sort()) {
      const raw = fs.readFileSync(path.join(sink.dir, name), 'latin1');
      const { headers } = splitHeaders(raw);
      if ((headers.to || '').includes(to)) return { name, raw: fs.readFileSync(path.join(sink.dir, name), 'utf8') };
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${to} after ${timeoutMs / 1000} s; folder: ${fs.readdirSync(sink.dir).join(', ')}\n` +
                      `server output:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function screenshot(name) {
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
}

async function errorItems() {
  return page.locator('[data-testid=signup-errors] li').allInnerTexts();
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  sink = await startSmtpSink();
  server = await startDemoServer('accounts', { env: { LATITUDES_SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
  baseUrl = server.baseUrl;

  ({ browser, context, page, consoleErrors, pageErrors } = await openFrenchPage(baseUrl));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  let serverResult;
  if (server) serverResult = await server.stop();
  if (sink) await sink.stop();
  if (serverResult) {
    assert.equal(serverResult.signal, null, `server killed by ${serverResult.signal}:\n${server.output()}`);
    assert.equal(serverResult.code, 0, `server exit code ${serverResult.code} after SIGTERM:\n${server.output()}`);
  }
});

test('sign-up form: reached from the login page, a weak password is refused and the form keeps its values', async () => {
  const res = await page.goto('/login');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/signup'),
    page.locator('main').getByRole('link', { name: 'Créer un compte', exact: true }).click(),
  ]);
  assert.equal((await page.locator('h1').innerText()).trim(), fr['signup.heading']);

  await page.getByLabel('Nom affiché', { exact: true }).fill(displayName);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Vous êtes', { exact: true }).selectOption({ label: 'étudiant·e' });
  await page.getByLabel('Mot de passe', { exact: true }).fill(weakPassword);

  // The browser itself refuses the short password (minlength="12"): no request is sent.
  const password = page.getByLabel('Mot de passe', { exact: true });
  assert.equal(await password.evaluate((el) => el.validity.tooShort), true, 'minlength checked by the browser');
  // The server must refuse it too: submit without the browser's validation.
  await page.locator('form[action="/signup"]').evaluate((form) => { form.noValidate = true; });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup'),
    page.getByRole('button', { name: 'Créer mon compte' }).click(),
  ]);
  assert.equal(response.status(), 422);
  await page.waitForLoadState('load');

  const errors = page.locator('[data-testid=signup-errors]');
  await errors.waitFor();
  assert.equal(await errors.getAttribute('role'), 'alert');
  assert.ok((await errors.innerText()).includes(fr['signup.errors']), await errors.innerText());
  const items = await errorItems();
  const tooShort = fr['password.problem.too_short'].replace('{min}', '12');
  assert.ok(items.includes(tooShort), `error list: ${JSON.stringify(items)}`);
  assert.ok(items.some((t) => t.includes('12 caractères')), `error list: ${JSON.stringify(items)}`);

  assert.equal(await page.getByLabel('Nom affiché', { exact: true }).inputValue(), displayName);
  assert.equal(await page.getByLabel('Adresse e-mail', { exact: true }).inputValue(), email);
  assert.equal(await page.getByLabel('Vous êtes', { exact: true }).inputValue(), 'student');
  assert.equal(await page.getByLabel('Mot de passe', { exact: true }).inputValue(), '', 'the password is never echoed');
  await screenshot('browser-signup.png');
});

test('sign-up with a strong passphrase: "check your inbox" notice', async () => {
  await page.getByLabel('Mot de passe', { exact: true }).fill(passphrase);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup'),
    page.getByRole('button', { name: 'Créer mon compte' }).click(),
  ]);
  assert.equal(response.status(), 200);
  await page.waitForLoadState('load');
  const notice = page.locator('[data-testid=notice]');
  assert.equal((await notice.locator('h1').innerText()).trim(), 'Vérifiez votre boîte e-mail');
  assert.ok((await notice.innerText()).includes(fr['signup.sent.text']));
  assert.equal(await page.locator('[data-testid=signup-errors]').count(), 0);
});

test('the confirmation mail arrives through SMTP, in French, with the link', async () => {
  const { name, raw } = await waitForMail(email);
  const { headers, parts } = parseMail(raw);
  assert.ok(headers.to.includes(email), `To: ${headers.to}`);

  assert.match(headers.subject, /^=\?UTF-8\?[BQ]\?/i, `Subject not RFC 2047 encoded: ${headers.subject}`);
  assert.ok(/^[\x20-\x7e]*$/.test(headers.subject), `raw Subject not ASCII: ${headers.subject}`);
  assert.equal(decodeHeader(headers.subject), fr['mail.confirm_email.subject']);

  const text = parts['text/plain'];
  assert.ok(text, `${name}: no text/plain part`);
  assert.ok(text.includes(fr['mail.confirm_email.intro']), `${name}: text part:\n${text}`);
  assert.ok(text.includes(displayName), `${name}: the name, in UTF-8:\n${text}`);
  const port = new URL(baseUrl).port;
  const match = new RegExp(`http://127\\.0\\.0\\.1:${port}/confirm\\?token=[^\\s<>"]+`).exec(text);
  assert.ok(match, `${name}: no confirmation link to ${baseUrl} in:\n${text}`);
  confirmLink = match[0];
  assert.ok(new URL(confirmLink).searchParams.get('token').length >= 20, confirmLink);
  assert.ok(parts['text/html']?.includes(confirmLink.replace(/&/g, '&amp;')), `${name}: the HTML part has the link`);
});

test('the link confirms the address, then log in, "Mon espace", log out', async () => {
  assert.ok(confirmLink, 'link from the previous test');
  let res = await page.goto(confirmLink);
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('[data-testid=notice] h1').innerText()).trim(), 'Adresse confirmée');

  await Promise.all([
    page.waitForURL((u) => u.pathname === '/login'),
    page.locator('[data-testid=notice]').getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(passphrase);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/me'),
    page.locator('main form').getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Mon espace');
  assert.equal((await page.locator('[data-testid=me-email]').innerText()).trim(), email);
  assert.equal((await page.locator('[data-testid=me-name]').innerText()).trim(), displayName);
  const navMe = page.locator('[data-testid=nav-me]');
  assert.equal((await navMe.innerText()).trim(), 'Mon espace');
  assert.equal(await navMe.getAttribute('aria-current'), 'page');
  await screenshot('browser-me.png');

  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.getByRole('button', { name: 'Se déconnecter' }).click(),
  ]);
  assert.ok((await page.locator('h1').first().innerText()).includes(fr['home.heading']));
  assert.equal(await page.locator('[data-testid=nav-me]').count(), 0, 'no "Mon espace" once logged out');

  res = await page.goto('/me');
  assert.equal(new URL(page.url()).pathname, '/login', `/me after logout: ${page.url()}`);
  assert.equal(res.status(), 200);
  assert.equal(res.request().redirectedFrom()?.url(), `${baseUrl}/me`);
});

test('no script error during the visit', (t) => {
  for (const e of consoleErrors) t.diagnostic(`console error: ${e}`);
  const csp = consoleErrors.filter((e) => /Content Security Policy/i.test(e));
  assert.deepEqual(csp, [], `CSP violations:\n${csp.join('\n')}`);
  assert.deepEqual(pageErrors, [], `page errors:\n${pageErrors.join('\n')}`);
});
