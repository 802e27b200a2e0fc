// Browser test from a need to a published project, end to end through the French UI: Noémie (a beneficiary) writes a need
// as a draft, finishes and submits it; Sacha (staff) takes it up, frames it in two revisions that
// the page compares, marks it ready; Noémie publishes it and it appears in the public catalogue.
// Then Stéphane, a student, applies to a published internship and Sacha accepts: Stéphane sees it
// in "Mon espace".
//
// Run from the repository root: node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { submitLogIn } from './support/accounts.mjs';
import { openFrenchContext, openFrenchPage } from './support/browser.mjs';
import { binary, startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const fr = JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8'));
const suffix = crypto.randomBytes(4).toString('hex');
const password = 'trois pommes vertes sur la table 88';
const noemie = { name: 'Noémie Durand', email: `noemie.${suffix}@example.org`, role: 'beneficiary', password };
const sacha = { name: 'Sacha Martin', email: `sacha.${suffix}@example.org`, role: 'staff', password };
const stephane = { name: 'Stéphane Petit', email: `stephane.${suffix}@example.org`, role: 'student', password };
const title = `Carnet de bord des maraudes ${suffix}`;

let server;
let browser;
let n;   // Noémie's browser context
let s;   // Sacha's
let needPath;

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
}

async function clickTo(page, locator, landing) {
  await Promise.all([page.waitForURL(landing), locator.click()]);
}

function createAccount(person) {
  const created = spawnSync(binary, ['user', 'create', '--email', person.email, '--name', person.name, '--role', person.role,
                                     '--database', server.database], { input: `${person.password}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
}

async function logIn(visitor, person) {
  await visitor.page.goto('/login');
  await submitLogIn(visitor.page, person);
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('needs');
  for (const person of [noemie, sacha, stephane]) createAccount(person);
  const opened = await openFrenchPage(server.baseUrl);
  browser = opened.browser;
  n = opened;
  s = await openFrenchContext(browser, server.baseUrl);
  await logIn(n, noemie);
  await logIn(s, sacha);
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopCleanly(server);
});

test('Noémie creates her association and Sacha verifies it', async () => {
  await n.page.goto('/orgs/new');
  await n.page.getByLabel(fr['org.name'], { exact: true }).fill(`Maraudes Solidaires ${suffix}`);
  await clickTo(n.page, n.page.getByRole('button', { name: fr['org.new.submit'], exact: true }),
                (u) => /^\/orgs\/maraudes-solidaires/.test(u.pathname));
  const orgPath = new URL(n.page.url()).pathname;
  assert.equal(await n.page.locator('[data-testid=org-unverified]').count(), 1);
  await s.page.goto(orgPath);
  await clickTo(s.page, s.page.locator('[data-testid=org-verify]'), (u) => u.pathname === orgPath);
  assert.equal(await s.page.locator('[data-testid=org-unverified]').count(), 0);
});

test('she saves a draft need from "Mon espace", finishes it later and submits it', async () => {
  const { page } = n;
  await page.goto('/me');
  await clickTo(page, page.locator('[data-testid=me-new-need]'), (u) => u.pathname === '/needs/new');
  await page.getByLabel(fr['need.title_label'], { exact: true }).fill(title);
  await clickTo(page, page.locator('[data-testid=need-save]'), (u) => /^\/needs\/\d+$/.test(u.pathname));
  needPath = new URL(page.url()).pathname;
  assert.equal((await page.locator('[data-testid=need-notice]').innerText()).trim(), fr['need.done.saved']);
  assert.equal((await page.locator('[data-testid=need-status]').innerText()).trim(), fr['status.draft']);

  // Submitting an incomplete need: clear messages, the title stays.
  await clickTo(page, page.locator('[data-testid=need-submit]'), (u) => u.pathname === needPath);
  assert.ok((await page.locator('[data-testid=error-summary]').innerText()).includes(fr['need.problem']));
  assert.equal(await page.getByLabel(fr['need.title_label'], { exact: true }).inputValue(), title);

  await page.getByLabel(fr['need.summary'], { exact: true }).fill('Remplacer le carnet papier des maraudes');
  await page.getByLabel(fr['need.problem'], { exact: true }).fill('Les bénévoles notent les rencontres sur papier et perdent le suivi.');
  await page.getByLabel(fr['need.beneficiaries'], { exact: true }).fill('Les personnes à la rue du quartier, 40 bénévoles.');
  await page.getByLabel(fr['need.hopes'], { exact: true }).fill('Une application simple, utilisable la nuit sur téléphone.');
  await page.locator('input[name=sdg][value="1"]').check();
  await page.getByLabel(fr['need.contact_name'], { exact: true }).fill(noemie.name);
  await page.getByLabel(fr['need.contact_email'], { exact: true }).fill(noemie.email);
  await clickTo(page, page.locator('[data-testid=need-submit]'), (u) => u.pathname === needPath && u.searchParams.get('done') === 'submitted');
  assert.equal((await page.locator('[data-testid=need-status]').innerText()).trim(), fr['status.submitted']);
  assert.equal(await page.locator('[data-testid=need-edit]').count(), 0, 'a submitted need is no longer edited here');
  await screenshot(page, 'browser-need-submitted.png');
});

test('Sacha finds it in the staff queue, takes it up and frames it in two revisions', async () => {
  const { page } = s;
  await page.goto('/admin/needs');
  await clickTo(page, page.locator('[data-testid=admin-needs]').getByRole('link', { name: title }), (u) => u.pathname.startsWith('/framing/'));
  const framingPath = new URL(page.url()).pathname;
  await clickTo(page, page.locator('[data-testid=move-framing]'), (u) => u.pathname === framingPath);
  assert.equal((await page.locator('[data-testid=framing-status]').innerText()).trim(), fr['status.framing']);

  const form = page.locator('[data-testid=framing-form]');
  await form.getByLabel(fr['framing.field.statement'], { exact: true }).fill('Suivre les rencontres des maraudes');
  await form.getByLabel(fr['framing.field.users'], { exact: true }).fill('Les bénévoles et la coordinatrice');
  await form.getByLabel(fr['framing.field.scope'], { exact: true }).fill('Une application web mobile hors ligne');
  await form.getByLabel(fr['framing.field.deliverables'], { exact: true }).fill('Prototype, code source, guide');
  await form.getByLabel(fr['framing.team_min'], { exact: true }).fill('3');
  await form.getByLabel(fr['framing.team_max'], { exact: true }).fill('5');
  await form.locator('#skill_web-backend').selectOption('2');
  // The semester the campaigns will offer it in, its dates, and the SDGs the need chose (prefilled).
  await form.getByLabel(fr['framing.field.semester'], { exact: true }).selectOption('2027-P');
  await form.getByLabel(fr['framing.field.starts_on'], { exact: true }).fill('2027-02-01');
  await form.getByLabel(fr['framing.field.ends_on'], { exact: true }).fill('2027-06-30');
  assert.equal(await form.locator('[data-testid=framing-sdgs] input[value="1"]').isChecked(), true, "the need's SDG");
  await clickTo(page, page.locator('[data-testid=framing-save]'), (u) => u.searchParams.get('done') === 'saved');

  await page.locator('[data-testid=framing-form]').getByLabel(fr['framing.field.statement'], { exact: true })
    .fill('Suivre les rencontres des maraudes, même sans réseau');
  await clickTo(page, page.locator('[data-testid=framing-save]'), (u) => u.searchParams.get('compare') === '2');
  const comparison = page.locator('[data-testid=framing-comparison]');
  assert.equal((await comparison.locator('del').innerText()).trim(), 'Suivre les rencontres des maraudes');
  assert.equal((await comparison.locator('ins').innerText()).trim(), 'Suivre les rencontres des maraudes, même sans réseau');
  assert.equal(await page.locator('[data-testid=framing-revisions] li').count(), 2);
  await screenshot(page, 'browser-framing-compared.png');

  await clickTo(page, page.locator('[data-testid=move-ready]'), (u) => u.searchParams.get('done') === 'moved');
  assert.equal((await page.locator('[data-testid=framing-status]').innerText()).trim(), fr['status.ready']);
});

test('Noémie publishes it: the project is in the public catalogue', async () => {
  const { page } = n;
  await page.goto(needPath);
  await clickTo(page, page.locator('[data-testid=move-published]'), (u) => u.searchParams.get('done') === 'moved');
  assert.equal((await page.locator('[data-testid=need-status]').innerText()).trim(), fr['status.published']);
  const history = await page.locator('[data-testid=need-history]').innerText();
  assert.ok(history.includes(sacha.name) && history.includes(noemie.name), history);

  const visitor = await openFrenchContext(browser, server.baseUrl);
  await visitor.page.goto(`/projects?q=${encodeURIComponent('maraudes')}`);
  await clickTo(visitor.page, visitor.page.getByRole('link', { name: title }), (u) => u.pathname.startsWith('/projects/'));
  assert.equal((await visitor.page.locator('h1').innerText()).trim(), title);
  assert.ok((await visitor.page.locator('main').innerText()).includes('Suivre les rencontres des maraudes, même sans réseau'));
  await screenshot(visitor.page, 'browser-need-published.png');
  await visitor.context.close();
});

test('Stéphane, a student, applies to a published internship; Sacha accepts; Stéphane sees it', async () => {
  const st = await openFrenchContext(browser, server.baseUrl);
  await logIn(st, stephane);
  const internship = '/projects/stage-data-impact-fab-inclusion';
  await st.page.goto(internship);
  assert.ok((await st.page.locator('[data-testid=opportunity]').innerText()).includes('700'), 'the gratification is shown');
  await clickTo(st.page, st.page.locator('[data-testid=apply-link]'), (u) => u.pathname === `${internship}/apply`);
  await st.page.locator('[data-testid=apply-form] textarea[name=message]')
    .fill('Bonjour, je suis en 4e année et la donnée au service de l\'inclusion me motive beaucoup.');
  await clickTo(st.page, st.page.locator('[data-testid=apply-submit]'), (u) => u.pathname === '/me/applications');
  const mine = st.page.locator('[data-testid^=my-application-]').filter({ hasText: 'inclusion' }).first();
  assert.equal((await mine.locator('[data-testid=application-status]').innerText()).trim(), fr['application.status.pending']);

  // Staff review the organisation's applications and accept with a message.
  await s.page.goto(`${internship}/applications`);
  const application = s.page.locator('section.application').filter({ hasText: stephane.name });
  await application.locator('summary').filter({ hasText: fr['applications.accept'] }).click();
  const accept = application.locator('form[data-testid^=accept-]');
  await accept.locator('textarea').fill('Bienvenue ! Rendez-vous lundi à 9 h.');
  await clickTo(s.page, accept.getByRole('button', { name: fr['applications.accept'], exact: true }),
                (u) => u.pathname === `${internship}/applications`);
  assert.equal((await application.locator('[data-testid=application-status]').innerText()).trim(), fr['application.status.accepted']);

  await st.page.goto('/me/applications');
  assert.equal((await mine.locator('[data-testid=application-status]').innerText()).trim(), fr['application.status.accepted']);
  assert.ok((await mine.locator('[data-testid=owner-message]').innerText()).includes('Rendez-vous lundi'));
  await screenshot(st.page, 'browser-application-accepted.png');
  assert.deepEqual(st.consoleErrors, []);
  assert.deepEqual(st.pageErrors, []);
  await st.context.close();
});

test('no script error during the visit', () => {
  for (const v of [n, s]) {
    // The one refused form (422) is logged by Chromium as a failed load: expected, not a script error.
    assert.deepEqual(v.consoleErrors.filter((e) => !/status of 422/.test(e)), []);
    assert.deepEqual(v.pageErrors, []);
  }
});
