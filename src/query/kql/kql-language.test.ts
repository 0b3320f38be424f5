// Language coverage beyond the detection suite: toscalar, parse/parse-where, datatable, print,
// range, make_bag, extract_all, top-nested, plus the everyday functions public Sentinel queries
// lean on. Each answer is either fixed by the query's own literals or recomputed in JS from the
// raw rows of the seeded DuckDB store, so a wrong lowering fails.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, lowerKql, runKql } from './index.ts';
import type { DuckDbStore } from '../../store/index.ts';

let store: DuckDbStore;
before(async () => {
  store = await seedStore();
});
after(async () => {
  await store.close();
});

type Row = Record<string, unknown>;
async function rows(q: string): Promise<Row[]> {
  const r = await runKql(store, TENANT, q, { now: NOW });
  const t = r.tables[0]!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]])));
}
async function columns(q: string): Promise<string[]> {
  return (await runKql(store, TENANT, q, { now: NOW })).tables[0]!.columns.map((c) => `${c.name}:${c.type}`);
}
function rejects(q: string, code: string, pattern: RegExp): void {
  assert.throws(() => lowerKql(q, TENANT, { now: NOW }), (e: unknown) => {
    assert.ok(e instanceof KqlError, String(e));
    assert.equal(e.code, code, e.message);
    assert.ok(e.position, 'the error has a position');
    assert.match(e.message, pattern);
    return true;
  });
}
const countBy = <T>(xs: T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());

describe('toscalar', () => {
  it('in let: the first column of the first row, usable as a scalar', async () => {
    const [{ m }] = (await rows('SigninLogs | summarize m = max(TimeGenerated)')) as [{ m: string }];
    const viaLiteral = await rows(`SigninLogs | where TimeGenerated == datetime(${m}) | count`);
    const viaScalar = await rows('let lastSeen = toscalar(SigninLogs | summarize max(TimeGenerated)); SigninLogs | where TimeGenerated == lastSeen | count');
    assert.ok(Number(viaLiteral[0]!['Count']) > 0);
    assert.deepEqual(viaScalar, viaLiteral);
  });
  it('compares per-user counts with an average computed by toscalar', async () => {
    const perUser = await rows('SigninLogs | summarize n = count() by UserPrincipalName');
    const avg = perUser.reduce((s, r) => s + Number(r['n']), 0) / perUser.length;
    const expected = perUser.filter((r) => Number(r['n']) > avg).map((r) => r['UserPrincipalName']).sort();
    const got = await rows('let avgN = toscalar(SigninLogs | summarize count() by UserPrincipalName | summarize avg(count_)); SigninLogs | summarize n = count() by UserPrincipalName | where n > avgN');
    assert.ok(expected.length > 0 && expected.length < perUser.length);
    assert.deepEqual(got.map((r) => r['UserPrincipalName']).sort(), expected);
  });
  it('inline in an expression, and over an empty table gives null', async () => {
    const total = await rows('SigninLogs | count');
    assert.deepEqual(await rows('print n = toscalar(SigninLogs | count)'), [{ n: total[0]!['Count'] }]);
    assert.deepEqual(await rows('print n = toscalar(SigninLogs | where UserPrincipalName == "nobody" | project TimeGenerated)'), [{ n: null }]);
  });
});

describe('print, range, datatable', () => {
  it('print names unnamed columns print_<position> and evaluates expressions', async () => {
    assert.deepEqual(await columns('print x = 1, "a", 1 + 2, now()'), ['x:long', 'print_1:string', 'print_2:long', 'print_3:datetime']);
    assert.deepEqual(await rows('print x = 1, "a", 1 + 2, now()'), [{ x: 1, print_1: 'a', print_2: 3, print_3: NOW.toISOString().replace('.000Z', 'Z') }]);
  });
  it('range is inclusive, steps either way, and handles datetimes', async () => {
    assert.deepEqual((await rows('range x from 1 to 10 step 3')).map((r) => r['x']), [1, 4, 7, 10]);
    assert.deepEqual((await rows('range x from 5 to 1 step -2')).map((r) => r['x']), [5, 3, 1]);
    assert.deepEqual(await rows('range x from 5 to 1 step 1'), []);
    const days = await rows('range Day from startofday(ago(2d)) to startofday(now()) step 1d');
    assert.deepEqual(days.map((r) => r['Day']), ['2024-06-13T00:00:00Z', '2024-06-14T00:00:00Z', '2024-06-15T00:00:00Z']);
  });
  it('range joins with data like a table (sign-ins per day, zero-filled)', async () => {
    const raw = await rows('SigninLogs | where TimeGenerated > ago(3d) | project TimeGenerated');
    const perDay = countBy(raw, (r) => String(r['TimeGenerated']).slice(0, 10));
    const got = await rows(`range Day from startofday(ago(3d)) to startofday(now()) step 1d
      | join kind=leftouter (SigninLogs | where TimeGenerated > ago(3d) | summarize n = count() by Day = startofday(TimeGenerated)) on Day
      | project Day, n = coalesce(n, 0) | sort by Day asc`);
    assert.equal(got.length, 4);
    for (const r of got) assert.equal(r['n'], perDay.get(String(r['Day']).slice(0, 10)) ?? 0, String(r['Day']));
  });
  it('refuses a range that is too long or not constant', () => {
    rejects('range x from 1 to 100000000 step 1', 'IDT_KQL_UNSUPPORTED', /range of 100000000 rows/);
    rejects('SigninLogs | take 1 | join (range x from 1 to strlen(UserPrincipalName) step 1) on $left.TimeGenerated == $right.x', 'IDT_KQL_SEMANTIC', /strlen|UserPrincipalName/);
  });
  it('datatable keeps the declared types, nulls and dynamic values', async () => {
    const q = `datatable(u:string, n:long, r:real, d:dynamic, t:datetime, ok:bool, s:timespan)
      ["a", 1, 2.5, dynamic({"x": 1}), datetime(2024-01-01), true, 1h, "b", -2, 3, dynamic([1, 2]), datetime(null), false, 90s]
      | extend dx = tostring(d.x), n2 = n * 2`;
    assert.deepEqual(await columns(q), ['u:string', 'n:long', 'r:real', 'd:dynamic', 't:datetime', 'ok:bool', 's:timespan', 'dx:string', 'n2:long']);
    assert.deepEqual(await rows(q), [
      { u: 'a', n: 1, r: 2.5, d: '{"x":1}', t: '2024-01-01T00:00:00Z', ok: true, s: '01:00:00', dx: '1', n2: 2 },
      { u: 'b', n: -2, r: 3, d: '[1,2]', t: null, ok: false, s: '00:01:30', dx: '', n2: -4 },
    ]);
  });
  it('datatable as a watchlist in a let, with in / !in and a join', async () => {
    const all = (await rows('SigninLogs | distinct Location')).map((r) => r['Location'] as string);
    const listed = ['US', 'AU', 'XX'];
    const q = (op: string) => `let watch = datatable(Location:string, Label:string)["US", "home", "AU", "travel", "XX", "never"];
      SigninLogs | where Location ${op} (watch) | distinct Location | sort by Location asc`;
    assert.deepEqual((await rows(q('in'))).map((r) => r['Location']), all.filter((l) => listed.includes(l)).sort());
    assert.deepEqual((await rows(q('!in'))).map((r) => r['Location']), all.filter((l) => !listed.includes(l)).sort());
    const joined = await rows(`let watch = datatable(Location:string, Label:string)["US", "home", "AU", "travel"];
      SigninLogs | summarize n = count() by Location | join kind=inner watch on Location | project Label, n | sort by Label asc`);
    const counts = countBy(await rows('SigninLogs | project Location'), (r) => String(r['Location']));
    assert.deepEqual(joined, [{ Label: 'home', n: counts.get('US') }, { Label: 'travel', n: counts.get('AU') }]);
  });
  it('refuses ragged or non-constant datatable values', () => {
    rejects('datatable(a:string, b:long)["x", 1, "y"]', 'IDT_KQL_SEMANTIC', /3 values, not a multiple of its 2 columns/);
    rejects('datatable(a:long)["x"]', 'IDT_KQL_SEMANTIC', /not of the column type long/);
  });
});

describe('parse and parse-where', () => {
  it('splits text on constants into typed columns; a failed match leaves them null', async () => {
    const q = `datatable(s:string)["user=alice id=42 at=2024-06-01T10:00:00Z", "user=bob id=x7 at=2024-06-01T10:00:00Z", "nothing"]
      | parse s with "user=" User " id=" Id:long " at=" At:datetime | project User, Id, At`;
    assert.deepEqual(await columns(q), ['User:string', 'Id:long', 'At:datetime']);
    assert.deepEqual(await rows(q), [
      { User: 'alice', Id: 42, At: '2024-06-01T10:00:00Z' },
      { User: null, Id: null, At: null },
      { User: null, Id: null, At: null },
    ]);
  });
  it('* skips text, a trailing column takes the rest, relaxed keeps what matches', async () => {
    assert.deepEqual(await rows('print s = "GET /a/b?x=1 HTTP/1.1" | parse s with * " " Path "?" Query " " * | project Path, Query'), [{ Path: '/a/b', Query: 'x=1' }]);
    assert.deepEqual(await rows('print s = "err: disk full" | parse s with "err: " Msg | project Msg'), [{ Msg: 'disk full' }]);
    assert.deepEqual(await rows('print s = "user=bob id=x7" | parse kind=relaxed s with "user=" User " id=" Id:long | project User, Id'), [{ User: 'bob', Id: null }]);
  });
  it('kind=regex takes regular expressions between columns, with flags', async () => {
    assert.deepEqual(await rows('print s = "a(12)b" | parse kind=regex s with "a\\\\(" N:long "\\\\)(b|c)" * | project N'), [{ N: 12 }]);
    assert.deepEqual(await rows('print s = "KEY=Value" | parse kind=regex flags=i s with "key=" V | project V'), [{ V: 'Value' }]);
  });
  it('parses the octets of every sign-in IP like split() does', async () => {
    const got = await rows('SigninLogs | parse IPAddress with A:long "." B:long "." C:long "." D:long | summarize n = count() by A, B, C, D');
    const expected = countBy(await rows('SigninLogs | project IPAddress'), (r) => String(r['IPAddress']).split('.').map(Number).join('.'));
    assert.equal(got.length, expected.size);
    for (const r of got) assert.equal(r['n'], expected.get([r['A'], r['B'], r['C'], r['D']].join('.')));
  });
  it('parse-where drops the rows that do not match', async () => {
    assert.deepEqual(await rows('datatable(s:string)["k=1", "nothing", "k=22", "k=x"] | parse-where s with "k=" K:long | project K'), [{ K: 1 }, { K: 22 }]);
  });
  it('refuses unknown kinds and dynamic columns with a position', () => {
    rejects('print s = "x" | parse kind=weird s with "a" A', 'IDT_KQL_UNSUPPORTED', /parse kind=weird/);
    rejects('print s = "x" | parse s with "a" A:dynamic', 'IDT_KQL_UNSUPPORTED', /parse column of type 'dynamic'/);
  });
});

describe('make_bag, bag_pack, extract_all, make_set size', () => {
  it('make_bag merges bags per group and ignores non-bags', async () => {
    const got = await rows('SigninLogs | summarize Countries = make_bag(bag_pack(Location, 1)), Junk = make_bag(Location)');
    const locations = (await rows('SigninLogs | distinct Location')).map((r) => r['Location'] as string).sort();
    assert.deepEqual(Object.keys(JSON.parse(got[0]!['Countries'] as string)).sort(), locations);
    assert.equal(got[0]!['Junk'], '{}');
    const perUser = await rows('SigninLogs | where UserPrincipalName == "user7@contoso.com" | summarize b = make_bag_if(bag_pack("ip", IPAddress), Location == "AU")');
    const au = await rows('SigninLogs | where UserPrincipalName == "user7@contoso.com" and Location == "AU" | project IPAddress');
    assert.equal(au.length, 1);
    assert.deepEqual(JSON.parse(perUser[0]!['b'] as string), { ip: au[0]!['IPAddress'] });
  });
  it('extract_all returns every match of the capture group', async () => {
    assert.deepEqual(await rows('print a = extract_all(@"(\\d+)", "v1.22.333"), b = extract_all(@"(\\d+)-(\\w+)", dynamic([2]), "1-a 22-bb"), c = extract_all(@"\\d", "x")'),
      [{ a: '["1","22","333"]', b: '["a","bb"]', c: '[]' }]);
    rejects('print extract_all(@"(\\d+)-(\\w+)", "1-a")', 'IDT_KQL_UNSUPPORTED', /several capture groups/);
  });
  it('make_set(x, n) keeps at most n distinct elements', async () => {
    const [r] = await rows('SigninLogs | summarize all = make_set(IPAddress), some = make_set(IPAddress, 3), ok = make_set_if(IPAddress, ResultType == "0", 2)');
    const all = JSON.parse(r!['all'] as string) as string[];
    const some = JSON.parse(r!['some'] as string) as string[];
    assert.ok(all.length > 3);
    assert.equal(some.length, 3);
    assert.equal(new Set(some).size, 3);
    for (const ip of some) assert.ok(all.includes(ip));
    assert.equal((JSON.parse(r!['ok'] as string) as string[]).length, 2);
  });
});

describe('top-nested', () => {
  it('keeps the top values per level, ranked within the parent', async () => {
    const raw = await rows('SigninLogs | project Location, UserPrincipalName');
    const byLoc = [...countBy(raw, (r) => String(r['Location']))].sort((a, b) => b[1] - a[1]);
    const got = await rows('SigninLogs | top-nested 2 of Location by Signins = count(), top-nested 1 of UserPrincipalName by Users = count() | sort by Signins desc');
    assert.deepEqual(await columns('SigninLogs | top-nested 2 of Location by Signins = count(), top-nested 1 of UserPrincipalName by count()'),
      ['Location:string', 'Signins:long', 'UserPrincipalName:string', 'aggregated_UserPrincipalName:long']);
    assert.deepEqual(got.map((r) => [r['Location'], r['Signins']]), byLoc.slice(0, 2));
    for (const r of got) {
      const users = countBy(raw.filter((x) => x['Location'] === r['Location']), (x) => String(x['UserPrincipalName']));
      assert.equal(r['Users'], Math.max(...users.values()));
      assert.equal(users.get(String(r['UserPrincipalName'])), r['Users']);
    }
  });
  it('without a count keeps every value; asc ranks the smallest first', async () => {
    const locations = (await rows('SigninLogs | distinct Location')).length;
    assert.equal((await rows('SigninLogs | top-nested of Location by count()')).length, locations);
    const [least] = await rows('SigninLogs | top-nested 1 of Location by n = count() asc');
    const counts = countBy(await rows('SigninLogs | project Location'), (r) => String(r['Location']));
    assert.equal(least!['n'], Math.min(...counts.values()));
  });
});

describe('everyday Sentinel functions, checked against the raw rows', () => {
  let raw: Row[] = [];
  before(async () => {
    raw = await rows('SigninLogs | project TimeGenerated, UserPrincipalName, ResultType, Location, IPAddress, AppDisplayName');
  });
  it('summarize dcount by bin(TimeGenerated, 1d), render ignored', async () => {
    const got = await rows('SigninLogs | summarize Users = dcount(UserPrincipalName) by bin(TimeGenerated, 1d) | sort by TimeGenerated asc | render timechart');
    const days = new Map<string, Set<unknown>>();
    for (const r of raw) {
      const d = `${String(r['TimeGenerated']).slice(0, 10)}T00:00:00Z`;
      (days.get(d) ?? days.set(d, new Set()).get(d)!).add(r['UserPrincipalName']);
    }
    assert.deepEqual(got, [...days].sort().map(([d, s]) => ({ TimeGenerated: d, Users: s.size })));
  });
  it('ago, startofday, datetime_diff and format_datetime', async () => {
    const since = NOW.getTime() - 36e5 * 30;
    const expected = raw.filter((r) => Date.parse(String(r['TimeGenerated'])) > since).length;
    assert.deepEqual(await rows('SigninLogs | where TimeGenerated > ago(30h) | count'), [{ Count: expected }]);
    const [r] = await rows(`SigninLogs | where UserPrincipalName == "user7@contoso.com" | summarize arg_max(TimeGenerated, *)
      | project TimeGenerated, Day = startofday(TimeGenerated), Mins = datetime_diff('minute', now(), TimeGenerated), F = format_datetime(TimeGenerated, 'yyyy-MM-dd HH:mm')`);
    const t = String(r!['TimeGenerated']);
    assert.equal(r!['Day'], `${t.slice(0, 10)}T00:00:00Z`);
    assert.equal(r!['Mins'], Math.round((NOW.getTime() - Date.parse(t)) / 6e4));
    assert.equal(r!['F'], `${t.slice(0, 10)} ${t.slice(11, 16)}`);
  });
  it('iff, case, coalesce, isnotempty, has_any, in~ and !in', async () => {
    const failed = raw.filter((r) => r['ResultType'] !== '0').length;
    assert.deepEqual(await rows('SigninLogs | extend F = iff(ResultType != "0", 1, 0) | summarize s = sum(F)'), [{ s: failed }]);
    const sev = await rows('SigninLogs | extend Sev = case(ResultType == "0", "ok", ResultType in ("50126", "50053"), "password", "other") | summarize n = count() by Sev | sort by Sev asc');
    const sevOf = (r: Row) => (r['ResultType'] === '0' ? 'ok' : ['50126', '50053'].includes(String(r['ResultType'])) ? 'password' : 'other');
    assert.deepEqual(sev, [...countBy(raw, sevOf)].sort().map(([Sev, n]) => ({ Sev, n })));
    assert.deepEqual(await rows('print a = coalesce(tostring(dynamic(null)), "", "x"), b = isnotempty(""), c = isnotempty("y")'), [{ a: '', b: false, c: true }]);
    const portal = raw.filter((r) => r['AppDisplayName'] === 'Azure Portal').length;
    assert.ok(portal > 0);
    assert.deepEqual(await rows('SigninLogs | where AppDisplayName in~ ("AZURE PORTAL", "nothing") | count'), [{ Count: portal }]);
    assert.deepEqual(await rows('SigninLogs | where AppDisplayName !in~ ("AZURE PORTAL") | count'), [{ Count: raw.length - portal }]);
    assert.deepEqual(await rows('SigninLogs | where AppDisplayName !in ("Azure Portal") | count'), [{ Count: raw.length - portal }]);
    assert.deepEqual(await rows('SigninLogs | where AppDisplayName has_any ("portal", "nothing") | count'), [{ Count: portal }]);
  });
  it('mv-expand of a make_set and arg_max(TimeGenerated, *) per user', async () => {
    const got = await rows('SigninLogs | summarize Ips = make_set(IPAddress) by UserPrincipalName | mv-expand Ip = Ips to typeof(string) | summarize n = count()');
    const pairs = new Set(raw.map((r) => `${r['UserPrincipalName']}|${r['IPAddress']}`));
    assert.deepEqual(got, [{ n: pairs.size }]);
    const latest = await rows('SigninLogs | summarize arg_max(TimeGenerated, *) by UserPrincipalName | project UserPrincipalName, TimeGenerated');
    for (const r of latest) {
      const max = raw.filter((x) => x['UserPrincipalName'] === r['UserPrincipalName']).map((x) => String(x['TimeGenerated'])).sort().pop();
      assert.equal(r['TimeGenerated'], max);
    }
  });
});

describe('more functions seen in Entra detections', () => {
  it('ipv4_is_private and ipv4_is_in_range', async () => {
    assert.deepEqual(await rows(`print a = ipv4_is_private("10.1.2.3"), b = ipv4_is_private("172.31.0.1"), c = ipv4_is_private("172.32.0.1"), d = ipv4_is_private("8.8.8.8"),
      e = ipv4_is_in_range("192.168.5.7", "192.168.4.0/23"), f = ipv4_is_in_range("192.168.6.1", "192.168.4.0/23"), g = ipv4_is_in_range("::1", "10.0.0.0/8")`),
    [{ a: true, b: true, c: false, d: false, e: true, f: false, g: null }]);
    const ips = (await rows('SigninLogs | distinct IPAddress')).map((r) => String(r['IPAddress']));
    const private10 = ips.filter((ip) => ip.startsWith('10.')).length;
    assert.ok(private10 > 0 && private10 < ips.length);
    assert.deepEqual(await rows('SigninLogs | distinct IPAddress | where ipv4_is_in_range(IPAddress, "10.0.0.0/8") | count'), [{ Count: private10 }]);
    rejects('print ipv4_is_in_range("1.2.3.4", "1.2.3.400/8")', 'IDT_KQL_SEMANTIC', /not an IPv4 range/);
  });
  it('set and bag functions, max_of/min_of', async () => {
    const [r] = await rows(`print u = set_union(dynamic([1, 2]), dynamic([2, 3])), i = set_intersect(dynamic([1, 2]), dynamic([2, 3])), c = array_concat(dynamic([1]), dynamic(["a"])),
      k = bag_keys(dynamic({"a": 1, "b": 2})), s = strcat_array(dynamic(["x", 1]), "-"), mx = max_of(1, 5, 3), mn = min_of(4, 2)`);
    assert.deepEqual((JSON.parse(r!['u'] as string) as number[]).sort(), [1, 2, 3]);
    assert.deepEqual({ ...r, u: undefined }, { u: undefined, i: '[2]', c: '[1,"a"]', k: '["a","b"]', s: 'x-1', mx: 5, mn: 2 });
  });
  it('stdev and variance agree with the sample formulas', async () => {
    const counts = (await rows('SigninLogs | summarize n = count() by UserPrincipalName')).map((r) => Number(r['n']));
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (counts.length - 1);
    const [r] = await rows('SigninLogs | summarize n = count() by UserPrincipalName | summarize s = stdev(n), v = variance(n)');
    assert.ok(Math.abs(Number(r!['v']) - variance) < 1e-9);
    assert.ok(Math.abs(Number(r!['s']) - Math.sqrt(variance)) < 1e-9);
  });
  it('lookup joins a watchlist without repeating its key column', async () => {
    const q = 'SigninLogs | lookup kind=leftouter (datatable(Location:string, Region:string)["US", "NA"]) on Location';
    const cols = await columns(`${q} | take 1`);
    assert.ok(cols.includes('Region:string') && !cols.includes('Location1:string'));
    const counts = countBy(await rows('SigninLogs | project Location'), (r) => String(r['Location']));
    // Kusto strings are never null: an unmatched row's Region is "".
    assert.deepEqual(await rows(`${q} | summarize n = count() by Region | sort by n desc`), [{ Region: 'NA', n: counts.get('US') }, { Region: '', n: [...counts].filter(([l]) => l !== 'US').reduce((a, [, n]) => a + n, 0) }]);
  });
});

describe('serialized rows: prev, next, row_number', () => {
  it('prev/next/row_number follow the sort order (sign-in gaps and location changes)', async () => {
    const raw = (await rows('SigninLogs | where UserPrincipalName == "user7@contoso.com" | project TimeGenerated, Location'))
      .sort((a, b) => String(a['TimeGenerated']).localeCompare(String(b['TimeGenerated'])));
    const got = await rows(`SigninLogs | where UserPrincipalName == "user7@contoso.com" | sort by TimeGenerated asc
      | extend PrevLoc = prev(Location), NextLoc = next(Location, 1, "none"), N = row_number() | project TimeGenerated, Location, PrevLoc, NextLoc, N`);
    assert.deepEqual(got, raw.map((r, i) => ({ ...r, PrevLoc: i ? raw[i - 1]!['Location'] : null, NextLoc: raw[i + 1]?.['Location'] ?? 'none', N: i + 1 })));
    const changes = await rows(`SigninLogs | where UserPrincipalName == "user7@contoso.com" | sort by TimeGenerated asc
      | where prev(Location) != Location | project TimeGenerated`);
    assert.deepEqual(changes.map((r) => r['TimeGenerated']), raw.filter((r, i) => i > 0 && r['Location'] !== raw[i - 1]!['Location']).map((r) => r['TimeGenerated']));
  });
  it('serialize with row_number(start), and the order after a descending sort', async () => {
    assert.deepEqual(await rows('range x from 1 to 3 step 1 | serialize r = row_number(10)'), [{ x: 1, r: 10 }, { x: 2, r: 11 }, { x: 3, r: 12 }]);
    assert.deepEqual(await rows('range x from 1 to 3 step 1 | sort by x desc | project x, y = prev(x, 2)'), [{ x: 3, y: null }, { x: 2, y: null }, { x: 1, y: 3 }]);
  });
  it('refuses prev() on rows with no order, and after the order column is replaced', () => {
    rejects('SigninLogs | extend p = prev(TimeGenerated)', 'IDT_KQL_SEMANTIC', /serialized rows/);
    rejects('SigninLogs | sort by TimeGenerated asc | summarize by UserPrincipalName | extend p = prev(UserPrincipalName)', 'IDT_KQL_SEMANTIC', /serialized rows/);
    rejects('SigninLogs | sort by TimeGenerated asc | extend TimeGenerated = now() | extend p = prev(Location)', 'IDT_KQL_SEMANTIC', /serialized rows/);
    rejects('SigninLogs | sort by TimeGenerated asc | summarize max(row_number())', 'IDT_KQL_SEMANTIC', /extend, project or where/);
  });
});

describe('make-series without from/to', () => {
  it('takes its bins from the data: the first value’s bin to the last value’s bin', async () => {
    const times = (await rows('SigninLogs | where ResultType != "0" | project TimeGenerated')).map((r) => Date.parse(String(r['TimeGenerated'])));
    const day = 864e5;
    const first = new Date(Math.floor(Math.min(...times) / day) * day).toISOString();
    const end = new Date((Math.floor(Math.max(...times) / day) + 1) * day).toISOString();
    const explicit = await rows(`SigninLogs | where ResultType != "0" | make-series n = count() default = 0 on TimeGenerated from datetime(${first}) to datetime(${end}) step 1d by UserType`);
    const derived = await rows('SigninLogs | where ResultType != "0" | make-series n = count() default = 0 on TimeGenerated step 1d by UserType');
    assert.ok(JSON.parse(String(explicit[0]!['n'])).length > 1);
    assert.deepEqual(derived, explicit);
  });
});

describe('details real detections rely on', () => {
  it('named arguments (make_set(x, MaxSize=n)) and [] from make_list when no row contributes', async () => {
    const [r] = await rows('SigninLogs | summarize a = make_set(IPAddress, MaxSize=2), b = make_list(CorrelationId), c = make_set_if(IPAddress, false)');
    assert.equal((JSON.parse(String(r!['a'])) as unknown[]).length, 2);
    assert.deepEqual([r!['b'], r!['c']], ['[]', '[]']);
  });
  it('parallel mv-expand keeps rows when one array is empty', async () => {
    assert.deepEqual(await rows('print a = dynamic([1, 2]), b = dynamic([]) | mv-expand a, b | project a, b'), [{ a: '1', b: null }, { a: '2', b: null }]);
  });
});

describe('record columns read through hidden leaves give the JSON path’s answers', () => {
  for (const table of ['SigninLogs', 'AADNonInteractiveUserSignInLogs']) {
    it(table, async () => {
      const cols = (l: string, d: string, s: string) => `Id, City = tostring(todynamic(${l}).city), Lat = todouble(todynamic(${l}).geoCoordinates.latitude),
        Empty = isempty(todynamic(${l}).state), Compliant = tobool(todynamic(${d}).isCompliant), Os = tostring(todynamic(${d}).operatingSystem),
        Code = toint(todynamic(${s}).errorCode), CodeText = tostring(todynamic(${s}).errorCode), Us = todynamic(${l}).countryOrRegion == "US"`;
      const leaves = `${table} | project ${cols('LocationDetails', 'DeviceDetail', 'Status')} | sort by Id asc`;
      // project-rename drops the struct reference, so these accesses go through JSON.
      const json = `${table} | project-rename L = LocationDetails, D = DeviceDetail, S = Status | project ${cols('L', 'D', 'S')} | sort by Id asc`;
      // How City is computed: a reference to the hidden leaf shows the short cut was taken.
      const cityExpr = (q: string): string => {
        let found = '';
        const walk = (v: unknown): void => {
          if (!v || typeof v !== 'object') return;
          if (Array.isArray(v)) return v.forEach(walk);
          const node = v as Record<string, unknown>;
          if (node['name'] === 'City' && node['expr']) found = JSON.stringify(node['expr']);
          Object.values(node).forEach(walk);
        };
        walk(lowerKql(q, TENANT, { now: NOW }).plan);
        return found;
      };
      assert.match(cityExpr(leaves), /"path":\["__s\d+:LocationDetails\/city"\]/);
      assert.doesNotMatch(cityExpr(json), /__s\d+:/);
      assert.match(cityExpr(json), /jsonPath/);
      const a = await rows(leaves);
      assert.ok(a.length > 0);
      assert.deepEqual(a, await rows(json));
    });
  }
});

describe('user scalar functions, in~ over a table, percentiles', () => {
  it('a let function with a scalar body is inlined, with defaults and inner lets', async () => {
    const ips = (await rows('SigninLogs | project IPAddress')).map((r) => String(r['IPAddress']));
    const priv = ips.filter((ip) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip)).length;
    assert.deepEqual(await rows('let isPriv = (ip:string) { ipv4_is_private(ip) }; SigninLogs | where isPriv(IPAddress) | count'), [{ Count: priv }]);
    assert.deepEqual(await rows('let domainOf = (upn:string, sep:string = "@") { let parts = split(upn, sep); tostring(parts[1]) }; print d = domainOf("a@b.example"), e = domainOf("a#c", "#")'),
      [{ d: 'b.example', e: 'c' }]);
    rejects('let f = (T:(*)) { T | count }; SigninLogs | extend x = f(SigninLogs)', 'IDT_KQL_UNSUPPORTED', /takes a table/);
  });
  it("a function's parameters and lets are not shadowed by the caller's columns", async () => {
    assert.deepEqual(await rows('let f = (x:long) { x * 2 }; datatable(x:long, z:long)[1, 7] | extend y = f(5), w = f(z)'), [{ x: 1, z: 7, y: 10, w: 14 }]);
    assert.deepEqual(await rows('let k = 3; let g = (a:long) { let x = a + 1; x * k }; datatable(x:long, k:long)[100, 100] | extend y = g(1)'), [{ x: 100, k: 100, y: 6 }]);
  });
  it('in~ and !in~ over a tabular let ignore case', async () => {
    const total = (await rows('SigninLogs | count'))[0]!['Count'] as number;
    const [user11] = await rows('SigninLogs | where UserPrincipalName == "user11@contoso.com" | count');
    assert.ok(Number(user11!['Count']) > 0);
    const q = (op: string) => `let vip = datatable(u:string)["USER11@Contoso.com"]; SigninLogs | where UserPrincipalName ${op} (vip) | count`;
    assert.deepEqual(await rows(q('in~')), [user11]);
    assert.deepEqual(await rows(q('!in~')), [{ Count: total - Number(user11!['Count']) }]);
    assert.deepEqual(await rows(q('in')), [{ Count: 0 }]);
  });
  it('percentiles() gives one column per level, matching percentile()', async () => {
    const [r] = await rows('SigninLogs | summarize n = count() by UserPrincipalName | summarize percentiles(n, 50, 90), (lo, hi) = percentiles(n, 10, 99), p50 = percentile(n, 50), p90 = percentile(n, 90), p10 = percentile(n, 10), p99 = percentile(n, 99)');
    assert.deepEqual([r!['percentile_n_50'], r!['percentile_n_90'], r!['lo'], r!['hi']], [r!['p50'], r!['p90'], r!['p10'], r!['p99']]);
    rejects('SigninLogs | summarize p = percentiles(1, 50, 90)', 'IDT_KQL_UNSUPPORTED', /one name for several percentiles/);
  });
});

describe('getschema', () => {
  it('lists the columns of whatever comes before it, in order, with Kusto and .NET type names', async () => {
    const q = 'SigninLogs | project UserPrincipalName, TimeGenerated, Attempts = tolong(1), Score = 1.5, Ok = true, LocationDetails';
    const want = (await columns(q)).map((c) => c.split(':'));
    const got = await rows(`${q} | getschema`);
    assert.deepEqual(got.map((r) => [r['ColumnName'], r['ColumnType']]), want);
    assert.deepEqual(got.map((r) => r['ColumnOrdinal']), want.map((_, i) => i));
    assert.deepEqual(got.map((r) => r['DataType']), ['System.String', 'System.DateTime', 'System.Int64', 'System.Double', 'System.SByte', 'System.Object']);
  });
  it('on a whole table: every visible column once, none of the hidden leaf columns', async () => {
    const got = await rows('SigninLogs | getschema');
    const names = got.map((r) => String(r['ColumnName']));
    assert.deepEqual(names, (await columns('SigninLogs | take 1')).map((c) => c.split(':')[0]));
    assert.ok(names.includes('LocationDetails') && names.includes('ResultType'));
    assert.ok(names.every((n) => !n.includes('/')), 'no hidden struct leaves');
    assert.equal(new Set(names).size, names.length);
  });
});
