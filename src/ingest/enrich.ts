// Fill in what a record lacks and can be derived: device details from the user agent, location
// from the IP, and the interactive flag and event types from each other. Never overwrites a
// value the source provided. Runs on the incoming record before validation, so whatever it adds
// is validated and normalized like the rest; it only touches values of the expected shape.
import type { JsonObject, LogKind } from '../model/index.ts';
import type { GeoLookup } from './geo-enricher.ts';
import type { UaInfo } from './user-agent-enricher.ts';

export interface Enrichers {
  readonly userAgent?: (ua: string) => UaInfo;
  readonly geo?: GeoLookup;
}

const empty = (v: unknown) => v === null || v === undefined || v === '';

function enrichSignIn(r: JsonObject, e: Enrichers): void {
  const ua = r['userAgent'];
  if (e.userAgent && typeof ua === 'string' && ua) {
    const dd = (r['deviceDetail'] ?? null) as JsonObject | null;
    if (!dd || empty(dd['browser']) || empty(dd['operatingSystem'])) {
      const info = e.userAgent(ua);
      const d: JsonObject = dd && typeof dd === 'object' && !Array.isArray(dd) ? dd : {};
      if (empty(d['browser'])) d['browser'] = info.browser;
      if (empty(d['operatingSystem'])) d['operatingSystem'] = info.operatingSystem;
      r['deviceDetail'] = d;
    }
  }
  const ip = r['ipAddress'];
  if (e.geo && typeof ip === 'string' && ip) {
    const loc = (r['location'] ?? null) as JsonObject | null;
    if (!loc || (typeof loc === 'object' && !Array.isArray(loc) && empty(loc['city']) && empty(loc['countryOrRegion']))) {
      const g = e.geo(ip);
      if (g) {
        r['location'] = {
          ...(loc ?? {}),
          city: g.city, state: g.state, countryOrRegion: g.countryOrRegion,
          geoCoordinates: { altitude: null, latitude: g.latitude, longitude: g.longitude },
        };
      }
    }
  }
  const types = r['signInEventTypes'];
  if ((types === undefined || types === null || (Array.isArray(types) && types.length === 0)) && typeof r['isInteractive'] === 'boolean') {
    r['signInEventTypes'] = [r['isInteractive'] ? 'interactiveUser' : 'nonInteractiveUser'];
  }
  const t2 = r['signInEventTypes'];
  if ((r['isInteractive'] === null || r['isInteractive'] === undefined) && Array.isArray(t2) && t2.length) {
    r['isInteractive'] = t2.includes('interactiveUser');
  }
}

export function enrichRecord(kind: LogKind, record: JsonObject, e: Enrichers): void {
  if (kind === 'signIns') enrichSignIn(record, e);
}
