// Steps of the account pages driven through the French UI, shared by the browser tests:
// a person is {name, email, role (the <select> value), password}.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { linkIn, waitForMail } from './mail.mjs';

const fr = JSON.parse(fs.readFileSync(new URL('../../../i18n/fr.json', import.meta.url), 'utf8'));

// Fills the sign-up form the page shows (/signup) and sends it: "check your inbox".
export async function submitSignUp(page, person) {
  assert.equal(new URL(page.url()).pathname, '/signup', `sign-up form expected, at ${page.url()}`);
  await page.getByLabel('Nom affiché', { exact: true }).fill(person.name);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(person.email);
  await page.getByLabel('Vous êtes', { exact: true }).selectOption(person.role);
  await page.getByLabel('Mot de passe', { exact: true }).fill(person.password);
  await page.locator('#consent').check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup'),
    page.getByRole('button', { name: 'Créer mon compte' }).click(),
  ]);
  assert.equal(response.status(), 200, `sign-up of ${person.email}`);
  await page.waitForLoadState('load');
  assert.equal((await page.locator('[data-testid=notice] h1').innerText()).trim(), fr['signup.sent.title']);
}

// Waits for the confirmation mail to `person` at the SMTP sink and opens its link: "Adresse confirmée".
export async function confirmThroughMail(page, sink, person, { baseUrl, serverOutput }) {
  const mail = await waitForMail(sink, { to: person.email, subject: fr['mail.confirm_email.subject'], serverOutput });
  const link = linkIn(mail.parts['text/plain'] || '', baseUrl, '/confirm');
  assert.ok(link, `${mail.name}: no confirmation link to ${baseUrl} in:\n${mail.parts['text/plain']}`);
  const res = await page.goto(link);
  assert.equal(res.status(), 200, link);
  assert.equal((await page.locator('[data-testid=notice] h1').innerText()).trim(), fr['confirm.done.title']);
  return link;
}

// Fills the log-in form the page shows and sends it; resolves once the browser is at a URL that
// satisfies `landing` (by default "Mon espace").
export async function submitLogIn(page, person, landing = (u) => u.pathname === '/me') {
  assert.equal(new URL(page.url()).pathname, '/login', `log-in form expected, at ${page.url()}`);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(person.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(person.password);
  await Promise.all([
    page.waitForURL(landing),
    page.locator('main form').getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}
