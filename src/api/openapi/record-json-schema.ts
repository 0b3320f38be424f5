// JSON Schemas of the Graph resources, derived from the model's schema DSL (the same description
// that drives ingest validation and storage), for the OpenAPI document's response bodies.
import { ALL_KINDS, LOG_KINDS, type FieldSchema, type GraphVersion, type LogKind, type ObjectSchema } from '../../model/index.ts';

type JsonSchema = Record<string, unknown>;

const SCALAR: Record<string, JsonSchema> = {
  string: { type: 'string' },
  datetime: { type: 'string', format: 'date-time' },
  int: { type: 'integer', format: 'int32' },
  long: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  bool: { type: 'boolean' },
};

function hidden(f: FieldSchema, version: GraphVersion): boolean {
  return version === 'v1.0' ? Boolean(f.meta.beta) : Boolean(f.meta.v1Only);
}

function fieldSchema(f: FieldSchema, version: GraphVersion): JsonSchema {
  const doc = f.meta.doc ? { description: f.meta.doc } : {};
  switch (f.kind) {
    case 'scalar':
      return { ...SCALAR[f.type], ...(f.meta.enum && !f.meta.flags ? { enum: [...f.meta.enum, null] } : {}), nullable: true, ...doc };
    case 'object':
      return { ...objectSchema(f, version), nullable: true, ...doc };
    case 'list':
      return { type: 'array', items: { ...fieldSchema(f.item, version), nullable: false }, ...doc };
    case 'open':
      return { type: 'object', additionalProperties: true, nullable: true, ...doc };
  }
}

export function objectSchema(s: ObjectSchema, version: GraphVersion): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, f] of Object.entries(s.fields)) if (!hidden(f, version)) properties[name] = fieldSchema(f, version);
  // Properties the schema does not know are kept from ingest and returned as they came.
  return { type: 'object', properties, additionalProperties: true };
}

/** Shared-schema id of a kind's resource in one version (e.g. `signIn.beta`). */
export const recordSchemaId = (kind: LogKind, version: GraphVersion) => `${LOG_KINDS[kind].entityType.replace('microsoft.graph.', '')}.${version === 'v1.0' ? 'v1' : 'beta'}`;

/** Every kind × version resource schema, ready for `app.addSchema`. */
export function recordSchemas(): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const kind of ALL_KINDS) {
    const def = LOG_KINDS[kind];
    for (const version of def.versions) out.push({ $id: recordSchemaId(kind, version), title: def.entityType, ...objectSchema(def.schema, version) });
  }
  return out;
}
