// Every generated record against the model's schemas. The validator below is a stand-in for the
// ingest validator: it walks the schema objects and reports unknown properties, wrong types, enum
// values outside the schema, missing required fields, and (Graph emits nulls rather than omitting)
// schema properties absent from the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldSchema, ObjectSchema } from '../model/schema.ts';
import { ALL_KINDS, LOG_KINDS } from '../model/log-kinds.ts';
import { captureDemo, SMALL } from './demo-test-fixture.ts';

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/;

// Flags enums (conditionsSatisfied…) carry several members joined by commas. The schema marks them
// only in `doc`, so that is what this stand-in reads; a `flags` meta would be sturdier.
function enumOk(members: readonly string[], doc: string | undefined, value: string): boolean {
  if (doc?.startsWith('Flags enum')) return value.split(',').every((m) => members.includes(m));
  return members.includes(value);
}

function validate(schema: FieldSchema, value: unknown, path: string, errors: string[]): void {
  if (value === null) {
    if (schema.meta.required) errors.push(`${path}: required`);
    return;
  }
  switch (schema.kind) {
    case 'scalar': {
      const ok = schema.type === 'string' ? typeof value === 'string'
        : schema.type === 'datetime' ? typeof value === 'string' && DATETIME.test(value)
          : schema.type === 'bool' ? typeof value === 'boolean'
            : schema.type === 'double' ? typeof value === 'number'
              : Number.isInteger(value);
      if (!ok) errors.push(`${path}: ${JSON.stringify(value)} is not ${schema.type}`);
      else if (schema.meta.enum && !enumOk(schema.meta.enum, schema.meta.doc, value as string)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
      return;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) { errors.push(`${path}: not an object`); return; }
      validateObject(schema, value as Record<string, unknown>, path, errors);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) { errors.push(`${path}: not an array`); return; }
      value.forEach((v, i) => (v === null ? errors.push(`${path}[${i}]: null item`) : validate(schema.item, v, `${path}[${i}]`, errors)));
      return;
    }
    case 'open':
      if (typeof value !== 'object' || Array.isArray(value)) errors.push(`${path}: not an object`);
      return;
    default: {
      const never: never = schema;
      throw new Error(`unknown schema ${JSON.stringify(never)}`);
    }
  }
}

function validateObject(schema: ObjectSchema, value: Record<string, unknown>, path: string, errors: string[]): void {
  for (const [k, v] of Object.entries(value)) {
    const f = schema.fields[k];
    if (!f) errors.push(`${path}.${k}: unknown property`);
    else validate(f, v, `${path}.${k}`, errors);
  }
  for (const k of Object.keys(schema.fields)) if (!(k in value)) errors.push(`${path}.${k}: missing`);
}

const demo = await captureDemo({ ...SMALL, users: 120, days: 3, attacks: true });

for (const kind of ALL_KINDS) {
  test(`every ${kind} record conforms to the ${LOG_KINDS[kind].entityType} schema`, () => {
    const errors = new Map<string, number>();
    for (const r of demo.records[kind]) {
      const e: string[] = [];
      validateObject(LOG_KINDS[kind].schema, r, kind, e);
      for (const msg of e) {
        const key = msg.replace(/\[\d+\]/g, '[]');
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
    assert.ok(demo.records[kind].length > 0);
    assert.deepEqual([...errors.entries()], []);
  });
}

test('the validator itself rejects what it should', () => {
  const e: string[] = [];
  const record = { ...(demo.records.signIns[0] as Record<string, unknown>) };
  record.surprise = 1;
  record.conditionalAccessStatus = 'maybe';
  record.isInteractive = 'yes';
  delete record.userAgent;
  validateObject(LOG_KINDS.signIns.schema, record, 'signIns', e);
  assert.deepEqual(e.sort(), [
    'signIns.conditionalAccessStatus: "maybe" not in enum', 'signIns.isInteractive: "yes" is not bool',
    'signIns.surprise: unknown property', 'signIns.userAgent: missing',
  ]);
});
