// Layout points measured in the browser, at 390 and 1280 px, in French and in English: the apply
// form's checkbox labels are not printed over the profile text, a project's goal badges sit on the
// line of their names (and a card's badges on one line), "Mon espace" shows the new token box only
// right after a token is made, and the impact charts (static/js/impact.js) are drawn with a title,
// axis titles, a legend when there are several series, labels that are not cut, and a table of the
// same figures for screen readers; a refused form's message sits right below its field at 390 px.
//
// Run from the repository root: node --test tests/browser/layout.test.mjs
// Needs build/latitudes (or LATITUDES_BINARY), node_modules/playwright-core and /usr/bin/chromium
// (or CHROMIUM_PATH).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { horizontalOverflow, overlappingText } from './support/axe.mjs';
import { chromiumPath } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { logInSession, postForm, toContext } from './support/sessions.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const i18n = { fr: JSON.parse(fs.readFileSync(path.resolve('i18n/fr.json'), 'utf8')),
               en: JSON.parse(fs.readFileSync(path.resolve('i18n/en.json'), 'utf8')) };
const widths = [390, 1280];
const internship = 'stage-dev-kiosque-sante';

let server;
let browser;
let student;   // the demo student's session, with a filled profile
const errors = [];

async function openPage(lang, width, session, colorScheme = 'light') {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', baseURL: server.baseUrl,
                                             viewport: { width, height: 900 }, colorScheme });
  if (session) await toContext(context, server.baseUrl, session);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (err) => { errors.push(`${page.url()}: ${err}`); });
  return page;
}

// Runs `check(page, lang, width)` on a fresh page for each language and width.
async function everywhere(session, check) {
  for (const lang of ['fr', 'en']) {
    for (const width of widths) {
      const page = await openPage(lang, width, session);
      try {
        await check(page, lang, width);
        const overflow = await horizontalOverflow(page);
        assert.ok(overflow.scrollWidth <= overflow.innerWidth,
                  `${page.url()} scrolls sideways at ${width} px (${overflow.scrollWidth} px): ${overflow.wider.join(', ')}`);
      } finally {
        await page.context().close();
      }
    }
  }
}

before(async () => {
  server = await startDemoServer('layout');
  student = await logInSession(server.baseUrl, 'etudiante@demo.latitudes.org', 'latitudes demo 2027');
  // A profile with something in every part the apply form previews, long enough to wrap.
  const skills = sql(server.database, "SELECT id FROM skills WHERE slug IN ('accessibility', 'web-backend', 'ux-design')");
  const [school] = sql(server.database, "SELECT id FROM organisations WHERE slug = 'eivl'");
  const profile = await postForm(server.baseUrl, student, '/me/profile', {
    school_id: school, study_year: '4', availability: 'Les mardis et jeudis après-midi, à distance ou à Lyon, de février à juin',
    hours_per_week: '8', bio: 'Étudiante en 4e année, je construis des services numériques accessibles '.repeat(4),
    ...Object.fromEntries(skills.map((id) => [`skill_${id}`, '2'])), sdg: ['3', '4', '10'] });
  assert.equal(profile.status, 303, 'the profile is saved');
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

test('the apply form: each checkbox, its label and its profile text, nothing drawn over another', async () => {
  await everywhere(student, async (page, lang, width) => {
    assert.equal((await page.goto(`/projects/${internship}/apply`)).status(), 200);
    const parts = page.locator('[data-testid=apply-form] fieldset label');
    assert.ok(await parts.count() >= 3, 'the profile parts are offered');
    const previews = await parts.locator('small').allInnerTexts();
    assert.ok(!previews.some((p) => p.includes(i18n[lang]['apply.share.empty'])), `every part is filled: ${previews}`);
    assert.deepEqual(await overlappingText(page, '[data-testid=apply-form] fieldset'), [], `${lang}, ${width} px`);
    // Each preview starts below or after its checkbox, inside the fieldset.
    for (const label of await parts.all()) {
      const box = await label.locator('input').boundingBox();
      const preview = await label.locator('small').boundingBox();
      assert.ok(preview.y >= box.y - 1 || preview.x >= box.x + box.width, `${lang}, ${width} px: ${await label.innerText()}`);
    }
  });
});

test('a project page: each goal badge is on the line of its name, centred on it', async () => {
  await everywhere(null, async (page, lang, width) => {
    assert.equal((await page.goto('/projects/entourage')).status(), 200);
    const goals = page.locator('[data-testid=project-sdgs] > li');
    assert.ok(await goals.count() >= 2, 'entourage has several goals');
    for (const goal of await goals.all()) {
      const badge = await goal.locator('.sdg').boundingBox();
      const name = await goal.locator('.sdg-name').boundingBox();
      const text = await goal.innerText();
      assert.ok(name.x >= badge.x + badge.width, `${lang}, ${width} px: "${text}": the name follows its badge`);
      assert.ok(Math.abs((badge.y + badge.height / 2) - (name.y + name.height / 2)) <= 2,
                `${lang}, ${width} px: "${text}": badge centre ${badge.y + badge.height / 2}, name centre ${name.y + name.height / 2}`);
    }
    assert.deepEqual(await overlappingText(page, '[data-testid=project-sdgs]'), []);
  });
});

test('catalogue cards: the goal badges of a card line up, of one height, row by row', async () => {
  await everywhere(null, async (page, lang, width) => {
    assert.equal((await page.goto('/projects')).status(), 200);
    const lists = await page.locator('[data-testid=project-card] .sdg-list').all();
    assert.ok(lists.length > 2);
    for (const list of lists) {
      const boxes = await list.locator('li.sdg').evaluateAll((lis) => lis.map((li) => {
        const r = li.getBoundingClientRect();
        return { top: r.top, height: r.height };
      }));
      // Badges whose boxes share a line have the same top and height (a long list may wrap).
      for (const a of boxes) {
        for (const b of boxes.filter((o) => o.top < a.top + a.height && a.top < o.top + o.height)) {
          assert.ok(Math.abs(b.top - a.top) <= 1 && Math.abs(b.height - a.height) <= 1,
                    `${lang}, ${width} px: badges ${JSON.stringify(boxes)}`);
        }
      }
    }
  });
});

test('"Mon espace" shows the new token box only right after a token is made', async () => {
  for (const lang of ['fr', 'en']) {
    const page = await openPage(lang, 390, student);
    const created = i18n[lang]['me.tokens.created'];
    await page.goto('/me');
    assert.equal(await page.locator('[data-testid=new-token]').count(), 0);
    assert.ok(!(await page.locator('main').innerText()).includes(created.slice(0, 20)), `${lang}: no token box before`);
    await page.getByLabel(i18n[lang]['me.tokens.name'], { exact: true }).fill(`script ${lang}`);
    await Promise.all([page.waitForLoadState('load'),
                       page.getByRole('button', { name: i18n[lang]['me.tokens.create'], exact: true }).click()]);
    await page.waitForSelector('[data-testid=new-token]');
    assert.match(await page.locator('[data-testid=new-token]').innerText(), /\S{20,}/, `${lang}: the token is shown`);
    await page.goto('/me');
    assert.equal(await page.locator('[data-testid=new-token]').count(), 0, `${lang}: shown once only`);
    await page.context().close();
  }
});

// What a chart is made of, read from Chart.js in the page: its options, how wide its category
// labels are drawn against the room its axis got, and the table next to it.
function readCharts(page) {
  return page.evaluate(() => [...document.querySelectorAll('canvas.impact-chart')].map((canvas) => {
    const chart = window.Chart.getChart(canvas);
    const o = chart.options;
    const category = o.indexAxis === 'y' ? chart.scales.y : chart.scales.x;
    const font = window.Chart.helpers.toFont(category.options.ticks.font);
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font.string;
    const lines = category.ticks.flatMap((t) => [].concat(t.label));
    const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
    const mostLines = Math.max(...category.ticks.map((t) => [].concat(t.label).length));
    ctx.restore();
    const table = canvas.closest('section').querySelector('table');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4 * 97) if (pixels[i] > 0) painted += 1;
    return {
      id: canvas.id, painted, width: chart.width, height: chart.height, boxWidth: canvas.parentNode.clientWidth,
      title: o.plugins.title.display ? o.plugins.title.text : '',
      axes: Object.fromEntries(Object.entries(chart.scales).map(([k, s]) => [k, s.options.title.display ? s.options.title.text : ''])),
      legend: o.plugins.legend.display, series: chart.data.datasets.length,
      labels: chart.data.labels.length, ticks: category.ticks.length,
      horizontal: o.indexAxis === 'y', widest, mostLines, lineHeight: font.lineHeight,
      axis: { left: category.left, top: category.top, width: category.width, height: category.height,
              bottom: category.bottom, rotation: category.labelRotation, padding: category.options.ticks.padding },
      values: chart.data.datasets.map((d) => d.data.map(Number)),
      caption: table?.caption?.textContent.trim() || '',
      rows: table ? [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())) : [],
    };
  }));
}

test('the impact charts: drawn, titled, labels not cut, their figures in a table', async () => {
  await everywhere(null, async (page, lang, width) => {
    assert.equal((await page.goto('/impact')).status(), 200);
    await page.waitForFunction(() => document.querySelectorAll('canvas.impact-chart[data-rendered="true"]').length === 3);
    // Chart.js follows its box's size on the next frames (a ResizeObserver).
    await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 100)));
    const t = i18n[lang];
    const expected = {
      'chart-semesters': { title: t['impact.semesters_title'], x: t['impact.semester'], y: t['impact.chart.count'] },
      'chart-sdgs': { title: t['impact.sdg_title'], x: t['impact.chart.projects'], y: t['impact.sdg'] },
      'chart-schools': { title: t['impact.chart.schools_title'], x: t['impact.chart.students'], y: t['impact.school'] },
    };
    const charts = await readCharts(page);
    assert.deepEqual(charts.map((c) => c.id), Object.keys(expected));
    for (const c of charts) {
      const where = `${lang}, ${width} px, ${c.id}`;
      assert.ok(c.painted > 50, `${where}: the canvas is drawn (${c.painted} painted samples)`);
      assert.ok(Math.abs(c.width - c.boxWidth) <= 1, `${where}: the chart fills its box (${c.width} of ${c.boxWidth} px)`);
      assert.equal(c.title, expected[c.id].title, `${where}: title`);
      assert.deepEqual(c.axes, { x: expected[c.id].x, y: expected[c.id].y }, `${where}: axis titles`);
      assert.equal(c.legend, c.series > 1, `${where}: a legend exactly when there are several series (${c.series})`);
      assert.equal(c.ticks, c.labels, `${where}: every label is drawn (none skipped)`);
      // Not cut: the axis got the room its widest line needs, inside the canvas.
      const a = c.axis;
      if (c.horizontal) {
        assert.ok(a.left >= 0 && c.widest + a.padding <= a.width + 0.5,
                  `${where}: labels ${Math.round(c.widest)} px wide in an axis of ${Math.round(a.width)} px`);
        // Each category has an equal band of the axis: the label of most lines must fit in it, or it
        // runs into its neighbours.
        const band = a.height / c.labels;
        assert.ok(c.mostLines * c.lineHeight <= band + 0.5,
                  `${where}: a label of ${c.mostLines} lines (${c.mostLines * c.lineHeight} px) in a band of ${Math.round(band)} px`);
      } else {
        const rad = (a.rotation * Math.PI) / 180;
        const needed = c.widest * Math.sin(rad) + c.lineHeight * Math.cos(rad);
        assert.ok(needed <= a.height + 0.5 && a.bottom <= c.height + 0.5,
                  `${where}: labels need ${Math.round(needed)} px, the axis has ${Math.round(a.height)} px`);
      }
      // The table says the same: one row per label, the first series' figures in it.
      assert.ok(c.caption, `${where}: the table has a caption`);
      assert.equal(c.rows.length, c.labels, `${where}: one table row per bar`);
      for (let i = 0; i < c.rows.length; i++) {
        const figures = c.rows[i].map((cell) => Number(cell.replace(/[\s\u202f\u00a0]/g, ''))).filter(Number.isFinite);
        for (const series of c.values) assert.ok(figures.includes(series[i]), `${where}: row ${c.rows[i]} lacks ${series[i]}`);
      }
    }
  });
});

// Canvas text is out of axe's reach: the charts' colours are read from Chart.js and measured here,
// on the page's background, in light and dark mode (WCAG: 4.5:1 for text, 3:1 for the bars of the
// chart whose two series are told apart by colour; the goals keep the UN's palette, and every
// figure is in the tables).
test('the impact charts in light and dark mode: text at 4.5:1 on the page, the series at 3:1', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage('fr', 1280, null, colorScheme);
    assert.equal((await page.goto('/impact')).status(), 200);
    await page.waitForFunction(() => document.querySelectorAll('canvas.impact-chart[data-rendered="true"]').length === 3);
    const charts = await page.evaluate(() => {
      const rgb = (colour) => {
        const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d');
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1);
        return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
      };
      const lum = (c) => c.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const background = rgb(getComputedStyle(document.body).getPropertyValue('--pico-background-color'));
      const ratio = (colour) => {
        const [a, b] = [lum(rgb(colour)), lum(background)].sort((x, y) => y - x);
        return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
      };
      return [...document.querySelectorAll('canvas.impact-chart')].map((canvas) => {
        const chart = window.Chart.getChart(canvas);
        const text = { title: chart.options.plugins.title.color, legend: chart.options.plugins.legend.labels.color };
        for (const [k, scale] of Object.entries(chart.scales)) {
          text[`${k} ticks`] = scale.options.ticks.color;
          text[`${k} title`] = scale.options.title.color;
        }
        return { id: canvas.id, text: Object.fromEntries(Object.entries(text).map(([k, c]) => [k, ratio(c)])),
                 series: chart.data.datasets.length > 1 ? chart.data.datasets.map((d) => ratio(d.backgroundColor)) : [] };
      });
    });
    for (const c of charts) {
      for (const [what, r] of Object.entries(c.text)) assert.ok(r >= 4.5, `${colorScheme}, ${c.id}: ${what} at ${r}:1`);
      for (const r of c.series) assert.ok(r >= 3, `${colorScheme}, ${c.id}: a series' bars at ${r}:1`);
    }
    await page.context().close();
  }
});

// It shows over the header's logo when the first Tab focuses it: its background must hide what is
// under it (Pico makes a link's --pico-background-color transparent).
test('the skip link, focused, is opaque over the header in light and dark mode', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage('fr', 390, null, colorScheme);
    await page.goto('/about');
    await page.keyboard.press('Tab');
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
    const seen = await page.evaluate(() => ({ link: document.activeElement.className,
                                              background: getComputedStyle(document.activeElement).backgroundColor }));
    assert.equal(seen.link, 'skip-link');
    assert.match(seen.background, /^rgb\(/, `${colorScheme}: the focused skip link's background is ${seen.background}`);
    await page.context().close();
  }
});

// A refused form (issue 10, section 1): on a phone, each message sits right below its field, as
// wide as the form's column, and the summary at the top links to the field. The browser's own
// checks are turned off so that the server's answer is what is measured.
test('a refused profile at 390 px: the message right below its field, the summary linked to it', async () => {
  for (const lang of ['fr', 'en']) {
    // Not openPage: the browser logs the expected 422 as a console error.
    const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', baseURL: server.baseUrl,
                                               viewport: { width: 390, height: 900 } });
    await toContext(context, server.baseUrl, student);
    const page = await context.newPage();
    page.on('pageerror', (err) => { errors.push(`${page.url()}: ${err}`); });
    assert.equal((await page.goto(`/me/profile?lang=${lang}`)).status(), 200);
    const form = page.locator('form[action="/me/profile"]');
    await form.evaluate((f) => { f.noValidate = true; });
    await page.locator('#hours_per_week').fill('100');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/me/profile') && r.request().method() === 'POST'),
                                        form.locator('button[type=submit]').click()]);
    assert.equal(answer.status(), 422);
    await page.waitForLoadState('domcontentloaded');
    const input = page.locator('#hours_per_week');
    assert.equal(await input.inputValue(), '100', 'the value stays to be corrected');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.getAttribute('aria-describedby'), 'hours_per_week-error');
    const message = page.locator('#hours_per_week-error');
    assert.ok((await message.innerText()).trim().length > 0);
    assert.equal(await page.locator('[data-testid=error-summary] a[href="#hours_per_week"]').innerText(),
                 await message.innerText(), 'the summary links to the field with the same words');
    const [field, below] = [await input.boundingBox(), await message.boundingBox()];
    const gap = below.y - (field.y + field.height);
    assert.ok(gap >= 0 && gap <= 16, `${lang}: the message starts ${gap} px below its field`);
    assert.ok(Math.abs(below.x - field.x) <= 2, `${lang}: the message is aligned with its field (${below.x} vs ${field.x})`);
    assert.ok(below.x + below.width <= 390, `${lang}: the message fits the screen`);
    // Nothing sits between them: the next element after the field is its message.
    assert.equal(await input.evaluate((el) => el.nextElementSibling && el.nextElementSibling.id), 'hours_per_week-error');
    await page.context().close();
  }
});

test('no script error on these pages', () => {
  assert.deepEqual(errors, []);
});
