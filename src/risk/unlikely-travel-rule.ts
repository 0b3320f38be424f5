// unlikelyTravel (atypical travel): two successful interactive sign-ins of one account from places
// further apart than anyone could travel between them. Consecutive sign-ins are paired with a
// window lag; the pair is flagged when the distance exceeds TRAVEL_MIN_KM and the speed needed
// exceeds TRAVEL_MAX_KMH (faster than a airliner plus airport time).
import { and, arith, asc, call, cmp, extendRel, field, isNull, lit, where, type Relation } from '../query/ir/index.ts';
import { isInteractive, succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { userSignIns } from './rule-exprs.ts';
import type { RiskRule } from './risk-types.ts';

export const TRAVEL_MIN_KM = 500;
export const TRAVEL_MAX_KMH = 900;

const LAT = ['location', 'geoCoordinates', 'latitude'];
const LON = ['location', 'geoCoordinates', 'longitude'];

export const unlikelyTravelRule: RiskRule = {
  riskEventType: 'unlikelyTravel',
  description: `Two successful sign-ins of one account more than ${TRAVEL_MIN_KM} km apart, needing over ${TRAVEL_MAX_KMH} km/h`,
  timing: 'offline',
  mitreTechniqueId: 'T1078',
  build(ctx) {
    const rel = userSignIns(ctx.tenantId, ctx.range, isInteractive(), succeeded(), isNull(field(...LAT), true), isNull(field('userId'), true));
    const t = field('createdDateTime');
    const lag = (name: string, e: ReturnType<typeof field>) => ({ name, fn: 'lag' as const, args: [e], partitionBy: [field('userId')], orderBy: [asc(t), asc(field('id'))] });
    const paired: Relation = {
      kind: 'window', input: rel,
      columns: [lag('prevLat', field(...LAT)), lag('prevLon', field(...LON)), lag('prevTime', t), lag('prevIp', field('ipAddress')), lag('prevCountry', field('location', 'countryOrRegion')), lag('prevCity', field('location', 'city'))],
    };
    const measured = extendRel(where(paired, isNull(field('prevTime'), true)), [
      { name: 'km', expr: arith('div', call('geo_distance', field(...LON), field(...LAT), field('prevLon'), field('prevLat')), lit(1000)) },
      { name: 'hours', expr: arith('div', call('datetime_diff_seconds', t, field('prevTime')), lit(3600)) },
    ]);
    const fast = where(measured, and(
      cmp('gt', field('km'), lit(TRAVEL_MIN_KM)),
      cmp('gt', field('km'), arith('mul', field('hours'), lit(TRAVEL_MAX_KMH))),
    ));
    return {
      kind: 'project', input: fast,
      columns: ['id', 'correlationId', 'userId', 'userPrincipalName', 'userDisplayName', 'ipAddress', 'createdDateTime', 'prevTime', 'prevIp', 'prevCountry', 'prevCity', 'km', 'hours']
        .map((c) => ({ name: c, expr: field(c) }))
        .concat([{ name: 'country', expr: field('location', 'countryOrRegion') }, { name: 'city', expr: field('location', 'city') }, { name: 'lat', expr: field(...LAT) }, { name: 'lon', expr: field(...LON) }]),
    };
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['id'])], level: 'medium', activityDateTime: String(r['createdDateTime']), requestId: s(r['id']), correlationId: s(r['correlationId']),
      userId: s(r['userId']), userPrincipalName: s(r['userPrincipalName']), userDisplayName: s(r['userDisplayName']), ipAddress: s(r['ipAddress']),
      country: s(r['country']), city: s(r['city']), latitude: n(r['lat']), longitude: n(r['lon']),
      info: {
        relatedEventTimeInUtc: s(r['prevTime']), relatedLocation: [r['prevCity'], r['prevCountry']].filter(Boolean).join(', '), clientIp: s(r['prevIp']),
        distanceKm: Math.round(n(r['km']) ?? 0), hoursBetween: Math.round((n(r['hours']) ?? 0) * 100) / 100,
      },
    }));
  },
};
