// Set-Cookie headers of a fetch() response, one string a cookie, on every Node the tests run on:
// Headers.getSetCookie() exists from Node 19.7 only, and Debian 12 ships Node 18, whose fetch
// joins the headers with ", ". Split there, but not inside an Expires date ("Wed, 21 Oct ...").
export function setCookies(response) {
  if (typeof response.headers.getSetCookie === 'function') return response.headers.getSetCookie();
  const joined = response.headers.get('set-cookie');
  return joined ? joined.split(/,\s*(?=[^;,=\s]+=)/) : [];
}

// The value of cookie `name` set by `response`, or '' when it sets none.
export function cookieValue(response, name) {
  const cookie = setCookies(response).find((c) => c.startsWith(`${name}=`)) || '';
  return cookie.split(';')[0].slice(name.length + 1);
}
