// Browser test of the weekly update, on a 390 px phone without JavaScript: the demo student
// (etudiante@demo.latitudes.org) opens the link of the weekly mail, which sends her to log in and
// back to the one-screen form (hours prefilled from her last update); the form fits one phone
// screen, refuses negative hours with the message next to the field, then posts; the update is
// first in her team's log with the team's hours. The page has no horizontal overflow, no overlapping
// text and no axe violation; the workspace flags the overdue milestone in words.
//
// Run from the repository root: node --test tests/browser/followup.test.mjs
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core, /usr/bin/chromium
// (or CHROMIUM_PATH) and Debian's sqlite3. Screenshots are written to build/test-artefacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { axeViolations, horizontalOverflow, overlappingText } from './support/axe.mjs';
import { chromiumPath } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const fr = JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8'));
const student = { email: 'etudiante@demo.latitudes.org', password: 'latitudes demo 2027' };

let server;
let browser;
let phone;     // {context, page}
let teamId;

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('followup');
  teamId = sql(server.database,
               `SELECT MIN(tm.team_id) FROM team_members tm JOIN people p ON p.id = tm.person_id JOIN teams t ON t.id = tm.team_id
                WHERE p.email = '${student.email}' AND t.campaign_id IS NOT NULL`)[0];
  assert.match(teamId, /^\d+$/, 'the demo student has a team');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // An iPhone-sized phone, JavaScript off: the form must work as plain HTML.
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseUrl, viewport: { width: 390, height: 844 },
                                             isMobile: true, hasTouch: true, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  phone = { context, page };
});

after(async () => {
  if (browser) await browser.close();
  await stopCleanly(server);
});

test('a student posts her weekly update from a 390 px phone, without JavaScript', async () => {
  const { page } = phone;
  // The weekly mail's link: log in first, then straight back to the form.
  const link = `/teams/${teamId}/updates/new`;
  await page.goto(link);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(student.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(student.password);
  await Promise.all([page.waitForURL((u) => u.pathname === link), page.locator('form[action="/login"] button[type=submit]').click()]);

  // One screen: the four fields and the button are within the phone's first 844 px.
  const hours = page.getByLabel(fr['updates.hours'], { exact: true });
  const last = sql(server.database, `SELECT u.minutes FROM team_updates u JOIN people p ON p.id = u.person_id
                                     WHERE p.email = '${student.email}' AND u.team_id = ${teamId} ORDER BY u.week DESC LIMIT 1`)[0];
  assert.equal(await hours.inputValue(), String(Number(last) / 60).replace('.', ','), 'prefilled with her last hours');
  const button = page.getByRole('button', { name: fr['updates.send'] });
  const box = await button.boundingBox();
  assert.ok(box && box.y + box.height <= 844, `the send button is on the first screen (bottom at ${box && box.y + box.height})`);
  assert.deepEqual((await horizontalOverflow(page)).wider, []);
  await page.screenshot({ path: path.join(artefacts, 'followup-form-390.png'), fullPage: true });

  // Negative hours: refused, the message under the field, what was typed kept.
  await page.getByLabel(fr['updates.done'], { exact: true }).fill('Graphiques par point d\'eau, première version.');
  await page.getByLabel(fr['updates.next'], { exact: true }).fill('Les montrer à l\'association.');
  await hours.fill('-3');
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
  assert.equal(refused.status(), 422);
  await page.waitForLoadState('load');
  assert.equal((await page.locator('#hours-error').innerText()).trim(), fr['followup.error.hours.negative']);
  assert.equal(await page.locator('#hours').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel(fr['updates.next'], { exact: true }).inputValue(), 'Les montrer à l\'association.');
  await page.screenshot({ path: path.join(artefacts, 'followup-form-refused-390.png'), fullPage: true });

  // Then right: back to the workspace, the update first in the log, the hours counted.
  await page.locator('#hours').fill('2,5');
  await Promise.all([page.waitForURL((u) => u.pathname === `/teams/${teamId}`), page.getByRole('button', { name: fr['updates.send'] }).click()]);
  const first = page.locator('[data-testid=team-update]').first();
  assert.match(await first.innerText(), /Graphiques par point d'eau, première version\./);
  assert.match(await first.innerText(), /2,5 h/);
  // This week's update holds 2,5 h (posted again the same week, it replaces hers).
  const latest = sql(server.database, `SELECT u.minutes FROM team_updates u JOIN people p ON p.id = u.person_id
                                       WHERE p.email = '${student.email}' AND u.team_id = ${teamId} ORDER BY u.week DESC LIMIT 1`)[0];
  assert.equal(latest, '150');
  assert.match(await page.locator('[data-testid=team-hours]').innerText(), new RegExp(`${fr['updates.total_hours']}`));

  // The workspace on the phone: an overdue milestone said in words, nothing wider than the screen.
  assert.match(await page.locator('[data-testid=milestones-overdue]').innerText(), /en retard/);
  assert.ok(await page.locator('[data-testid=milestone-overdue]').count() >= 1);
  assert.deepEqual((await horizontalOverflow(page)).wider, []);
  // (closed <details> report boxes for what they do not draw: the visible parts are checked)
  for (const part of ['[data-testid=team-hours]', '.team-update dl', '.milestone-head', '.milestone-meta'])
    assert.deepEqual(await overlappingText(page, part), [], part);
  await page.screenshot({ path: path.join(artefacts, 'followup-team-390.png'), fullPage: true });
});

test('the form and the workspace have no axe violation', async () => {
  // axe needs scripts: a second context with JavaScript on, same session.
  const cookies = await phone.context.cookies();
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseUrl, viewport: { width: 390, height: 844 },
                                             bypassCSP: true });
  await context.addCookies(cookies);
  const page = await context.newPage();
  for (const target of [`/teams/${teamId}/updates/new`, `/teams/${teamId}`]) {
    await page.goto(target);
    assert.deepEqual(await axeViolations(page), [], target);
  }
  await context.close();
});
