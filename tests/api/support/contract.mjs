// The OpenAPI contract (docs/api/openapi.yaml) as the API tests read it: its operations, and a
// checker that validates a real answer (status, media type, headers, body) against the schema
// its operation documents for that status, with ajv, and keeps count of what was exercised.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const specPath = path.resolve('docs/api/openapi.yaml');
export const spec = parse(fs.readFileSync(specPath, 'utf8'));
export const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// Every operation: {id, method (upper case), path, operation}.
export function operations() {
  const list = [];
  for (const [p, item] of Object.entries(spec.paths))
    for (const m of methods)
      if (item[m]) list.push({ id: item[m].operationId, method: m.toUpperCase(), path: p, operation: item[m], item });
  return list;
}

// A "#/components/..." reference resolved in the document (one level: parameters and responses).
export function resolve(node) {
  if (!node || !node.$ref) return node;
  return node.$ref.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

// The parameters of an operation (its path item's and its own), resolved.
export function parametersOf(op) {
  return [...(op.item.parameters || []), ...(op.operation.parameters || [])].map(resolve);
}

// The routes the server registers (src/web/handlers/routes.cpp, one `router.add` a route), so that
// a route cannot be added without being documented, nor documented without existing.
export function registeredRoutes() {
  const source = fs.readFileSync(path.resolve('src/web/handlers/routes.cpp'), 'utf8');
  const routes = [];
  for (const m of source.matchAll(/router\.add\(\s*"([A-Z]+)",\s*"([^"]+)",\s*\w+,\s*Action::(\w+)/g))
    routes.push({ method: m[1], path: m[2], action: m[3] });
  return routes;
}

// OpenAPI 3.0 schemas are JSON Schema draft 4 with `nullable` (which ajv knows) and a few
// annotations; the validators of the lint test refuse any other unknown keyword, so ajv need not.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// The components are one schema document; an operation's schema is compiled with its references
// pointing there.
ajv.addSchema({ $id: 'openapi', components: spec.components });

function pointing(node) {
  if (Array.isArray(node)) return node.map(pointing);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : pointing(value);
  return out;
}
const compiled = new Map();
function validatorFor(key, schema) {
  assert.ok(schema, `no schema at ${key}`);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(pointing(schema)));
  return compiled.get(key);
}

// What was exercised: operation id -> Set of statuses answered; and (operation id, query
// parameter) pairs sent in a request that succeeded.
export const seen = new Map();
export const parametersSent = new Set();

const mediaType = (value) => (value || '').split(';')[0].trim().toLowerCase();

// Checks `answer` ({status, headers, text}) of a request to operation `id` against the contract;
// returns the parsed JSON body (or the text). `sent` ({query, body, contentType}) is the request,
// whose documented query parameters are counted when the answer is a success, and whose body is
// checked against the documented request schema when `requestIsValid`.
export function check(id, answer, sent = {}, { requestIsValid = false } = {}) {
  const op = operations().find((o) => o.id === id);
  assert.ok(op, `no operation ${id} in the contract`);
  const what = `${op.method} ${op.path} (${id}) -> ${answer.status}: ${answer.text.slice(0, 300)}`;
  const status = String(answer.status);
  assert.ok(op.operation.responses[status], `${what}: status ${status} is not documented for ${id}`);
  const response = resolve(op.operation.responses[status]);
  for (const [name, header] of Object.entries(response.headers || {}))
    if (header.required) assert.ok(answer.headers.get(name), `${what}: header ${name} is documented as always sent`);
  let body = answer.text;
  const content = response.content || {};
  if (Object.keys(content).length === 0) {
    assert.equal(answer.text, '', `${what}: no content is documented`);
  } else {
    const type = mediaType(answer.headers.get('content-type'));
    assert.ok(content[type], `${what}: media type ${type} is not documented (${Object.keys(content).join(', ')})`);
    if (type === 'application/json') body = JSON.parse(answer.text);
    const validate = validatorFor(`${id} ${status} ${type}`, content[type].schema);
    assert.ok(validate(body), `${what}: the body does not match the schema: ${ajv.errorsText(validate.errors)}`);
  }
  if (!seen.has(id)) seen.set(id, new Set());
  seen.get(id).add(status);
  if (answer.status < 300) for (const name of Object.keys(sent.query || {})) parametersSent.add(`${id} ${name}`);
  if (requestIsValid && sent.body !== undefined && sent.contentType === 'application/json') {
    const validate = validatorFor(`${id} request`, op.operation.requestBody?.content?.['application/json']?.schema);
    assert.ok(validate(JSON.parse(sent.body)),
              `${what}: the request the server took does not match the documented request body: ${ajv.errorsText(validate.errors)}`);
  }
  return body;
}
