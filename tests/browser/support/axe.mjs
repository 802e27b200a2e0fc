// axe-core (npm, in the lock file) run inside a page, and the layout measures the browser tests
// make at phone width: what a person meets that the HTML checker cannot see.
import path from 'node:path';

const axeScript = path.resolve('node_modules/axe-core/axe.min.js');

// Every rule axe runs by default (WCAG 2.x A and AA, best practices): none is disabled. The
// script is injected as an inline <script>, which our Content Security Policy refuses: the
// contexts that call this are opened with `bypassCSP: true` (the pages have no inline script or
// style of their own for that to hide; tests/browser/site.test.mjs checks them under the CSP).
//
// Resolves to one line per element in violation: "rule (impact): target — summary".
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axeScript });
  // Colours are read once the transitions have ended (Pico fades a focused link's background in):
  // mid-way, the contrast measured would be neither the start's nor the end's.
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
    .map((a) => a.finished.catch(() => {}))));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.flatMap((v) => v.nodes.map(
    (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${(n.failureSummary || v.help).replace(/\s+/g, ' ')}`));
}

// {scrollWidth, innerWidth, wider}: the page's width against the window's, and the elements that
// reach past the window's right edge (the deepest ones, which are the cause), when it scrolls.
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const { scrollWidth } = document.documentElement;
    const { innerWidth } = window;
    const wider = [];
    if (scrollWidth > innerWidth) {
      for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= innerWidth + 0.5) continue;
        if ([...el.children].some((c) => c.getBoundingClientRect().right > innerWidth + 0.5)) continue;
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
                     (el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
        wider.push(`${name} (right ${Math.round(box.right)} px)`);
      }
    }
    return { scrollWidth, innerWidth, wider: wider.slice(0, 10) };
  });
}

// What is drawn over something else inside `root` (a selector): each line of text (a text node's
// boxes) and each form control or image against every other, when they cross by more than a
// pixel both ways. Resolves to "a ∩ b" strings quoting the text.
export function overlappingText(page, root) {
  return page.evaluate((sel) => {
    const scope = document.querySelector(sel);
    if (!scope) throw new Error(`no ${sel} on the page`);
    const items = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;   // drawn nowhere
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length) items.push({ name: `"${node.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}"`, rects });
    }
    for (const el of scope.querySelectorAll('input:not([type=hidden]), select, textarea, img, button')) {
      const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length) items.push({ name: `<${el.tagName.toLowerCase()} ${el.name || el.id || ''}>`, rects });
    }
    const cross = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
                            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const found = [];
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++)
        if (items[i].rects.some((a) => items[j].rects.some((b) => cross(a, b)))) found.push(`${items[i].name} ∩ ${items[j].name}`);
    return found;
  }, root);
}
