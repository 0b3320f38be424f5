// The process logger: pino JSON lines in production, pino-pretty for development. Credentials
// are removed twice over: headers and well-known secret fields by `redact`, and secret-looking
// query parameters by the request serializer (a token in `?access_token=` is still a token).
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

export interface LoggerConfig {
  readonly level: string;
  readonly format: LogFormat;
  /** Where lines go (tests capture them); stdout by default. */
  readonly destination?: DestinationStream;
}

export const REDACTED = '[redacted]';

/** Paths pino blanks out wherever a log line carries them. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers["proxy-authorization"]', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["api-key"]',
  'res.headers["set-cookie"]',
  // HTTP client errors (fetch, axios) carry the request they made, headers included.
  '*.headers.authorization', '*.headers["x-api-key"]', 'err.config.headers.authorization', 'err.request.headers.authorization',
  'headers.authorization', 'headers["proxy-authorization"]', 'headers.cookie', 'headers["x-api-key"]', 'headers["api-key"]',
  'authorization', 'token', 'accessToken', 'access_token', 'apiKey', 'api_key', 'password', 'secret', 'clientSecret',
  '*.authorization', '*.token', '*.accessToken', '*.access_token', '*.apiKey', '*.api_key', '*.password', '*.secret', '*.clientSecret',
];

const SECRET_PARAM = /token|key|secret|password|passwd|sig|code|credential|auth/i;

/** A URL's path and query with the values of secret-looking parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url.slice(q + 1).split('&').map((p) => {
    const eq = p.indexOf('=');
    const name = eq < 0 ? p : p.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : p;
  });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

interface RawReq {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string };
  ip?: string;
  hostname?: string;
  host?: string;
}

export const serializers = {
  // Fastify passes its request; only safe, useful fields are kept (no headers at all).
  req(req: RawReq) {
    return {
      method: req.method,
      url: req.url ? redactUrl(req.url) : undefined,
      host: req.host ?? req.hostname,
      remoteAddress: req.ip ?? req.socket?.remoteAddress,
      userAgent: typeof req.headers?.['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
    };
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
  // Only the parts of an error that explain it: errors from HTTP clients and auth libraries carry
  // their request (headers, tokens) as properties, and a path list can never name them all.
  err(err: Error & { code?: unknown; statusCode?: unknown; cause?: unknown }) {
    const e = stdSerializers.err(err);
    const cause = err.cause instanceof Error ? { type: err.cause.name, message: err.cause.message } : undefined;
    return { type: e.type, message: e.message, stack: e.stack, code: err.code, statusCode: err.statusCode, ...(cause ? { cause } : {}) };
  },
};

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers,
    base: { service: 'idtrail', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

export function createLogger(cfg: LoggerConfig): Logger {
  const opts = loggerOptions(cfg.level);
  if (cfg.format === 'pretty') {
    // Synchronous in-process pretty printing: no worker thread to lose lines at exit.
    return pino(opts, pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', destination: cfg.destination ?? 1, sync: true }));
  }
  return pino(opts, cfg.destination ?? pino.destination({ dest: 1, sync: true }));
}
