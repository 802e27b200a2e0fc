// Browser test of the public site: a French visitor browses the home page, searches and filters the
// catalogue with htmx (no full reload, shareable URL), opens projects, switches to English (remembered
// by a cookie) and checks that the impact charts are drawn under the Content Security Policy.
//
// Run from the repository root: node --test tests/browser/
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core and /usr/bin/chromium
// (or CHROMIUM_PATH). Screenshots are written to build/test-artefacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openFrenchPage } from './support/browser.mjs';
import { startDemoServer } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');

let server;
let baseUrl;
let browser;
let context;
let page;
let consoleErrors = [];
let pageErrors = [];

// Removes accents and case so "Éducation" matches "education".
function fold(text) {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function isHtmxResults(response) {
  return response.url().includes('/projects?') && response.request().headers()['hx-request'] === 'true';
}

// Runs `action`, waits for the htmx response of /projects whose URL satisfies `urlCheck`, then for htmx
// to settle the swapped content into the page.
async function htmxUpdate(action, urlCheck) {
  const settledBefore = await page.evaluate(() => window.__settles);
  const responsePromise = page.waitForResponse(
    (r) => isHtmxResults(r) && urlCheck(new URL(r.url())), { timeout: 10_000 });
  await action();
  const response = await responsePromise;
  assert.equal(response.status(), 200, `htmx request ${response.url()}`);
  await page.waitForFunction((n) => window.__settles > n, settledBefore, { timeout: 10_000 });
  return response;
}

async function cardTexts() {
  return page.locator('#results [data-testid=project-card]').allInnerTexts();
}

async function screenshot(name) {
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
}

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('browser');
  baseUrl = server.baseUrl;

  ({ browser, context, page, consoleErrors, pageErrors } = await openFrenchPage(baseUrl));
  // Count htmx swaps, in every document the page loads (survives navigations).
  await page.addInitScript(() => {
    window.__settles = 0;
    document.addEventListener('htmx:afterSettle', () => { window.__settles += 1; });
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    const { code, signal } = await server.stop();
    assert.equal(signal, null, `server killed by ${signal}:\n${server.output()}`);
    assert.equal(code, 0, `server exit code ${code} after SIGTERM:\n${server.output()}`);
  }
});

test('home page in French (Accept-Language)', async () => {
  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('html[lang=fr]').count(), 1);
  const h1 = await page.locator('h1').first().innerText();
  assert.ok(h1.includes("La tech au service de l'intérêt général"), `h1: ${h1}`);
  const students = (await page.locator('[data-testid=figure-students]').innerText()).replace(/[\s\u202f\u00a0]/g, '');
  assert.match(students, /^\d+$/, `students figure: ${students}`);
  assert.ok(Number(students) > 0, `students figure: ${students}`);
  await screenshot('browser-home.png');
});

test('catalogue: htmx search without reload, accent-insensitive, shareable URL', async () => {
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/projects'),
    page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Projets', exact: true }).click(),
  ]);
  assert.equal(await page.locator('h1').innerText(), 'Catalogue des projets');
  const allCount = await page.locator('#results [data-testid=project-card]').count();
  assert.ok(allCount > 0, 'catalogue has cards');

  const search = page.getByLabel('Recherche', { exact: true });
  assert.equal(await search.getAttribute('id'), 'q');
  await page.evaluate(() => { window.__marker = 1; });

  await htmxUpdate(() => search.pressSequentially('education', { delay: 30 }),
                   (u) => u.searchParams.get('q') === 'education');

  const texts = await cardTexts();
  assert.ok(texts.length >= 1, 'at least one card for "education"');
  for (const t of texts) assert.ok(fold(t).includes('education'), `card unrelated to "education":\n${t}`);
  const titles = await page.locator('#results [data-testid=project-card] h3').allInnerTexts();
  assert.ok(titles.some((t) => t.includes('éducation')), `a title with the accent: ${JSON.stringify(titles)}`);
  assert.ok(texts.length < allCount, `search narrows the catalogue (${texts.length} of ${allCount})`);

  assert.ok(new URL(page.url()).searchParams.get('q') === 'education', `URL: ${page.url()}`);
  assert.ok(page.url().includes('q=education'), `URL: ${page.url()}`);
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was fully reloaded');
  assert.equal(await page.inputValue('#q'), 'education');
});

test('catalogue: SDG filter via htmx', async () => {
  await htmxUpdate(() => page.fill('#q', ''), (u) => (u.searchParams.get('q') ?? '') === '');
  assert.equal(await page.locator('#results [data-testid=project-card]').count() > 2, true);

  await htmxUpdate(() => page.selectOption('#sdg', '4'), (u) => u.searchParams.get('sdg') === '4');
  // A change event of #q (blur) could queue one more request: wait until the page is quiet.
  await page.waitForLoadState('networkidle');
  assert.ok(page.url().includes('sdg=4'), `URL: ${page.url()}`);
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was fully reloaded');

  const cards = page.locator('#results [data-testid=project-card]');
  const n = await cards.count();
  assert.ok(n >= 1, 'at least one card with SDG 4');
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    assert.equal(await card.locator('li.sdg-4').count(), 1,
                 `card without SDG 4: ${await card.locator('h3').innerText()}`);
  }
  // The counts next to each option were refreshed out of band for SDG 4.
  const facets = await (await fetch(`${baseUrl}/api/v1/projects?sdg=4&limit=1`)).json();
  assert.equal((await page.locator('#format option[value=internship]').innerText()).trim(),
               `Stage (${facets.facets.format.internship})`);
  assert.equal(await page.inputValue('#sdg'), '4', 'the chosen SDG stays selected');
  await screenshot('browser-catalogue.png');
  // The language switch was updated out of band: switching keeps the filter.
  const switchHref = await page.locator('[data-testid=lang-switch]').getAttribute('href');
  assert.ok(switchHref.includes('sdg=4') && switchHref.includes('lang=en'), `switch: ${switchHref}`);
  assert.equal(await page.locator('[data-testid=lang-switch]').count(), 1, 'one language switch');

  // The pushed URL is shareable: loading it gives the full page with the filter preselected.
  const titles = await cards.locator('h3').allInnerTexts();
  const res = await page.reload();
  assert.equal(res.status(), 200);
  assert.equal(await page.locator('h1').innerText(), 'Catalogue des projets');
  assert.equal(await page.inputValue('#sdg'), '4');
  assert.deepEqual(await cards.locator('h3').allInnerTexts(), titles);
});

test('project pages', async () => {
  const link = page.locator('#results [data-testid=project-card] h3 a').first();
  const title = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  assert.equal((await page.locator('h1').innerText()).trim(), title);
  assert.equal(await page.locator('h2', { hasText: 'Le problème' }).count(), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

  const res = await page.goto('/projects/entourage');
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Entourage');
  assert.equal(await page.locator('h2#problem-title').innerText(), 'Le problème');
});

test('language switch to English is remembered', async () => {
  const switcher = page.locator('[data-testid=lang-switch]');
  assert.equal((await switcher.innerText()).trim(), 'English');
  await Promise.all([page.waitForFunction(() => document.documentElement.lang === 'en'), switcher.click()]);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('html[lang=en]').count(), 1);
  assert.equal(new URL(page.url()).pathname, '/projects/entourage', `stays on the project: ${page.url()}`);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const navText = await page.locator('header nav').innerText();
  assert.ok(navText.includes('Projects'), `nav: ${navText}`);
  assert.ok(!navText.includes('Projets'), `nav: ${navText}`);
  assert.ok(await nav.count() <= 1);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Entourage');
  assert.equal((await page.locator('h2#problem-title').innerText()).trim(), 'The problem');
  assert.equal((await switcher.innerText()).trim(), 'Français');
  await screenshot('browser-project-en.png');

  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the language cookie is remembered');
  assert.ok((await page.locator('h1').innerText()).includes('Tech for the common good'));
});

test('impact charts are drawn (scripts allowed by the CSP)', async () => {
  const res = await page.goto('/impact');
  assert.equal(res.status(), 200);
  const csp = res.headers()['content-security-policy'] || '';
  assert.ok(csp.includes("script-src 'self'"), `CSP: ${csp}`);
  const canvases = page.locator('canvas.impact-chart');
  assert.equal(await canvases.count(), 3);
  await page.waitForFunction(
    () => document.querySelectorAll('canvas.impact-chart[data-rendered="true"]').length === 3, null, { timeout: 15_000 });
  for (const id of ['chart-semesters', 'chart-sdgs', 'chart-schools']) {
    assert.equal(await page.getAttribute(`#${id}`, 'data-rendered'), 'true', id);
  }
});

test('no CSP violation nor script error during the visit', (t) => {
  for (const e of consoleErrors) t.diagnostic(`console error: ${e}`);
  const csp = consoleErrors.filter((e) => /Content Security Policy/i.test(e));
  assert.deepEqual(csp, [], `CSP violations:\n${csp.join('\n')}`);
  assert.deepEqual(pageErrors, [], `page errors:\n${pageErrors.join('\n')}`);
});
