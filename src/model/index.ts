export * from './schema.ts';
export * from './log-kinds.ts';
export { normalizeRecord, normalizeDateTime, mergeExtra, RecordError, type JsonObject, type JsonValue, type NormalizeResult } from './normalize.ts';
export { canonicalJson } from './canonical-json.ts';
export { fieldCatalogue, type CatalogueEntry, type FieldCatalogue } from './field-catalogue.ts';
export { viewObject } from './graph-view.ts';
export { evolvableEnum, enumMask, applyEnumMask, maskPaths, isLaterMember, type EvolvableEnum, type EnumMask } from './evolvable-enums.ts';
export { riskDetectionEnums, riskyUserEnums, userEventsSummaryEnums, appCredentialSignInActivityEnums } from './derived-entity-enums.ts';
