// axe-core on every kind of page, in French and in English, at 1280 and 390 px wide: the public
// pages, a student's, a school coordinator's and staff's, on the demo data (`latitudes seed
// --demo`) with a few more facts set up through the forms (a staff member's organisation and need
// taken up and framed twice, an application, a ranking). A page passes when axe reports no
// violation at either width and it does not scroll sideways on a phone. One server and one browser
// for the whole walk; each visitor keeps one page per language, resized rather than reopened.
//
// Run from the repository root: node --test tests/browser/a11y.test.mjs
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/{playwright-core,axe-core},
// /usr/bin/chromium (or CHROMIUM_PATH) and Debian's sqlite3. With A11Y_SHOTS=DIR set, a
// screenshot of each page at each width is written there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { axeViolations, horizontalOverflow } from './support/axe.mjs';
import { chromiumPath } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { createAccount, logInSession, postForm, toContext } from './support/sessions.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const shots = process.env.A11Y_SHOTS;
const password = 'une grue cendrée au-dessus du lac 59';
const staffPerson = { email: 'axe.staff@latitudes.example', name: 'Ariane Staff', role: 'staff', password };
const demoPassword = 'latitudes demo 2027';   // src/app/demo_campaigns.hpp
const demo = { student: 'etudiante@demo.latitudes.org', coordinator: 'coordination@demo.latitudes.org' };
const internship = 'stage-data-impact-fab-inclusion';

// [who, page, path (or a function of the ids found in before()), expected status]. A project of
// every format; the needs, framing, applications and campaign pages in the states people meet.
const walk = [
  ['visitor', 'home', '/'],
  ['visitor', 'catalogue', '/projects'],
  ['visitor', 'catalogue with filters', '/projects?q=donnees&sdg=4&level=collaborator&sort=closing'],
  ['visitor', 'catalogue, second page', (ids) => `/projects?after=${ids.after}`],
  ['visitor', 'semester project (delivered, teams)', '/projects/entourage'],
  ['visitor', 'semester project (published)', '/projects/jeux-lecture'],
  ['visitor', 'internship', `/projects/${internship}`],
  ['visitor', 'mentoring', '/projects/mentorat-lire-et-grandir'],
  ['visitor', 'research topic', '/projects/recherche-impact-projets-numeriques'],
  ['visitor', 'shared job', '/projects/emploi-partage-data-paniers'],
  ['visitor', 'Friday volunteering', '/projects/vendredis-ateliers-refugies'],
  ['visitor', 'venture support', '/projects/accompagnement-compost-and-co'],
  ['visitor', 'showcase', '/showcase'],
  ['visitor', 'impact', '/impact'],
  ['visitor', 'partners', '/partners'],
  ['visitor', 'about', '/about'],
  ['visitor', 'log-in', '/login'],
  ['visitor', 'sign-up', '/signup'],
  ['visitor', 'forgotten password', '/password/forgot'],
  ['visitor', 'error 404', '/no-such-page', 404],
  ['student', 'Mon espace', '/me'],
  ['student', 'profile', '/me/profile'],
  ['student', 'apply form', '/projects/stage-dev-kiosque-sante/apply'],
  ['student', 'my applications', '/me/applications'],
  ['student', 'my teams', '/me/teams'],
  ['student', 'saved searches', '/me/searches'],
  ['student', 'ranking page (open campaign)', (ids) => `/campaigns/${ids.open}`],
  ['student', 'campaign page (published)', (ids) => `/campaigns/${ids.published}`],
  ['coordinator', 'Mon espace', '/me'],
  ['coordinator', 'school space', '/schools/eivl'],
  ['coordinator', 'cohort', (ids) => `/cohorts/${ids.cohort}`],
  ['coordinator', 'cohort import', (ids) => `/cohorts/${ids.cohort}/import`],
  ['coordinator', 'new campaign', '/campaigns/new?school=eivl'],
  ['coordinator', 'campaign page (closed)', (ids) => `/campaigns/${ids.closed}`],
  ['coordinator', 'allocation page (closed, no run)', (ids) => `/campaigns/${ids.closed}/allocation`],
  ['coordinator', 'allocation page (two runs, published)', (ids) => `/campaigns/${ids.published}/allocation`],
  ['staff', 'Mon espace', '/me'],
  ['staff', 'organisation', (ids) => ids.org],
  ['staff', 'new need', '/needs/new'],
  ['staff', 'need', (ids) => ids.need],
  ['staff', 'framing sheet', (ids) => ids.framing],
  ['staff', 'framing sheet, revisions compared', (ids) => `${ids.framing}?compare=2`],
  ['staff', 'applications to an internship', `/projects/${internship}/applications`],
  ['staff', 'admin: people', '/admin'],
  ['staff', 'admin: needs', '/admin/needs'],
  ['staff', 'admin: organisations', '/admin/organisations'],
  ['staff', 'admin: audit log', '/admin/audit'],
  ['staff', 'admin: semesters', '/admin/semesters'],
  ['staff', 'admin: a semester', (ids) => `/admin/semesters/${ids.semester}`],
];

let server;
let browser;
const sessions = {};   // who -> {sid, csrf}, 'visitor' has none
const pages = new Map();   // `${who} ${lang}` -> page
const ids = {};

// The page of `who` in `lang`, opened on first use: a context with that Accept-Language, logged
// in with the session's cookie.
async function pageOf(who, lang, colorScheme = 'light') {
  const key = `${who} ${lang} ${colorScheme}`;
  if (!pages.has(key)) {
    const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', baseURL: server.baseUrl,
                                               viewport: { width: 1280, height: 900 }, bypassCSP: true, colorScheme });
    if (sessions[who]) await toContext(context, server.baseUrl, sessions[who]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pages.set(key, page);
  }
  return pages.get(key);
}

// The one row of `statement`, as the first value.
function one(statement) {
  const rows = sql(server.database, statement);
  assert.equal(rows.length, 1, `${statement}: ${rows.length} rows`);
  return rows[0];
}

before(async () => {
  server = await startDemoServer('a11y');
  const base = server.baseUrl;
  createAccount(server, staffPerson);
  sessions.staff = await logInSession(base, staffPerson.email, password);
  sessions.student = await logInSession(base, demo.student, demoPassword);
  sessions.coordinator = await logInSession(base, demo.coordinator, demoPassword);

  ids.open = one("SELECT id FROM campaigns WHERE title = 'Choix des projets — semestre de printemps'");
  ids.closed = one("SELECT id FROM campaigns WHERE title = 'Projets solidaires — choix clos'");
  ids.published = one('SELECT id FROM campaigns WHERE published_run_id IS NOT NULL');
  ids.cohort = one("SELECT c.id FROM cohorts c JOIN organisations o ON o.id = c.school_id WHERE o.slug = 'eivl'");
  ids.semester = one("SELECT id FROM semesters WHERE code = '2027-P'");
  const firstPage = await (await fetch(`${base}/api/v1/projects`)).json();
  ids.after = firstPage.next_cursor;
  assert.ok(ids.after, 'the catalogue has a second page');

  // Staff's own verified organisation with a need, taken up and framed in two revisions, a comment.
  const post = (who, target, fields) => postForm(base, sessions[who], target, fields);
  const created = await post('staff', '/orgs/new', { name: 'Lecture & Partage', kind: 'association', city: 'Lille' });
  assert.equal(created.status, 303);
  ids.org = created.headers.get('location');
  assert.equal((await post('staff', `${ids.org}/verify`, {})).status, 303);
  const need = await post('staff', '/needs/new', {
    organisation: ids.org.slice('/orgs/'.length), intent: 'submit', title: 'Prêter des livres entre voisins',
    summary: 'Un catalogue partagé des livres du quartier', format: 'student_project',
    problem: 'Les livres dorment sur les étagères.', beneficiaries: 'Les habitants du quartier', hopes: 'Un site simple',
    contact_name: 'Ariane', contact_email: 'ariane@example.org', sdg: ['4', '11'] });
  assert.equal(need.status, 303);
  ids.need = need.headers.get('location').split('?')[0];
  ids.framing = ids.need.replace('/needs/', '/framing/');
  assert.equal((await post('staff', `${ids.need}/status`, { to: 'framing' })).status, 303);
  for (const statement of ['Un catalogue des livres', 'Un catalogue partagé des livres, consultable sur téléphone'])
    assert.equal((await post('staff', ids.framing, { statement, users: 'Les voisins', team_min: '3', team_max: '5' })).status, 303);
  assert.equal((await post('staff', `${ids.framing}/comments`, { body: 'Préciser le nombre de livres.' })).status, 303);

  // The demo student applies to an internship (staff review it) and ranks two projects.
  assert.equal((await post('student', `/projects/${internship}/apply`,
                           { message: "La donnée au service de l'inclusion me motive : je suis en 4e année." })).status, 303);
  const open = sql(server.database, `SELECT p.slug FROM campaign_projects cp JOIN projects p ON p.id = cp.project_id
                                     WHERE cp.campaign_id = ${ids.open} ORDER BY p.slug`);
  assert.equal((await post('student', `/campaigns/${ids.open}/ranking`, { choice: open.slice(0, 2), intent: 'save' })).status, 303);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  if (shots) fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopCleanly(server);
});

// What is wrong with `target` for `who` in `lang`, at both widths: axe's violations and a sideways
// scroll, one line each.
async function problemsOf(who, lang, target, status, colorScheme = 'light') {
  const page = await pageOf(who, lang, colorScheme);
  const where = typeof target === 'function' ? target(ids) : target;
  await page.setViewportSize({ width: 1280, height: 900 });
  const res = await page.goto(where);
  assert.equal(res.status(), status, `${where} answered ${res.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang, where);
  const problems = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Let a chart or a script that follows the window's size draw at the new width.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // The skip link, focused by the first Tab, is checked as it then shows.
    if (width === 390) await page.keyboard.press('Tab');
    for (const v of await axeViolations(page)) problems.push(`${lang}, ${colorScheme}, ${width} px: ${v}`);
    const overflow = await horizontalOverflow(page);
    if (overflow.scrollWidth > overflow.innerWidth)
      problems.push(`${lang}, ${colorScheme}, ${width} px: the page is ${overflow.scrollWidth} px wide in ${overflow.innerWidth}: ${overflow.wider.join(', ')}`);
    if (shots) {
      const file = `${lang}-${colorScheme}-${who}-${where.replace(/[^a-z0-9]+/gi, '-')}-${width}.png`.toLowerCase();
      await page.screenshot({ path: path.join(shots, file), fullPage: true });
    }
  }
  return problems;
}

// Both languages at once, in two pages (two renderer processes): the walk takes about half the time.
for (const [who, name, target, status = 200] of walk) {
  test(`${who}: ${name}`, async () => {
    const problems = (await Promise.all(['fr', 'en'].map((lang) => problemsOf(who, lang, target, status)))).flat();
    assert.deepEqual(problems, [], `${who}: ${name}:\n${problems.join('\n')}`);
  });
}

// Pico follows the system's dark mode: the pages whose colours are our own (figures, badges,
// notices, charts), in French.
const dark = ['visitor home', 'visitor catalogue', 'visitor semester project (delivered, teams)', 'visitor impact', 'student Mon espace'];
for (const [who, name, target] of walk.filter(([who, name]) => dark.includes(`${who} ${name}`))) {
  test(`dark colour scheme, ${who}: ${name}`, async () => {
    const problems = await problemsOf(who, 'fr', target, 200, 'dark');
    assert.deepEqual(problems, [], `${who}: ${name}:\n${problems.join('\n')}`);
  });
}
