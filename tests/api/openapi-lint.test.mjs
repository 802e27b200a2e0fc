// docs/api/openapi.yaml is a valid OpenAPI 3.0 document for two independent validators
// (@seriousme/openapi-schema-validator and swagger-parser, from the npm lock file), and follows
// the rules this project keeps on top: every operation has a unique operationId and its error
// answers, public operations say `security: []`, errors share one schema, and the documented
// routes are exactly those the server registers (src/web/handlers/routes.cpp).
//
// Run from the repository root: node --test tests/api/ (scripts/test.sh does, in `make test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import SwaggerParser from '@apidevtools/swagger-parser';
import { operations, parametersOf, registeredRoutes, resolve, spec, specPath } from './support/contract.mjs';

test('the file is valid for @seriousme/openapi-schema-validator', async () => {
  const result = await new Validator().validate(specPath);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
});

test('the file is valid for swagger-parser (schema and references)', async () => {
  await SwaggerParser.validate(specPath);
});

test('every operation has a unique operationId, a summary and its 4xx answers', () => {
  const ids = new Set();
  for (const op of operations()) {
    const what = `${op.method} ${op.path}`;
    assert.match(op.id || '', /^[a-z][A-Za-z]+$/, `${what}: operationId`);
    assert.ok(!ids.has(op.id), `${what}: operationId ${op.id} used twice`);
    ids.add(op.id);
    assert.ok(op.operation.summary, `${what}: summary`);
    const statuses = Object.keys(op.operation.responses);
    assert.ok(statuses.some((s) => /^2\d\d$/.test(s)), `${what}: a success answer`);
    if (!op.path.startsWith('/api/')) continue;  // /healthz and /metrics refuse nothing
    // Site::handle answers these on every /api/ route: a query parameter refused, a bad token.
    for (const status of ['400', '401']) assert.ok(statuses.includes(status), `${what}: ${status} documented`);
    if (op.operation.requestBody) assert.ok(statuses.includes('415'), `${what}: 415 documented (it takes a body)`);
    if (op.method !== 'GET') assert.ok(statuses.includes('403'), `${what}: 403 documented (CSRF with a session cookie)`);
  }
  assert.ok(ids.size >= 23, `${ids.size} operations`);
});

test('every error answer of the API is the Error schema, which requires `error`', () => {
  const error = spec.components.schemas.Error;
  assert.deepEqual(error.required, ['error']);
  assert.equal(error.additionalProperties, false);
  assert.deepEqual(spec.components.schemas.ErrorDetail.required, ['code', 'message']);
  for (const op of operations()) {
    if (!op.path.startsWith('/api/')) continue;
    for (const [status, ref] of Object.entries(op.operation.responses)) {
      if (Number(status) < 400) continue;
      const schema = resolve(ref).content?.['application/json']?.schema;
      assert.ok(schema, `${op.id} ${status}: a JSON body`);
      const isError = schema.$ref === '#/components/schemas/Error' ||
        schema.properties?.error?.$ref === '#/components/schemas/ErrorDetail';
      assert.ok(isError, `${op.id} ${status}: the Error schema (or one with its error object)`);
      if (schema.properties) assert.ok(schema.required.includes('error'), `${op.id} ${status}: error required`);
    }
  }
});

test('public operations say `security: []`; the others inherit the token or the session', () => {
  const routes = registeredRoutes();
  assert.deepEqual(spec.security, [{ bearer: [] }, { session: [] }]);
  for (const op of operations()) {
    const route = routes.find((r) => r.method === op.method && r.path === op.path);
    assert.ok(route, `${op.method} ${op.path} is documented but the server has no such route`);
    if (route.action === 'view_public') assert.deepEqual(op.operation.security, [], `${op.id}: public`);
    else assert.equal(op.operation.security, undefined, `${op.id}: needs a token or a session`);
  }
});

test('every route of the API (and /healthz, /metrics) is documented, with its path parameters', () => {
  const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
  const routes = registeredRoutes().filter((r) => r.path.startsWith('/api/') || r.path === '/healthz' || r.path === '/metrics');
  assert.ok(routes.length >= 23, `${routes.length} routes found in routes.cpp`);
  for (const r of routes) assert.ok(documented.has(`${r.method} ${r.path}`), `${r.method} ${r.path} is not documented`);
  for (const op of operations()) {
    const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const declared = parametersOf(op).filter((p) => p.in === 'path').map((p) => p.name).sort();
    assert.deepEqual(declared, inPath, `${op.id}: path parameters`);
    for (const p of parametersOf(op).filter((q) => q.in === 'query'))
      assert.ok(p.schema && p.schema.type !== 'array', `${op.id} ?${p.name}: one value (repeated ones are refused)`);
  }
});
