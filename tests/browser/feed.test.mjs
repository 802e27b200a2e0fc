// The personal feed on Mon espace, in Chromium at 390 and 1280 px, in French and in English: the
// demo student's entries, the new ones first and marked as such, each with its place and time and
// a link; nothing scrolls sideways nor is drawn over another; the next visit shows them as
// earlier; the digest checkbox is off, turned on, and said to be on (without JavaScript: a form).
//
// Run from the repository root: node --test tests/browser/feed.test.mjs
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core and /usr/bin/chromium
// (or CHROMIUM_PATH). Screenshots go to $FEED_SHOTS when it names a folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { horizontalOverflow, overlappingText } from './support/axe.mjs';
import { chromiumPath } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { logInSession, toContext } from './support/sessions.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const i18n = { fr: JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8')),
               en: JSON.parse(fs.readFileSync(path.resolve('i18n/en.json'), 'utf8')) };
const shots = process.env.FEED_SHOTS;

let server;
let browser;
let student;
let contact;

// The demo's last visit, two days ago, so that each page opens with news (logging in opened /me).
const backToTwoDaysAgo = (email) => sql(server.database,
  `UPDATE feed_readers SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days') WHERE person_id = ` +
  `(SELECT id FROM people WHERE email = '${email}')`);

async function openMe(session, lang, width, target = '/me') {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', baseURL: server.baseUrl,
                                             viewport: { width, height: 900 } });
  await toContext(context, server.baseUrl, session);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  assert.equal((await page.goto(`${target}${target.includes('?') ? '&' : '?'}lang=${lang}`)).status(), 200);
  return page;
}

before(async () => {
  server = await startDemoServer('feed');
  student = await logInSession(server.baseUrl, 'etudiante@demo.latitudes.org', 'latitudes demo 2027');
  contact = await logInSession(server.baseUrl, 'association@demo.latitudes.org', 'latitudes demo 2027');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopCleanly(server);
});

test('Mon espace shows what is new since the last visit, then earlier entries, at 390 and 1280 px', async () => {
  for (const [who, session, email] of [['student', student, 'etudiante@demo.latitudes.org'],
                                       ['contact', contact, 'association@demo.latitudes.org']]) {
    for (const lang of ['fr', 'en']) {
      for (const width of [390, 1280]) {
        backToTwoDaysAgo(email);
        const page = await openMe(session, lang, width);
        try {
          const feed = page.locator('#feed');
          await feed.waitFor();
          assert.equal(await feed.locator('h2').innerText(), i18n[lang]['feed.title']);
          const fresh = feed.locator('[data-testid=feed-new] > li');
          assert.ok(await fresh.count() >= 1, `${who} ${lang} ${width}: something new`);
          assert.ok(await feed.locator('[data-testid=feed-older] > li').count() >= 1, `${who}: earlier entries too`);
          for (const entry of await fresh.all()) {
            assert.equal(await entry.locator('.feed-badge').innerText(), i18n[lang]['feed.new_badge']);
            assert.ok(await entry.locator('a[href^="/"]').count() === 1, 'a link to where to look');
            assert.ok(await entry.locator('time[datetime]').count() === 1, 'when');
          }
          // Newest first: the times of the entries go down the page.
          const times = await feed.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
          assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
          const overflow = await horizontalOverflow(page);
          assert.ok(overflow.scrollWidth <= overflow.innerWidth, `${who} ${lang} ${width}: scrolls sideways ${overflow.wider}`);
          // (a button's own label lies on it: the lists and the checkbox's fieldset are checked)
          for (const part of ['[data-testid=feed-new]', '[data-testid=feed-older]', '#feed-digest fieldset'])
            assert.deepEqual(await overlappingText(page, part), [], `${who} ${lang} ${width} ${part}`);
          if (shots) await feed.screenshot({ path: path.join(shots, `feed-${who}-${lang}-${width}.png`) });
        } finally {
          await page.context().close();
        }
      }
    }
  }
  // The visit marked them: the next one has nothing new.
  const again = await openMe(student, 'fr', 390);
  assert.equal(await again.locator('[data-testid=feed-new]').count(), 0);
  assert.ok(await again.locator('[data-testid=feed-older] > li').count() >= 3);
  await again.context().close();
});

test('the digest checkbox turns the daily e-mail on, from a phone', async () => {
  const page = await openMe(student, 'fr', 390);
  try {
    const box = page.locator('[data-testid=feed-digest]');
    assert.equal(await box.isChecked(), false, 'off by default');
    await box.check();
    await Promise.all([page.waitForURL(/done=feed_digest_on/), page.locator('[data-testid=feed-digest-save]').click()]);
    assert.equal(await page.locator('[data-testid=feed-digest]').isChecked(), true);
    assert.equal(await page.locator('[data-testid=me-notice]').innerText(), i18n.fr['feed.digest.on']);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.innerWidth);
    if (shots) await page.locator('#feed-digest').screenshot({ path: path.join(shots, 'feed-digest-fr-390.png') });
    const [on] = sql(server.database, "SELECT digest FROM feed_readers WHERE person_id = (SELECT id FROM people WHERE email = 'etudiante@demo.latitudes.org')");
    assert.equal(on, '1');
  } finally {
    await page.context().close();
  }
});
