// Browser test of the accounts: a French visitor creates an account (a weak password is refused
// first, the form keeps what was typed), receives the confirmation mail through a real SMTP server
// (scripts/smtp-sink.py), follows its link, logs in, sees "Mon espace" and logs out.
//
// Run from the repository root: node --test tests/browser/
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core, /usr/bin/chromium
// (or CHROMIUM_PATH) and Debian's python3-aiosmtpd. Screenshots are written to build/test-artefacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openFrenchPage } from './support/browser.mjs';
import { submitLogIn } from './support/accounts.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';
import { decodeHeader, linkIn, startSmtpSink, waitForMail } from './support/mail.mjs';

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

async function screenshot(name) {
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
}

async function errorItems() {
  return page.locator('[data-testid=error-summary] li').allInnerTexts();
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  sink = await startSmtpSink();
  server = await startDemoServer('accounts', { env: { LATITUDES_SMTP_URL: sink.url } });
  baseUrl = server.baseUrl;

  ({ browser, context, page, consoleErrors, pageErrors } = await openFrenchPage(baseUrl));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopCleanly(server, sink);
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

  const errors = page.locator('[data-testid=error-summary]');
  await errors.waitFor();
  assert.equal(await errors.getAttribute('role'), 'alert');
  assert.ok((await errors.innerText()).includes(fr['form.errors_title']), await errors.innerText());
  const items = await errorItems();
  const tooShort = fr['password.problem.too_short'].replace('{min}', '12');
  assert.ok(items.includes(tooShort), `error list: ${JSON.stringify(items)}`);
  assert.ok(items.some((t) => t.includes('12 caractères')), `error list: ${JSON.stringify(items)}`);

  assert.equal(await page.getByLabel('Nom affiché', { exact: true }).inputValue(), displayName);
  assert.equal(await page.getByLabel('Adresse e-mail', { exact: true }).inputValue(), email);
  assert.equal(await page.getByLabel('Vous êtes', { exact: true }).inputValue(), 'student');
  assert.equal(await page.getByLabel('Mot de passe', { exact: true }).inputValue(), '', 'the password is never echoed');
  // Each problem is also next to its field, and the summary's link moves to it.
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
  assert.ok((await page.locator('#password-error').innerText()).includes(tooShort));
  assert.ok((await page.locator('#consent-error').innerText()).includes(fr['signup.error.consent']));
  await page.locator('[data-testid=error-summary] a[href="#password"]').first().click();
  assert.equal(await page.evaluate(() => location.hash), '#password', 'the summary link leads to the field');
  await screenshot('browser-signup.png');
});

test('sign-up with a strong passphrase: "check your inbox" notice', async () => {
  await page.getByLabel('Mot de passe', { exact: true }).fill(passphrase);
  await page.getByLabel(/J'accepte les conditions/).check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup'),
    page.getByRole('button', { name: 'Créer mon compte' }).click(),
  ]);
  assert.equal(response.status(), 200);
  await page.waitForLoadState('load');
  const notice = page.locator('[data-testid=notice]');
  assert.equal((await notice.locator('h1').innerText()).trim(), 'Vérifiez votre boîte e-mail');
  assert.ok((await notice.innerText()).includes(fr['signup.sent.text']));
  assert.equal(await page.locator('[data-testid=error-summary]').count(), 0);
});

test('the confirmation mail arrives through SMTP, in French, with the link', async () => {
  const { name, headers, parts } = await waitForMail(sink, { to: email, serverOutput: server.output });
  assert.ok(headers.to.includes(email), `To: ${headers.to}`);

  assert.match(headers.subject, /^=\?UTF-8\?[BQ]\?/i, `Subject not RFC 2047 encoded: ${headers.subject}`);
  assert.ok(/^[\x20-\x7e]*$/.test(headers.subject), `raw Subject not ASCII: ${headers.subject}`);
  assert.equal(decodeHeader(headers.subject), fr['mail.confirm_email.subject']);

  const text = parts['text/plain'];
  assert.ok(text, `${name}: no text/plain part`);
  assert.ok(text.includes(fr['mail.confirm_email.intro']), `${name}: text part:\n${text}`);
  assert.ok(text.includes(displayName), `${name}: the name, in UTF-8:\n${text}`);
  confirmLink = linkIn(text, baseUrl, '/confirm');
  assert.ok(confirmLink, `${name}: no confirmation link to ${baseUrl} in:\n${text}`);
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
  await submitLogIn(page, { email, password: passphrase });
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
