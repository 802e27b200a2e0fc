// Browser test of the awareness survey from a 390 px phone, in French, on the demo data: the demo
// student finds the call to answer on Mon espace, sends the form empty (each required question
// says what is missing, next to it, and the page does not overflow the phone's width), answers
// (scale, yes/no, SDGs, a free word) and is thanked; answering twice is refused kindly. Staff
// then read the results: the headline, a cohort shown, a cohort of fewer than 5 answers hidden.
// The stored answer names no one: the participation row says who answered, the answer row only
// the wave and the cohort.
//
// Run from the repository root: node --test tests/browser/survey.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const password = 'latitudes demo 2027';
let server, browser;

async function phone(email) {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseUrl, viewport: { width: 390, height: 844 },
                                             isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/me'),
                     page.locator('main form').getByRole('button', { name: 'Se connecter' }).click()]);
  return { context, page, errors };
}

async function noHorizontalOverflow(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px phone`);
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('survey');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});

after(async () => {
  if (browser) await browser.close();
  await stopCleanly(server);
});

test('a student answers the survey from a phone, once, anonymously', async () => {
  const { page, context, errors } = await phone('etudiante@demo.latitudes.org');
  const call = page.getByTestId('me-survey-call');
  await assert.doesNotReject(call.first().waitFor(), 'a call to answer on Mon espace');
  await Promise.all([page.waitForURL(/\/surveys\/waves\/\d+$/), call.first().click()]);
  const wave = new URL(page.url()).pathname.split('/').pop();
  await noHorizontalOverflow(page);

  // Sent empty: the two required questions say so, next to them.
  await Promise.all([page.waitForLoadState('load'), page.getByTestId('survey-submit').click()]);
  assert.equal(await page.locator('fieldset[aria-invalid="true"]').count(), 2);
  assert.ok(await page.locator('.field-error', { hasText: 'Répondez à cette question.' }).first().isVisible());
  await noHorizontalOverflow(page);
  await page.screenshot({ path: path.join(artefacts, 'survey-errors-390.png'), fullPage: true });

  const questions = page.locator('fieldset.survey-question');
  await questions.nth(0).getByRole('radio', { name: '4' }).check();
  await questions.nth(1).getByRole('radio', { name: 'Oui' }).check();
  await questions.nth(2).getByRole('checkbox', { name: /^13\./ }).check();
  await questions.nth(2).getByRole('checkbox', { name: /^4\./ }).check();
  await questions.nth(3).locator('textarea').fill("J'ai hâte de travailler pour une association.\nVraiment.");
  await page.screenshot({ path: path.join(artefacts, 'survey-answer-390.png'), fullPage: true });
  await Promise.all([page.waitForURL(/done=answered/), page.getByTestId('survey-submit').click()]);
  assert.ok(await page.getByTestId('survey-thanks').isVisible());

  // Twice: refused kindly (the form is gone; going back and sending again says it was answered).
  await page.goto(`/surveys/waves/${wave}`);
  assert.ok(await page.getByTestId('survey-already').isVisible());
  assert.equal(await page.getByTestId('survey-form').count(), 0);
  assert.deepEqual(errors, []);

  const person = sql(server.database, "SELECT id FROM people WHERE email = 'etudiante@demo.latitudes.org'")[0];
  assert.equal(sql(server.database, `SELECT COUNT(*) FROM survey_participations WHERE wave_id = ${wave} AND person_id = ${person}`)[0], '1');
  assert.equal(sql(server.database, `SELECT COUNT(*) FROM survey_answers WHERE wave_id = ${wave}`)[0], '4', 'three classmates and her');
  assert.equal(sql(server.database, `SELECT COUNT(*) FROM survey_answer_values WHERE text LIKE '%hâte%'`)[0], '1');
  await context.close();
});

test('staff read the results: the headline, a cohort shown, a small one hidden', async () => {
  const { page, context } = await phone('equipe@demo.latitudes.org');
  await page.goto('/admin/surveys');
  await page.getByRole('link', { name: 'Résultats' }).first().click();
  const headline = await page.getByTestId('survey-headline').textContent();
  assert.match(headline, /\d+ % des étudiants répondent « Je sais précisément ce que c'est » au début du semestre \(\d+ réponses\), \d+ % à la fin/);
  assert.ok(await page.locator('.survey-hidden', { hasText: 'moins de 5 réponses : non montré' }).first().isVisible());
  await page.screenshot({ path: path.join(artefacts, 'survey-results-390.png'), fullPage: true });
  await context.close();
});
