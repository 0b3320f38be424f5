export * from './schema.ts';
export * from './log-kinds.ts';
export { normalizeRecord, normalizeDateTime, mergeExtra, RecordError, type JsonObject, type JsonValue, type NormalizeResult } from './normalize.ts';
export { canonicalJson } from './canonical-json.ts';
export { fieldCatalogue, type CatalogueEntry, type FieldCatalogue } from './field-catalogue.ts';
export { viewObject } from './graph-view.ts';
