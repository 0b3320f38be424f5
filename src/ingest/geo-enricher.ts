// IP → location. Works out of the box with geoip-lite's bundled GeoLite2 data (CC BY-SA 4.0,
// attribution in the README), or reads a MaxMind City `.mmdb` when one is configured.
// geoip-lite loads ~115 MB, so it is only loaded the first time an IP needs a location.
import { createRequire } from 'node:module';
import { isIP } from 'node:net';

export interface GeoInfo {
  readonly city: string | null;
  readonly state: string | null;
  readonly countryOrRegion: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export type GeoLookup = (ip: string) => GeoInfo | null;

export interface GeoOptions {
  /** Path of a MaxMind GeoIP2/GeoLite2 City database; otherwise the bundled data is used. */
  readonly mmdbPath?: string;
}

const require = createRequire(import.meta.url);

export async function createGeoLookup(opts: GeoOptions = {}): Promise<GeoLookup> {
  if (opts.mmdbPath) {
    const maxmind = await import('maxmind');
    const reader = await maxmind.open<Record<string, any>>(opts.mmdbPath);
    return (ip) => {
      if (!isIP(ip)) return null;
      const r = reader.get(ip);
      if (!r) return null;
      return {
        city: r['city']?.names?.en ?? null,
        state: r['subdivisions']?.[0]?.names?.en ?? null,
        countryOrRegion: r['country']?.iso_code ?? null,
        latitude: r['location']?.latitude ?? null,
        longitude: r['location']?.longitude ?? null,
      };
    };
  }
  let geoip: { lookup(ip: string): { city: string; region: string; country: string; ll: [number, number] } | null } | null = null;
  return (ip) => {
    if (!isIP(ip)) return null;
    geoip ??= require('geoip-lite');
    const r = geoip!.lookup(ip);
    if (!r) return null;
    return {
      city: r.city || null,
      state: r.region || null,
      countryOrRegion: r.country || null,
      latitude: r.ll?.[0] ?? null,
      longitude: r.ll?.[1] ?? null,
    };
  };
}
