// Browser test of the team's documents (French UI, Debian's Chromium): the demo student drops a
// 20 MB PDF on the upload form, the progress bar moves as the chunks go, and the file downloads
// identical (SHA-256); then, without JavaScript, the plain form uploads a file whole. Screenshots
// of the section at 390 and 1280 px, in French and English, go to build/test-artefacts.
//
// Run from the repository root: node --test tests/browser/documents.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { submitLogIn } from './support/accounts.mjs';
import { openFrenchContext, openFrenchPage } from './support/browser.mjs';
import { sql } from './support/database.mjs';
import { startDemoServer, stopCleanly } from './support/latitudes-server.mjs';

const artefacts = path.resolve('build/test-artefacts');
const student = { email: 'etudiante@demo.latitudes.org', password: 'latitudes demo 2027' };
let server;
let browser;
let visitor;
let team;

before(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  server = await startDemoServer('documents', { env: { LATITUDES_FILE_KEY: crypto.randomBytes(32).toString('hex') } });
  team = Number(sql(server.database, 'SELECT MIN(team_id) FROM documents')[0]);
  assert.ok(team > 0, 'the demo seeds documents when given the key');
  ({ browser, ...visitor } = await openFrenchPage(server.baseUrl));
  await visitor.page.goto('/login');
  await submitLogIn(visitor.page, student);
});

after(async () => {
  await browser?.close();
  await stopCleanly(server);
});

test('a 20 MB document dropped on the form uploads with a moving progress bar and downloads identical', async () => {
  const { page } = visitor;
  await page.goto(`/teams/${team}#documents`);
  await assert.doesNotReject(page.getByText('Convention de partenariat').first().waitFor());
  const form = page.getByTestId('document-form');
  await form.getByLabel('Type').selectOption('deliverable');
  await form.getByLabel('Titre').fill('Livrable final');
  // A 20 MB PDF made in the page, dropped on the file field as a person drops it.
  const sent = await page.evaluate(async () => {
    const size = 20 * 1024 * 1024;
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
    for (let at = 16; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
    const file = new File([bytes], 'livrable-final.pdf', { type: 'application/pdf' });
    const drop = new DataTransfer();
    drop.items.add(file);
    const zone = document.querySelector('[data-testid="document-form"] .drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: drop, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    // Each value the bar takes, kept across the reload that follows the upload.
    const bar = document.querySelector('[data-testid="upload-progress"]');
    sessionStorage.setItem('progress', '[]');
    new MutationObserver(() => {
      const seen = JSON.parse(sessionStorage.getItem('progress'));
      seen.push([Number(bar.value), Number(bar.max)]);
      sessionStorage.setItem('progress', JSON.stringify(seen));
    }).observe(bar, { attributes: true });
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return { name: document.querySelector('#document_file').files[0]?.name,
             hash: Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, '0')).join('') };
  });
  assert.equal(sent.name, 'livrable-final.pdf', 'the dropped file is in the field');
  await Promise.all([page.waitForURL((u) => u.search.includes('uploaded=')), form.getByRole('button', { name: 'Déposer' }).click()]);
  const progress = JSON.parse(await page.evaluate(() => sessionStorage.getItem('progress')));
  const values = progress.map(([v]) => v);
  assert.ok(new Set(values).size >= 10, `the bar moved step by step: ${values.length} values`);
  assert.equal(values.at(-1), progress.at(-1)[1], 'and reached the end');
  await assert.doesNotReject(page.getByTestId('document-uploaded').waitFor());
  const link = page.getByRole('link', { name: 'livrable-final.pdf' });
  const url = await link.getAttribute('href');
  const got = await page.evaluate(async (target) => {
    const res = await fetch(target);
    const digest = await crypto.subtle.digest('SHA-256', await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
             hash: Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, '0')).join('') };
  }, url);
  assert.equal(got.status, 200);
  assert.equal(got.type, 'application/pdf');
  assert.match(got.disposition, /^attachment; filename="livrable-final.pdf"/);
  assert.equal(got.hash, sent.hash, 'the download is the file dropped');
  assert.deepEqual(visitor.pageErrors, []);
  assert.equal(sql(server.database, 'SELECT COUNT(*) FROM document_uploads')[0], '0', 'the upload became a version');
});

test('without JavaScript the plain form uploads the file whole, and explains a refusal', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseUrl, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await submitLogIn(page, student);
  await page.goto(`/teams/${team}`);
  const form = page.getByTestId('document-form');
  await form.getByLabel('Type').selectOption('other');
  await form.getByLabel('Titre').fill('Notes de réunion');
  await form.locator('input[type="file"]').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n') });
  await Promise.all([page.waitForURL((u) => u.search.includes('uploaded=')), form.getByRole('button', { name: 'Déposer' }).click()]);
  await assert.doesNotReject(page.getByText('Notes de réunion').first().waitFor());
  const again = page.getByTestId('document-form');
  await again.getByLabel('Titre').fill('Un exécutable');
  await again.locator('input[type="file"]').setInputFiles({ name: 'outil.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await again.getByRole('button', { name: 'Déposer' }).click();
  await assert.doesNotReject(page.getByTestId('error-summary').waitFor());
  assert.match(await page.getByTestId('error-summary').innerText(), /n'est pas accepté/);
  await context.close();
});

test('screenshots of the documents section at 390 and 1280 px, in French and English', async () => {
  for (const lang of ['fr', 'en']) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseUrl, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto('/login');
      await submitLogIn(page, student);
      await page.goto(`/teams/${team}?lang=${lang}#documents`);
      const section = page.locator('#documents');
      await section.locator('details').first().evaluate((d) => { d.open = true; });
      await section.screenshot({ path: path.join(artefacts, `documents-${lang}-${width}.png`) });
      // Nothing of the section goes past the viewport (the access log's table scrolls in its own box).
      const overflow = await section.evaluate((s) => Math.max(...[...s.querySelectorAll('*')]
        .filter((e) => !e.closest('.overflow-auto')).map((e) => e.getBoundingClientRect().right)) - window.innerWidth);
      assert.ok(overflow <= 0, `nothing past the edge at ${width} px (${overflow} px)`);
      await context.close();
    }
  }
});
