// Log-ins and form posts without a browser, for tests that set up data before they look at pages:
// the same requests a browser sends (the csrf cookie and field, urlencoded forms), answered by the
// real server. A session is {sid, csrf}; toContext() hands it to a Playwright browser context.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cookieValue } from './cookies.mjs';
import { binary } from './latitudes-server.mjs';

// `latitudes user create` on the server's database (the password on standard input).
export function createAccount(server, { email, name, role, password }) {
  const created = spawnSync(binary, ['user', 'create', '--email', email, '--name', name, '--role', role,
                                     '--database', server.database], { input: `${password}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
}

// Logs in through POST /login; resolves to the session's cookie and the CSRF token of its forms.
export async function logInSession(baseUrl, email, password) {
  const csrf = cookieValue(await fetch(`${baseUrl}/login`), 'csrf');
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${csrf}` },
    body: new URLSearchParams({ email, password, csrf }).toString() });
  assert.equal(res.status, 303, `log-in of ${email}`);
  const sid = cookieValue(res, 'sid');
  const me = await (await fetch(`${baseUrl}/me`, { headers: { cookie: `sid=${sid}` } })).text();
  return { sid, csrf: me.match(/name="csrf" value="([^"]+)"/)[1] };
}

// POSTs a form as `session`; `fields` may repeat a name as an array. Resolves to the response
// (redirects not followed).
export function postForm(baseUrl, session, target, fields) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...fields, csrf: session.csrf }))
    for (const one of [].concat(value)) body.append(name, one);
  return fetch(`${baseUrl}${target}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sid=${session.sid}` }, body: body.toString() });
}

// Puts the session's cookie into a browser context, which is then logged in.
export async function toContext(context, baseUrl, session) {
  await context.addCookies([{ name: 'sid', value: session.sid, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}
