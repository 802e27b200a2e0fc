// Browser test of the end of a project, on the demo data: the demo student's team delivered nine
// days ago (two teammates answered). Nadia, the beneficiary's contact, evaluates it from a 390 px
// phone and agrees to the showcase and the quote; the demo student distributes her points (a
// wrong total first: refused with a clear message next to the points), then right; the teacher
// records the assessment, which was the last awaited answer: the team and the project are
// evaluated, and the showcase quotes Nadia's comment. Screenshots at 390 and 1280 px, fr and en.
//
// Run from the repository root: node --test tests/browser/evaluations.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { submitLogIn } from './support/accounts.mjs';
import { openFrenchContext, openFrenchPage } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { assertValidHtml } from './support/html.mjs';
import { startDemoServer } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const password = 'latitudes demo 2027';
const nadia = { email: 'association@demo.latitudes.org', password };
const student = { email: 'etudiante@demo.latitudes.org', password };
const teacher = { email: 'coordination@demo.latitudes.org', password };
const comment = 'Un tableau de bord que nos équipes consultent chaque matin.';

let server;
let browser;
let teamPath;

async function shots(page, name) {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(artefacts, `evaluations-${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => ({
      by: document.documentElement.scrollWidth - window.innerWidth,
      wider: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    }));
    assert.ok(overflow.by <= 0, `${name} at ${width} px overflows by ${overflow.by} px: ${overflow.wider.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function visitor(person) {
  const v = await openFrenchContext(browser, server.baseUrl);
  await v.page.goto('/login');
  await submitLogIn(v.page, person, (u) => u.pathname !== '/login');
  return v;
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('evaluations');
  const team = sql(server.database,
    "SELECT MIN(tm.team_id) FROM team_members tm JOIN people p ON p.id = tm.person_id JOIN teams t ON t.id = tm.team_id " +
    "WHERE p.email = 'etudiante@demo.latitudes.org' AND t.campaign_id IS NOT NULL")[0];
  teamPath = `/teams/${team}`;
  ({ browser } = await openFrenchPage(server.baseUrl));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the beneficiary evaluates from a phone, with consent to the showcase and the quote', async () => {
  const v = await visitor(nadia);
  await v.page.setViewportSize({ width: 390, height: 844 });
  await v.page.goto(`${teamPath}#end`);
  const form = v.page.getByTestId('beneficiary-form');
  await assert.doesNotReject(form.waitFor());
  assert.equal(await v.page.getByTestId('contribution-points').count(), 0, 'the beneficiary never sees the points');
  await shots(v.page, 'beneficiary-form-fr');
  // Sent with nothing chosen: each question says what is missing (novalidate: the server's messages).
  await form.getByTestId('submit-beneficiary').click();
  await v.page.waitForSelector('[data-testid="error-summary"]');
  assert.match(await v.page.locator('#usefulness-error').innerText(), /Choisissez une réponse/);
  await shots(v.page, 'beneficiary-errors-fr');
  await v.page.locator('#usefulness-5').check();
  await v.page.locator('#quality-4').check();
  await v.page.locator('#will_use-yes').check();
  await v.page.locator('#take_part_again-yes').check();
  await v.page.locator('#comment').fill(comment);
  await v.page.locator('#consent_showcase').check();
  await v.page.locator('#consent_quote').check();
  await Promise.all([v.page.waitForURL((u) => u.searchParams.get('done') === 'beneficiary'),
                     v.page.getByTestId('submit-beneficiary').click()]);
  assert.match(await v.page.getByTestId('end-done').innerText(), /votre évaluation est enregistrée/);
  assert.equal(await v.page.locator('#usefulness-5').isChecked(), true, 'the form shows the answer, to edit it');
  // The page as the server sent it (the browser's DOM would differ), checked by vnu.jar.
  const served = await v.page.request.get(`${teamPath}?lang=fr`);
  const file = path.join(artefacts, 'evaluations-team-beneficiary.html');
  fs.writeFileSync(file, await served.text());
  assertValidHtml([file]);
  await v.page.goto(`${teamPath}?lang=en#end`);
  await shots(v.page, 'beneficiary-answered-en');
  await v.page.goto(`${teamPath}?lang=fr#end`);
  assert.deepEqual(v.pageErrors, []);
  await v.context.close();
});

test('a student distributes her points: a wrong total is refused, then saved', async () => {
  const v = await visitor(student);
  await v.page.goto(`${teamPath}#end`);
  const form = v.page.getByTestId('student-form');
  await form.waitFor();
  assert.equal(await v.page.getByTestId('contribution-points').count(), 0, 'a student never sees the points');
  assert.equal(await v.page.getByTestId('end-reviews').count(), 0);
  await v.page.locator('#project_rating-4').check();
  await v.page.locator('#programme_rating-5').check();
  const inputs = form.locator('input[type="number"]');
  const n = await inputs.count();
  assert.ok(n >= 2);
  await inputs.nth(0).fill('150');  // the others stay at 100: the total is 50 too many
  await v.page.getByTestId('submit-student').click();
  await v.page.getByTestId('points-error').waitFor();
  assert.match(await v.page.getByTestId('points-error').innerText(), new RegExp(`totaliser ${100 * n}.*${100 * n + 50}`));
  await shots(v.page, 'student-points-error-fr');
  await inputs.nth(0).fill('130');
  await inputs.nth(1).fill('70');
  await Promise.all([v.page.waitForURL((u) => u.searchParams.get('done') === 'student'),
                     v.page.getByTestId('submit-student').click()]);
  assert.match(await v.page.getByTestId('end-done').innerText(), /votre retour est enregistré/);
  assert.equal(await v.page.content().then((html) => html.includes('130')), false, 'her own points are not shown back');
  await v.page.locator('#availability-3').check();
  await Promise.all([v.page.waitForURL((u) => u.searchParams.get('done') === 'team_about_beneficiary'),
                     v.page.getByTestId('submit-review').click()]);
  await shots(v.page, 'student-answered-fr');
  await v.page.goto(`${teamPath}?lang=en#end`);
  await shots(v.page, 'student-answered-en');
  await v.page.goto(`${teamPath}?lang=fr#end`);
  assert.deepEqual(v.pageErrors, []);
  await v.context.close();
});

test('the teacher reads the points and assesses; one teammate is still awaited', async () => {
  const v = await visitor(teacher);
  await v.page.goto(`${teamPath}#end`);
  await v.page.getByTestId('contribution-points').waitFor();
  assert.match(await v.page.getByTestId('contribution-points').innerText(), /130/);
  await v.page.locator('#outcome-pass').check();
  await v.page.locator('#assessment_comment').fill('Démarche exemplaire, livrable utilisé.');
  await Promise.all([v.page.waitForURL((u) => u.searchParams.get('done') === 'teacher'),
                     v.page.getByTestId('submit-teacher').click()]);
  // One teammate has still not answered: the team waits for them (the move to evaluated is
  // tested in tests/web/test_evaluations.cpp); the progress says so.
  assert.equal(await v.page.getByTestId('end-evaluated').count(), 0);
  assert.match(await v.page.getByTestId('end-progress').innerText(), /3 sur 4/);
  await v.page.goto('/showcase');
  // Nadia agreed to the showcase and the quote: the delivered project is featured with her words.
  assert.ok((await v.page.getByTestId('showcase-quote').allInnerTexts()).some((t) => t.includes(comment)));
  await shots(v.page, 'showcase-fr');
  await v.page.goto(`${teamPath}#end`);
  await shots(v.page, 'teacher-answered-fr');
  await v.page.goto(`${teamPath}?lang=en#end`);
  await shots(v.page, 'teacher-answered-en');
  assert.deepEqual(v.pageErrors, []);
  await v.context.close();
});
