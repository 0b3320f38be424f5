// A small declarative schema language for the Graph resource types.
// One description per log kind drives everything else: the DuckDB/ClickHouse column types, the
// ingest validator, the field catalogue used by OData/KQL, the v1.0 view and the TypeScript types.
// Keeping it in one place is what lets a newer Graph property be added in a single line.

export type ScalarType = 'string' | 'int' | 'long' | 'double' | 'bool' | 'datetime';

/** OData operators a property may be filtered with (see spec 3.2). */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'startswith' | 'endswith' | 'contains' | 'any';

export interface FieldMeta {
  /** Documented `$filter` operators. `any` marks a collection usable in lambdas. */
  readonly filter?: readonly FilterOp[];
  /** `$orderby` allowed on this property. */
  readonly orderby?: boolean;
  /** Only present in the beta shape (the v1.0 view drops it). */
  readonly beta?: boolean;
  /** Only present in the v1.0 shape (the beta view drops it), e.g. signIn.riskEventTypes. */
  readonly v1Only?: boolean;
  /** Allowed values for string enums (validated at ingest). */
  readonly enum?: readonly string[];
  /** A flags enum: the value may be several members joined by commas (`"application,users"`). */
  readonly flags?: boolean;
  /** Required at ingest (non-null). */
  readonly required?: boolean;
  /** Free-text description for docs and OpenAPI. */
  readonly doc?: string;
  /** Another name a query may use for this property (a documented misnomer that scripts copy). */
  readonly alias?: string;
}

export interface ScalarSchema<T extends ScalarType = ScalarType> {
  readonly kind: 'scalar';
  readonly type: T;
  readonly meta: FieldMeta;
}
export interface ObjectSchema<F extends Record<string, FieldSchema> = Record<string, FieldSchema>> {
  readonly kind: 'object';
  readonly fields: F;
  readonly meta: FieldMeta;
}
export interface ListSchema<I extends FieldSchema = FieldSchema> {
  readonly kind: 'list';
  readonly item: I;
  readonly meta: FieldMeta;
}
/** An open JSON object (Graph `detailsInfo`): stored as JSON text, returned as parsed JSON. */
export interface OpenSchema {
  readonly kind: 'open';
  readonly meta: FieldMeta;
}
export type FieldSchema = ScalarSchema | ObjectSchema | ListSchema | OpenSchema;

export const str = (meta: FieldMeta = {}): ScalarSchema<'string'> => ({ kind: 'scalar', type: 'string', meta });
export const int = (meta: FieldMeta = {}): ScalarSchema<'int'> => ({ kind: 'scalar', type: 'int', meta });
export const long = (meta: FieldMeta = {}): ScalarSchema<'long'> => ({ kind: 'scalar', type: 'long', meta });
export const dbl = (meta: FieldMeta = {}): ScalarSchema<'double'> => ({ kind: 'scalar', type: 'double', meta });
export const bool = (meta: FieldMeta = {}): ScalarSchema<'bool'> => ({ kind: 'scalar', type: 'bool', meta });
export const datetime = (meta: FieldMeta = {}): ScalarSchema<'datetime'> => ({ kind: 'scalar', type: 'datetime', meta });
export const enm = (values: readonly string[], meta: FieldMeta = {}): ScalarSchema<'string'> => ({
  kind: 'scalar',
  type: 'string',
  meta: { ...meta, enum: values },
});
export const obj = <F extends Record<string, FieldSchema>>(fields: F, meta: FieldMeta = {}): ObjectSchema<F> => ({
  kind: 'object',
  fields,
  meta,
});
export const list = <I extends FieldSchema>(item: I, meta: FieldMeta = {}): ListSchema<I> => ({ kind: 'list', item, meta });
export const open = (meta: FieldMeta = {}): OpenSchema => ({ kind: 'open', meta });

/** Re-annotate a shared type at the place it is used (e.g. a nested type that is filterable here). */
export function withMeta<S extends FieldSchema>(s: S, meta: FieldMeta): S {
  return { ...s, meta: { ...s.meta, ...meta } };
}

/** Extend an object type (beta subtypes add fields to v1.0 types). */
export function extend<F extends Record<string, FieldSchema>, G extends Record<string, FieldSchema>>(
  base: ObjectSchema<F>,
  fields: G,
): ObjectSchema<F & G> {
  return { kind: 'object', fields: { ...base.fields, ...fields }, meta: base.meta };
}

// ---- static types derived from a schema -------------------------------------------------------

type ScalarTs<T extends ScalarType> = T extends 'string' | 'datetime'
  ? string
  : T extends 'bool'
    ? boolean
    : number;

export type Infer<S> = S extends ScalarSchema<infer T>
  ? ScalarTs<T> | null
  : S extends ObjectSchema<infer F>
    ? { [K in keyof F]?: Infer<F[K]> } | null
    : S extends ListSchema<infer I>
      ? Array<NonNullable<Infer<I>>>
      : S extends OpenSchema
        ? Record<string, unknown> | null
        : never;

/** The record type of a kind's top-level schema: an object, never null itself. */
export type InferRecord<S extends ObjectSchema> = NonNullable<Infer<S>> & { readonly [extra: string]: unknown };
