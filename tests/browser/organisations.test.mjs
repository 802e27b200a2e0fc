// Browser test of organisations and invitations, end to end through the French UI and a real SMTP
// server (scripts/smtp-sink.py): Amélie signs up, confirms her address through the mailed link,
// logs in, creates an organisation from "Mon espace" and invites Bastien by e-mail; the invitation
// mail arrives, in French, naming the organisation and Amélie. Bastien, in another browser, opens
// it logged out, creates his account from it, confirms it, comes back to the invitation through its
// log-in button, joins, and finds the organisation in his "Mon espace".
//
// Run from the repository root: node --test tests/browser/
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core, /usr/bin/chromium
// (or CHROMIUM_PATH) and Debian's python3-aiosmtpd. Screenshots are written to build/test-artefacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { confirmThroughMail, submitLogIn, submitSignUp } from './support/accounts.mjs';
import { openFrenchContext, openFrenchPage } from './support/browser.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';
import { decodeHeader, linkIn, startSmtpSink, waitForMail } from './support/mail.mjs';

const artefacts = path.resolve('build/test-artefacts');
const fr = JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8'));

const suffix = crypto.randomBytes(6).toString('hex');
const amelie = { name: "Amélie N'Diaye", email: `amelie.${suffix}@example.org`, role: 'beneficiary',
                 password: 'girafe orange sous la pluie 1987' };
const bastien = { name: 'Bastien Lefèvre', email: `bastien.${suffix}@example.org`, role: 'professional',
                  password: 'quatre chats bleus dansent 2024' };
const organisation = { name: "Les Jardins d'Émile & Cie", kind: 'social_enterprise', city: 'Lyon',
                       website: 'https://jardins-emile.example.org',
                       description: 'Des potagers partagés au pied des immeubles, ouverts à tout le quartier.' };
const mailFrom = '"Équipe Latitudes" <ne-pas-repondre@latitudes.example.org>';

let sink;
let server;
let baseUrl;
let browser;
let a;          // Amélie's browser context: {context, page, consoleErrors, pageErrors}
let b;          // Bastien's, opened later: other cookies, another visitor
let orgPath;    // /orgs/{slug}
let invitationLink;

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
}

// The rows of the members table: [[name, role], ...].
async function memberRows(page) {
  return page.locator('[data-testid=org-members] tbody tr').evaluateAll(
    (rows) => rows.map((row) => [...row.cells].slice(0, 2).map((cell) => cell.textContent.trim())));
}

// Clicks what `locator` names and resolves once the browser is at a URL that satisfies `landing`.
async function clickTo(page, locator, landing) {
  await Promise.all([page.waitForURL(landing), locator.click()]);
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  sink = await startSmtpSink();
  server = await startDemoServer('organisations',
                                 { env: { LATITUDES_SMTP_URL: sink.url, LATITUDES_MAIL_FROM: mailFrom } });
  baseUrl = server.baseUrl;
  const opened = await openFrenchPage(baseUrl);
  browser = opened.browser;
  a = opened;
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopCleanly(server, sink);
});

test('Amélie signs up as a member of a beneficiary organisation, confirms through the mail, logs in', async () => {
  const { page } = a;
  const res = await page.goto('/signup');
  assert.equal(res.status(), 200);
  await submitSignUp(page, amelie);
  await confirmThroughMail(page, sink, amelie, { baseUrl, serverOutput: server.output });
  await clickTo(page, page.locator('[data-testid=notice]').getByRole('button', { name: 'Se connecter' }),
                (u) => u.pathname === '/login');
  await submitLogIn(page, amelie);

  assert.equal((await page.locator('h1').innerText()).trim(), fr['me.heading']);
  assert.equal((await page.locator('[data-testid=me-name]').innerText()).trim(), amelie.name);
  assert.equal((await page.locator('[data-testid=me-email]').innerText()).trim(), amelie.email);
  assert.ok((await page.locator('main dl').innerText()).includes(fr['role.beneficiary']));
  assert.equal(await page.locator('[data-testid=me-organisations]').count(), 0);
  assert.ok((await page.locator('#orgs-title + p').innerText()).includes(fr['me.no_organisations']));
});

test('from "Mon espace" she creates an organisation: unverified, she is its admin', async () => {
  const { page } = a;
  await clickTo(page, page.locator('main').getByRole('button', { name: fr['me.new_organisation'], exact: true }),
                (u) => u.pathname === '/orgs/new');
  assert.equal((await page.locator('h1').innerText()).trim(), fr['org.new.heading']);
  assert.equal(await page.locator('[data-testid=error-summary]').count(), 0);

  await page.getByLabel(fr['org.name'], { exact: true }).fill(organisation.name);
  await page.getByLabel(fr['org.kind'], { exact: true }).selectOption(organisation.kind);
  await page.getByLabel(fr['org.city'], { exact: true }).fill(organisation.city);
  await page.getByLabel(fr['org.website'], { exact: true }).fill(organisation.website);
  await page.getByLabel(fr['org.description'], { exact: true }).fill(organisation.description);
  await screenshot(page, 'browser-org-new.png');
  await clickTo(page, page.getByRole('button', { name: fr['org.new.submit'], exact: true }),
                (u) => /^\/orgs\/[^/]+$/.test(u.pathname) && u.pathname !== '/orgs/new');
  orgPath = new URL(page.url()).pathname;

  assert.equal((await page.locator('h1').innerText()).trim(), organisation.name);
  assert.equal((await page.locator('hgroup p').innerText()).trim(), `${fr['kind.social_enterprise']} · ${organisation.city}`);
  assert.equal((await page.locator('[data-testid=org-unverified]').innerText()).trim(), fr['org.unverified']);
  assert.equal(await page.getByRole('link', { name: organisation.website }).getAttribute('href'), organisation.website);
  assert.ok((await page.locator('main').innerText()).includes(organisation.description));
  assert.equal(await page.locator('[data-testid=org-notice]').count(), 0);
  assert.deepEqual(await memberRows(page), [[amelie.name, fr['org.role.admin']]]);
  assert.equal(await page.locator('[data-testid=org-pending]').count(), 0);
  assert.equal(await page.locator('[data-testid=org-leave]').count(), 0, 'the only admin is not offered to leave');
  await screenshot(page, 'browser-org-created.png');
});

test('she invites Bastien by e-mail: "Invitation envoyée.", his address among the pending invitations', async () => {
  const { page } = a;
  const form = page.locator('[data-testid=org-invite]');
  await form.getByLabel(fr['org.invite_email'], { exact: true }).fill(bastien.email);
  await clickTo(page, form.getByRole('button', { name: fr['org.invite'], exact: true }),
                (u) => u.pathname === orgPath && u.searchParams.get('done') === 'invited');

  assert.equal((await page.locator('[data-testid=org-notice]').innerText()).trim(), fr['org.done.invited']);
  const pending = await page.locator('[data-testid=org-pending] li').allInnerTexts();
  assert.equal(pending.length, 1, JSON.stringify(pending));
  assert.ok(pending[0].startsWith(bastien.email), pending[0]);
  assert.ok(pending[0].includes(fr['org.pending_until']), pending[0]);
  assert.deepEqual(await memberRows(page), [[amelie.name, fr['org.role.admin']]], 'not a member before accepting');
  await screenshot(page, 'browser-org-invited.png');
});

test('the invitation mail reaches Bastien through SMTP, in French, naming the organisation and Amélie', async () => {
  const mail = await waitForMail(sink, { to: bastien.email, subject: fr['mail.invitation.subject'],
                                         serverOutput: server.output });
  const { name, headers, parts } = mail;
  assert.match(headers.subject, /^=\?UTF-8\?[BQ]\?/i, `Subject not RFC 2047 encoded: ${headers.subject}`);
  assert.equal(mail.subject, `${fr['mail.invitation.subject']} — ${organisation.name}`);
  assert.equal(decodeHeader(headers.from), 'Équipe Latitudes <ne-pas-repondre@latitudes.example.org>');

  const text = parts['text/plain'];
  assert.ok(text, `${name}: no text/plain part`);
  for (const expected of [`${fr['mail.greeting']},`, fr['mail.invitation.intro'],
                          `${fr['mail.invitation.organisation']} ${organisation.name}`,
                          `${fr['mail.invitation.inviter']} ${amelie.name}`, fr['mail.invitation.ignore']])
    assert.ok(text.includes(expected), `${name}: "${expected}" not in the text part:\n${text}`);

  invitationLink = linkIn(text, baseUrl, '/invitations/accept');
  assert.ok(invitationLink, `${name}: no invitation link to ${baseUrl} in:\n${text}`);
  const url = new URL(invitationLink);
  assert.ok(url.searchParams.get('token')?.length >= 20, invitationLink);
  assert.equal(url.searchParams.get('lang'), 'fr', invitationLink);

  const html = parts['text/html'];
  assert.ok(html?.includes(`href="${invitationLink.replace(/&/g, '&amp;')}"`), `${name}: the HTML part has the link`);
  // The HTML part as a mail client shows it: rendered by Chromium, scripts off.
  const viewer = await browser.newContext({ javaScriptEnabled: false });
  try {
    const view = await viewer.newPage();
    await view.setContent(html);
    assert.equal(await view.getAttribute('html', 'lang'), 'fr');
    const shown = await view.locator('body').innerText();
    for (const expected of [`${fr['mail.invitation.organisation']} ${organisation.name}`,
                            `${fr['mail.invitation.inviter']} ${amelie.name}`])
      assert.ok(shown.includes(expected), `${name}: "${expected}" not in the HTML part as shown:\n${shown}`);
    const button = view.getByRole('link', { name: fr['mail.invitation.action'], exact: true });
    assert.equal(await button.getAttribute('href'), invitationLink);
  } finally {
    await viewer.close();
  }
});

test('Bastien, logged out, opens the invitation: the organisation and a log-in button, no way to accept yet', async () => {
  b = await openFrenchContext(browser, baseUrl);
  const { page } = b;
  const res = await page.goto(invitationLink);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['referrer-policy'], 'no-referrer', 'the token in the address goes nowhere');
  const invitation = page.locator('[data-testid=invitation]');
  assert.equal((await invitation.locator('p strong').first().innerText()).trim(), organisation.name);
  assert.ok((await invitation.innerText()).includes(bastien.email));
  assert.ok((await invitation.innerText()).includes(fr['invitation.login_first']));
  assert.equal(await page.locator('[data-testid=invitation-accept]').count(), 0);

  const login = page.locator('[data-testid=invitation-login]');
  const href = new URL(await login.getAttribute('href'), baseUrl);
  assert.equal(href.pathname, '/login');
  const token = new URL(invitationLink).searchParams.get('token');
  assert.equal(href.searchParams.get('next'), `/invitations/accept?token=${token}`);
  await screenshot(page, 'browser-invitation-logged-out.png');
});

test('he creates his account from the invitation page and confirms it through the mail', async () => {
  const { page } = b;
  await clickTo(page, page.locator('[data-testid=invitation]').getByRole('button', { name: fr['nav.signup'], exact: true }),
                (u) => u.pathname === '/signup');
  assert.equal(await page.locator('#email').inputValue(), bastien.email, 'the invited address is filled in');
  await submitSignUp(page, bastien);
  await confirmThroughMail(page, sink, bastien, { baseUrl, serverOutput: server.output });
});

test('he reopens the invitation, logs in through its button and lands back on it, able to join', async () => {
  const { page } = b;
  assert.equal((await page.goto(invitationLink)).status(), 200);
  await clickTo(page, page.locator('[data-testid=invitation-login]'),
                (u) => u.pathname === '/login' && u.searchParams.has('next'));
  await submitLogIn(page, bastien, (u) => u.pathname === '/invitations/accept');
  assert.equal(new URL(page.url()).searchParams.get('token'), new URL(invitationLink).searchParams.get('token'));

  assert.equal(await page.locator('[data-testid=nav-me]').count(), 1, 'logged in');
  assert.equal((await page.locator('[data-testid=invitation] p strong').first().innerText()).trim(), organisation.name);
  const accept = page.locator('[data-testid=invitation-accept]');
  assert.equal((await accept.innerText()).trim(), fr['invitation.accept']);
  assert.equal(await page.locator('[data-testid=invitation-login]').count(), 0);
  assert.equal(await page.locator('[data-testid=invitation-other-account]').count(), 0);
  await screenshot(page, 'browser-invitation-logged-in.png');
});

test('Amélie, logged in with another address, is told so and cannot accept it', async () => {
  const { page } = a;
  const res = await page.goto(invitationLink);
  assert.equal(res.status(), 200);
  assert.ok((await page.locator('[data-testid=invitation-other-account]').innerText()).includes(amelie.email));
  assert.equal(await page.locator('[data-testid=invitation-accept]').count(), 0);
  assert.equal(await page.locator('[data-testid=invitation-login]').count(), 0);
});

test('Bastien joins: welcome notice, both names among the members, the organisation in his "Mon espace"', async () => {
  const { page } = b;
  await clickTo(page, page.locator('[data-testid=invitation-accept]'),
                (u) => u.pathname === orgPath && u.searchParams.get('done') === 'joined');
  assert.equal((await page.locator('h1').innerText()).trim(), organisation.name);
  assert.equal((await page.locator('[data-testid=org-notice]').innerText()).trim(), fr['org.done.joined']);
  assert.equal(await page.locator('[data-testid=org-unverified]').count(), 1);
  assert.deepEqual((await memberRows(page)).sort(),
                   [[amelie.name, fr['org.role.admin']], [bastien.name, fr['org.role.member']]].sort());
  await screenshot(page, 'browser-org-joined.png');

  await clickTo(page, page.locator('[data-testid=nav-me]'), (u) => u.pathname === '/me');
  const orgs = page.locator('[data-testid=me-organisations] li');
  assert.equal(await orgs.count(), 1);
  const item = await orgs.innerText();
  assert.ok(item.includes(organisation.name) && item.includes(fr['org.role.member']) && item.includes(fr['me.unverified']), item);
  assert.equal(await orgs.getByRole('link', { name: organisation.name }).getAttribute('href'), orgPath);
  await screenshot(page, 'browser-me-organisations.png');
});

test('the invitation link is spent; Amélie sees Bastien among the members and nothing pending', async () => {
  // Through the context's request API (same cookies), so that the expected 400 is no console error.
  const spent = await b.context.request.get(invitationLink);
  assert.equal(spent.status(), 400);
  assert.ok((await spent.text()).includes(fr['invitation.invalid.title']));

  const { page } = a;
  const res = await page.goto(orgPath);
  assert.equal(res.status(), 200);
  assert.deepEqual((await memberRows(page)).sort(),
                   [[amelie.name, fr['org.role.admin']], [bastien.name, fr['org.role.member']]].sort());
  assert.equal(await page.locator('[data-testid=org-pending]').count(), 0);
});

test('no console error nor page error in either browser', (t) => {
  for (const [who, visit] of [['Amélie', a], ['Bastien', b]]) {
    assert.ok(visit, `${who}'s browser was opened`);
    for (const e of visit.consoleErrors) t.diagnostic(`${who}: console error: ${e}`);
    assert.deepEqual(visit.consoleErrors, [], `${who}: console errors (CSP violations among them?)`);
    assert.deepEqual(visit.pageErrors, [], `${who}: page errors:\n${visit.pageErrors.join('\n')}`);
  }
});
