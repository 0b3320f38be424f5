export { decodeBody, parseRecords, type BodyLimits, type ParsedItem } from './body-parser.ts';
export { IngestError, type IngestErrorCode } from './ingest-errors.ts';
export { createIngestService, type AppendChain, type IngestService, type IngestOptions, type IngestReport, type CommitListener, type CommittedBatch } from './ingest-service.ts';
export { createUserAgentEnricher } from './user-agent-enricher.ts';
export { createGeoLookup, type GeoLookup } from './geo-enricher.ts';
export { enrichRecord, type Enrichers } from './enrich.ts';
export { adaptItems, findFormat, INGEST_FORMATS, DEFAULT_FORMAT, SOURCE_PROPERTY, type FormatAdapter, type IngestFormat } from './adapters/index.ts';
export { routeItems, type RoutedItem } from './adapters/index.ts';
export { ingestRouted, type RoutedIngestReport, type RoutedOutcome, type KindCounts } from './routed-ingest.ts';
