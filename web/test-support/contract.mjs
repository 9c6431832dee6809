// Checks answers of the console's fake back ends against Stoker's API contract: the OpenAPI document
// that dev.stoker.rest serves at /api/v1/openapi.json, kept as a snapshot in
// src/main/webapp/api/openapi.json (scripts/e2e.sh fails when the snapshot differs from the live one).
//
// The document (OpenAPI 3.1, so JSON Schema 2020-12) is generated from Java records: a component is `required`
// unless the record marks it @Nullable, and then it may be null (`"null"` among its types, or a reference as
// one of `anyOf` with `{"type": "null"}`). Jackson writes every record component (null included), so
// the check is stricter than the document for answers: every property of a record must be present, only
// the nullable ones may be null, and no other property may appear (Problem leaves out null fields). A schema
// {"type": "object"} without properties is the generator's fallback for classes it does not describe and
// accepts anything. Answers documented only as "2XX" have no schema and are not checked.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

export const SNAPSHOT = new URL('../src/main/webapp/api/openapi.json', import.meta.url);

/** The OpenAPI document of the snapshot (Node; Vitest imports the JSON file itself). */
export function loadContract(url = SNAPSHOT) {
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** Whether a schema's type (one name or a list of them) includes `name`. */
const hasType = (schema, name) => [].concat(schema.type ?? []).includes(name);

/** A schema of the document made strict for answers: records get every property required and no others. */
function strict(schema, { record = true } = {}) {
  if (!schema || typeof schema !== 'object') return schema;
  if (schema.$ref) return { $ref: schema.$ref.replace(/^#/, 'stoker#') };
  const out = { ...schema };
  // the generator's fallback for a class it does not describe ({"type": "object"}, maybe nullable): anything
  if (hasType(schema, 'object') && !schema.properties && !schema.additionalProperties) return {};
  if (schema.items) out.items = strict(schema.items);
  if (schema.allOf) out.allOf = schema.allOf.map((s) => strict(s));
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => strict(s));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.additionalProperties = strict(schema.additionalProperties);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, strict(v)]));
    if (record) {
      out.required = Object.keys(schema.properties);
      out.additionalProperties = false;
    }
  }
  return out;
}

/** A checker for one contract: `check(method, path, status, body)` → null (fine or not described) or error texts. */
export function contractChecker(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  // java.time.Duration as Jackson writes it (ISO-8601, e.g. PT30M) and java.net.URI
  ajv.addFormat('duration', /^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  const schemas = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).map(([k, v]) => [k, strict(v, { record: k !== 'Problem' })]));
  const routes = Object.entries(doc.paths).map(([template, item]) => {
    const names = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n) => (names.push(n), '([^/]+)'));
    return { template, item, re: new RegExp(`^${source}$`), params: names.length };
  });
  // the records once, under one id; each answer's schema refers to them
  ajv.addSchema({ $id: 'stoker', components: { schemas } });
  const compiled = new Map();
  const compiledFor = (schema) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) compiled.set(key, ajv.compile(strict(schema)));
    return compiled.get(key);
  };
  // compiled up front, so that no test pays for it while it waits for an answer
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      for (const response of Object.values(op.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) if (media.schema) compiledFor(media.schema);
      }
    }
  }

  /** The documented operation for a request: the matching template with the fewest parameters. */
  const operation = (method, path) => {
    const found = routes.filter((r) => r.re.test(path) && r.item[method.toLowerCase()]).sort((a, b) => a.params - b.params)[0];
    return found ? { template: found.template, op: found.item[method.toLowerCase()] } : null;
  };

  const check = (method, path, status, body, contentType = 'application/json') => {
    const found = operation(method, path);
    if (!found) return [`${method} ${path}: no such operation in the API`];
    const responses = found.op.responses ?? {};
    // errors are problem+json (the document's info says so) even where a 5xx status is not listed
    const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? (status >= 500 && /problem\+json/.test(contentType) ? problem : undefined);
    if (!response && status >= 500) return null;
    if (!response) return [`${method} ${found.template}: status ${status} is not documented (${Object.keys(responses).join(', ')})`];
    const media = response.content?.[contentType.split(';')[0].trim()] ?? (status >= 400 ? response.content?.['application/problem+json'] : undefined);
    if (!media?.schema) return null;
    const validate = compiledFor(media.schema);
    if (validate(body)) return null;
    // a nullable record that is wrong: leave out the "must be null" half of its alternatives
    const errors = validate.errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params?.type === 'null'));
    return (errors.length ? errors : validate.errors).map((e) => `${method} ${found.template} ${status}: body${e.instancePath} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`);
  };
  return { check, operation, doc };
}
