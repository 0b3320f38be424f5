export { createMetrics, type Metrics, type MetricsOptions } from './metrics.ts';
export { instrumentHttp, UNMATCHED_ROUTE } from './http-metrics.ts';
export { instrumentIngest } from './ingest-metrics.ts';
export { createLogger, loggerOptions, redactUrl, REDACT_PATHS, REDACTED, type LogFormat, type LoggerConfig } from './logger.ts';
