// Cities with coordinates, fixed UTC offsets and public /24 prefixes that geoip-lite (the enrichment
// library we ship) places in the same city, so IP → location enrichment agrees with what we emit.
// Offsets are standard time: a demo month does not need DST, and fixed offsets keep generation cheap.
// ASNs are illustrative.

export interface City {
  readonly city: string;
  readonly state: string;
  readonly countryOrRegion: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly utcOffsetMinutes: number;
  readonly prefixes: readonly string[];
  readonly asn: number;
}

const c = (
  city: string, state: string, countryOrRegion: string, latitude: number, longitude: number,
  utcOffsetMinutes: number, prefixes: string[], asn: number,
): City => ({ city, state, countryOrRegion, latitude, longitude, utcOffsetMinutes, prefixes, asn });

/** Where employees live (weights roughly follow office size). */
export const HOME_CITIES: readonly City[] = [
  c('London', 'England', 'GB', 51.5245, -0.0255, 0, ['2.99.10', '2.99.11'], 2856),
  c('Berlin', 'Berlin', 'DE', 52.4473, 13.4531, 60, ['2.202.10', '2.247.10'], 3320),
  c('Paris', 'Ile-de-France', 'FR', 48.8607, 2.3281, 60, ['15.188.10', '15.236.10'], 3215),
  c('Stockholm', 'Stockholm', 'SE', 59.3333, 18.05, 60, ['13.48.10', '13.49.10'], 1299),
  c('Tallinn', 'Harjumaa', 'EE', 59.433, 24.7323, 120, ['84.52.10', '90.190.10'], 3249),
  c('Bucharest', 'Bucuresti', 'RO', 44.418, 26.1691, 120, ['5.12.10', '46.97.10'], 8708),
  c('Amsterdam', 'Noord-Holland', 'NL', 52.35, 4.9167, 60, ['5.153.10'], 1136),
  c('Dublin', 'Leinster', 'IE', 53.3338, -6.2488, 0, ['3.40.10', '3.41.10'], 5466),
  c('Madrid', 'Madrid', 'ES', 40.4171, -3.6839, 60, ['2.136.10', '37.12.10'], 3352),
  c('Warsaw', 'Mazowieckie', 'PL', 52.2387, 21.102, 60, ['31.178.10', '37.47.10'], 5617),
  c('New York', 'New York', 'US', 40.7589, -73.9913, -300, ['24.103.10', '24.193.10'], 12271),
  c('San Francisco', 'California', 'US', 37.7825, -122.435, -480, ['4.7.10'], 7922),
  c('Seattle', 'Washington', 'US', 47.6348, -122.3451, -480, ['3.2.10', '3.3.10'], 7922),
  c('Chicago', 'Illinois', 'US', 41.8483, -87.6517, -360, ['12.47.10', '12.239.10'], 7018),
  c('Austin', 'Texas', 'US', 30.3314, -97.8666, -360, ['24.27.10', '24.55.10'], 11427),
  c('Toronto', 'Ontario', 'CA', 43.6909, -79.3098, -300, ['23.233.10'], 812),
  c('Mexico City', 'Ciudad de Mexico', 'MX', 19.4527, -99.1048, -360, ['148.204.10'], 8151),
  c('Sao Paulo', 'Sao Paulo', 'BR', -23.5747, -46.6409, -180, ['18.228.10', '18.229.10'], 28573),
  c('Bengaluru', 'Karnataka', 'IN', 12.9719, 77.5937, 330, ['14.98.10', '27.7.10'], 45609),
  c('Mumbai', 'Maharashtra', 'IN', 18.9912, 72.8342, 330, ['13.126.10'], 55836),
  c('Singapore', 'Singapore', 'SG', 1.2996, 103.8549, 480, ['8.210.10'], 4657),
  c('Tokyo', 'Tokyo', 'JP', 35.6882, 139.7532, 540, ['3.112.10', '3.113.10'], 2516),
  c('Sydney', 'New South Wales', 'AU', -33.8591, 151.2002, 600, ['3.24.10', '3.25.10'], 1221),
  c('Melbourne', 'Victoria', 'AU', -37.8159, 144.9669, 600, ['49.185.10'], 1221),
  c('Johannesburg', 'Gauteng', 'ZA', -26.2309, 28.0583, 120, ['41.0.10', '41.13.10'], 5713),
];
export const HOME_CITY_WEIGHTS: readonly number[] = [
  14, 10, 6, 4, 4, 3, 3, 3, 3, 3, 12, 7, 6, 5, 4, 3, 2, 3, 4, 2, 2, 3, 3, 2, 2,
];

/** Azure datacenter ranges where workloads (service principals, managed identities) run. */
export const CLOUD_REGIONS: readonly City[] = [
  c('Amsterdam', 'Noord-Holland', 'NL', 52.35, 4.9167, 60, ['13.69.10', '13.80.10'], 8075),
  c('Toronto', 'Ontario', 'CA', 43.668, -79.4205, -300, ['20.43.10'], 8075),
  c('Johannesburg', 'Gauteng', 'ZA', -26.2309, 28.0583, 120, ['40.127.10'], 8075),
];

/** Places nobody in the tenant lives: attack origins and "new country" sources. */
export const FOREIGN_CITIES: readonly City[] = [
  c('Lagos', 'Lagos', 'NG', 6.4474, 3.3903, 60, ['41.58.10', '102.67.10'], 29465),
  c('Moscow', 'Moscow', 'RU', 55.7527, 37.6172, 180, ['5.101.10', '5.228.10'], 8402),
];

/** Tor-exit-like relays: sign-ins from these are "anonymizing IP" (riskEventType anonymizedIPAddress). */
export const ANONYMIZING_EXITS: readonly City[] = [
  c('Frankfurt am Main', 'Hesse', 'DE', 50.1167, 8.6833, 60, ['185.220.100', '185.220.101'], 208294),
  c('Stockholm', 'Stockholm', 'SE', 59.3247, 18.056, 60, ['171.25.193'], 198093),
  c('Wichita', 'Kansas', 'US', 37.751, -97.822, -360, ['199.249.230'], 62744),
];

/** Great-circle distance in km (for impossible-travel ground truth). */
export function distanceKm(a: City, b: City): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
