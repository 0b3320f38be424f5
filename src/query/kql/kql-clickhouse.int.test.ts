// The newer KQL constructs on ClickHouse: each either gives DuckDB's answer or fails to compile
// with an error naming what ClickHouse lacks (never a wrong answer, never an engine error). The
// queries read no log table, so an empty database on a throwaway server is enough.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@clickhouse/client';
import { ClickHouseStore } from '../../store/clickhouse/clickhouse-store.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from '../../store/conformance/clickhouse-test-server.ts';
import { DuckDbStore, StoreError } from '../../store/index.ts';
import { SqlCompileError } from '../sql/index.ts';
import { KqlError, runKql } from './index.ts';
import { LOG_KINDS, normalizeRecord } from '../../model/index.ts';
import { audits, signIns, TENANT } from './kql-test-fixture.ts';

const NOW = new Date('2024-06-15T12:00:00Z');
const skip = clickhouseSkipReason();
const database = `idtrail_kql_${process.pid}_${Date.now()}`;
let server: TestClickHouse | null = null;
let ch: ClickHouseStore | null = null;
let duck: DuckDbStore;

// Generated once, so both stores hold the very same records (ids included). One record of each
// has every list empty, at the top and inside list items: an empty list is [] on both stores,
// never null (the records' lists are never null: normalizing makes an absent list []).
const emptyLists = (r: Record<string, unknown>, id: string): Record<string, unknown> =>
  ({ ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? [] : v])), id });
const SIGN_INS = [...signIns(), emptyLists(signIns()[0]!, 'si-all-lists-empty')];
const AUDITS = [...audits(), emptyLists(audits()[0]!, 'au-all-lists-empty'),
  { ...audits()[0]!, id: 'au-item-lists-empty', targetResources: [{ id: 'tr-1', displayName: 'x', modifiedProperties: [] }] }];

const CASES: Array<{ q: string; missing?: RegExp }> = [
  // log(0) is -infinity on both, but ClickHouse's JSON writes infinities as null, so 0 is left out.
  { q: 'datatable(x:real)[-1.0, 0.25, 4.0] | extend l = log(x), s = sqrt(x) | sort by x asc' },
  // Kusto: a bin size that is not positive gives null (both stores, no division by zero).
  { q: 'datatable(n:long, t:datetime)[7, datetime(2024-01-01 10:20:30), 9, datetime(2024-01-02)] | extend a = bin(n, 0), b = bin(n, -2), c = bin(t, 0s), d = bin(t, 1h) | project a, b, c, d | sort by d asc' },
  { q: 'print x = 1, y = "a", z = 2 + 3' },
  { q: 'datatable(u:string, n:long)["a", 1, "b", -2] | where n > 0 | project u' },
  { q: 'let t = datatable(n:long)[3, 1, 2]; print m = toscalar(t | summarize max(n))' },
  { q: 'datatable(s:string)["user=alice rest", "nothing"] | parse s with "user=" User " " Rest | project User, Rest' },
  { q: 'datatable(k:string, n:long)["a", 1, "a", 2, "b", 5] | top-nested 1 of k by s = sum(n)', missing: /window functions \(row_number/ },
  { q: 'datatable(k:string, n:long)["a", 1, "a", 2, "b", 5] | top-nested of k by s = sum(n) | sort by k asc' },
  { q: 'range x from 1 to 3 step 1 | serialize | extend p = prev(x)', missing: /range_array|window functions/ },
  { q: 'datatable(s:string)["k=1", "x", "k=2.5", "k= 7"] | parse s with "k=" K:long | sort by s asc' },
  { q: 'range x from 1 to 3 step 1', missing: /range_array/ },
  { q: 'print a = extract_all(@"(\\d+)", "a1b22")', missing: /extract_all/ },
  { q: 'datatable(k:string)["a"] | summarize b = make_bag(bag_pack(k, 1))', missing: /make_bag|bag_pack/ },
  { q: 'print ipv4_is_private("10.0.0.1")' },
  { q: 'datatable(s:string)["192.168.1.1/24", "255.255.255.255/31", "300.1.1.1", "x"] | project s, n = parse_ipv4(s), m = parse_ipv4_mask(s, 16)' },
  // A null bool reads as false on ClickHouse 18.16, so only addresses that convert here.
  { q: 'datatable(s:string)["192.168.1.1", "10.9.9.9", "8.8.8.8"] | project s, r = ipv4_is_in_any_range(s, "192.168.0.0/16", "10.0.0.0/8"), p = ipv4_is_in_range(s, "10.0.0.0/8")' },
  // Datetimes in a list are ISO-8601 text on both (DuckDB's to_json once wrote "2024-01-01 10:00:00").
  { q: 'datatable(t:datetime, n:long)[datetime(2024-01-01T10:00:00Z), 1, datetime(2024-01-02T00:00:00.5Z), 2] | summarize l = make_list(t), s = make_set(t) by n' },
  // tostring() of datetimes: ISO-8601 text on DuckDB (which once wrote bytes past the Z); refused here.
  { q: 'print a = tostring(datetime(2024-01-01T10:11:12.1234567Z)), b = tostring(datetime(2024-01-01)), c = strcat("at ", datetime(2024-06-15))', missing: /datetime_to_string/ },
  // extract() of any group: constant regexes are rewritten so the group is the first.
  { q: 'print x = extract("(a)(b)", 2, "abc"), y = extract("a(?<n>b)c", 1, "abc"), z = extract("b", 0, "abc"), w = extract("(x)|(b)", 2, "abc")' },
  { q: 'datatable(re:string, s:string)["(a)(b)", "abc"] | project x = extract(re, 2, s)', missing: /capture group other than the first/ },
  { q: 'print a = todynamic(3), b = todynamic(true), c = todynamic(false), d = todynamic(long(null))' },
  { q: 'print s = format_timespan(time(1.02:03:04.5), "d.hh:mm:ss.fff"), t = format_timespan(-90m, "hh:mm"), u = format_timespan(400d, "ddd")' },
  { q: 'datatable(s:string)["a b", "c"] | search "b"' },
  { q: 'datatable(n:long)[1, 2, 3] | sample 2 | count' },
  { q: 'print parse_url("http://a/b")', missing: /parse_url/ },
  { q: 'datatable(d:dynamic)[dynamic({"a": 1})] | evaluate bag_unpack(d)', missing: /bag_keys|dynamic_to_list|bag_value_type/ },
  // Dynamic conversions ClickHouse 18.16 can render exactly, over awkward text.
  { q: String.raw`datatable(s:string)["12", " 12 ", "\t12\n", "-3.5", "1e3", "1E+2", "0.5e-1", "5.e3", "+4", ".5", "-.5", "5.", "abc", "", ".", "e5", "12e", "+-1", "--1",
      "1,000", "1_000", "0x1A", "inf", "-Infinity", "NaN", "9999999999999999999999", "9223372036854775807", "-9223372036854775808", "12abc", "1e400", "١٢",
      "2.5", "-2.5", "3.5", "0.5", "1.5", "-1.5", "3.7", "-3.7", "1e18", "-0", "9007199254740993",
      "-+1", "++1", "+-.5", "_1", "1__0", "1_", "1_0.5", "1.0_5", "1e1_0", "+ 1", "1 000", "1._5", "1_.5"]
      | extend n = iff(s == "abc", tostring(dynamic(null)), s) | sort by s asc | project s, l = tolong(s), i = toint(s), m = tolong(n), z = tolong(tostring(pack_array(s)))` },
  { q: 'datatable(s:string)["1.5"] | project d = todouble(s)', missing: /todouble\(\)\/toreal\(\) of text is not available on ClickHouse: non-finite/ },
  { q: String.raw`datatable(s:string, n:long, b:bool)["a\"b\\c\u00e9😀\t", 7, true, "", -1, false] | sort by n asc | project p = pack_array(s, n, b), e = pack_array(), z = pack_array(s, long(null))` },
  { q: String.raw`datatable(s:string, n:long, b:bool)["a\"b\\c\u00e9😀\t", 7, true, "x", 5, false] | extend p = pack_array(s, n, b) | project t = tostring(p), v = tostring(todynamic(n)), w = tostring(todynamic(b)), x = tostring(s), y = tostring(pack_array(p, s))` },
  { q: 'datatable(n:long, b:bool)[7, true, -3, false] | project v = tostring(todynamic(n)), w = tostring(todynamic(b)), l = tolong(todynamic(n)), t = tolong(tostring(pack_array(n, b))) ' },
  { q: 'print x = todynamic("{\\"a\\": 1}")', missing: /parse_json\(\)\/todynamic\(\) of text is not available on ClickHouse: 18.16 cannot tell JSON text/ },
  { q: 'print x = pack_array(1.5)', missing: /a dynamic value of this type is not available on ClickHouse/ },
  // array_length over JSON text (quotes, brackets and commas inside strings, nesting) and over the
  // Arrays make_list/make_set/split give on ClickHouse; not an array is 0, as on DuckDB.
  { q: String.raw`print a = array_length(dynamic([[1,2],{"a":"x,]"},"q\"u,o[te"])), b = array_length(dynamic([])), c = array_length(dynamic({"a": [1, 2]})), d = array_length(dynamic("abc")), e = array_length(dynamic(null)), f = array_length(pack_array("a,b", 2, "[x", "it's"))` },
  // isempty is Kusto's on both stores: null or '' only; '[]' and an empty dynamic array are not empty.
  { q: 'print a = isempty("[]"), b = isnotempty("[]"), c = isempty(dynamic([])), d = isempty(pack_array()), e = isempty(dynamic(null)), f = isempty("")' },
  { q: String.raw`datatable(s:string)["a,b", "c\"'(,", "d"] | summarize l = make_list(s), m = make_set(split(s, ",")) | project x = array_length(l), y = array_length(m), z = array_length(split("a,b,c", ","))` },
];

/** Record-valued columns read from stored rows: the same values on both stores (JSON compared parsed). */
const DATA_CASES = [
  'SigninLogs | sort by Id asc | project Id, DeviceDetail, LocationDetails, Status, city = LocationDetails.city, compliant = DeviceDetail.isCompliant, code = Status.errorCode, os = tostring(todynamic(DeviceDetail).operatingSystem)',
  'AADNonInteractiveUserSignInLogs | sort by Id asc | project Id, SignInEventTypes, LocationDetails',
  'AuditLogs | sort by Id asc | project Id, InitiatedBy, TargetResources, AdditionalDetails',
  // Lists of scalars ([] included) as JSON text.
  'SigninLogs | sort by Id asc | project Id, AuthenticationMethodsUsed, RiskEventTypes, RiskEventTypes_V2, ConditionalAccessPolicies',
  'AADNonInteractiveUserSignInLogs | sort by Id asc | project Id, SignInEventTypes, RiskEventTypes_V2, ConditionalAccessPolicies',
  'AuditLogs | sort by Id asc | project Id, TargetResources',
  // array_length of stored lists of records and of scalars (the JSON text's length before the fix),
  // read directly and through a projected column.
  'AuditLogs | sort by Id asc | project Id, t = array_length(TargetResources), a = array_length(AdditionalDetails), i = array_length(InitiatedBy)',
  'AuditLogs | sort by Id asc | project Id, r = TargetResources | extend n = array_length(r) | where n == 0 or n > 0',
  'SigninLogs | sort by Id asc | project Id, RiskEventTypes_V2, e = isempty(RiskEventTypes_V2), n = isnotempty(RiskEventTypes), c = isempty(ConditionalAccessPolicies), a = isempty(AuthenticationMethodsUsed)',
  'SigninLogs | sort by Id asc | project Id, c = array_length(ConditionalAccessPolicies), p = array_length(todynamic(LocationDetails))',
];

describe('KQL constructs on ClickHouse', { skip: skip ?? false }, () => {
  before(async () => {
    duck = await DuckDbStore.open({ dataDir: ':memory:' });
    server = await testClickHouse();
    ch = server ? await ClickHouseStore.open({ url: server.url, database }) : null;
  });
  after(async () => {
    await duck?.close();
    await ch?.close();
    if (server) {
      const c = createClient({ url: server.url });
      await c.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
      await c.close();
      await server.stop();
    }
  });
  for (const c of CASES) {
    it(c.q, async () => {
      assert.ok(ch, 'a ClickHouse server');
      const expected = await runKql(duck, 't', c.q, { now: NOW });
      let got;
      try {
        got = await runKql(ch, 't', c.q, { now: NOW });
      } catch (e) {
        assert.ok(e instanceof SqlCompileError, `a compile error, not ${String(e)}`);
        assert.match(e.message, /not available on ClickHouse/);
        assert.ok(c.missing, `unexpected: ${e.message}`);
        assert.match(e.message, c.missing);
        return;
      }
      assert.equal(c.missing, undefined, 'expected a compile error');
      // Without a sort the row order is the engine's: ClickHouse runs the branches of a datatable's
      // UNION ALL in parallel, so such answers are compared as multisets of rows.
      const ordered = /\|\s*(sort|order|top)\b/.test(c.q);
      const byText = (x: unknown, y: unknown) => JSON.stringify(x).localeCompare(JSON.stringify(y));
      const rowsOf = (r: typeof got) => ({ ...r, tables: r.tables.map((t) => ({ ...t, rows: ordered ? t.rows : [...t.rows].sort(byText) })) });
      assert.deepEqual(rowsOf(got), rowsOf(expected));
    });
  }

  it('refuses an open-ended make-series over the bin limit with the same 400 (a probe of the axis)', async () => {
    assert.ok(ch, 'a ClickHouse server');
    const q = 'datatable(t:datetime)[datetime(2024-01-01), datetime(2024-04-10)] | make-series count() on t step 1m';
    for (const s of [duck, ch]) await assert.rejects(runKql(s, 't', q, { now: NOW }), (e: unknown) => e instanceof KqlError && /make-series of 144001 bins/.test(e.message));
  });

  it('a value either engine refuses while running is the asker\'s error (IDT_QUERY_RUNTIME) on both', async () => {
    assert.ok(ch, 'a ClickHouse server');
    const q = 'datatable(s:string)["x"] | extend a = extract("(", 1, s)';
    for (const s of [duck, ch]) await assert.rejects(runKql(s, 't', q, { now: NOW }), (e: unknown) => e instanceof StoreError && e.code === 'IDT_QUERY_RUNTIME' && /missing \)/.test(e.message));
  });

  describe('over stored records', () => {
    before(async () => {
      const put = async (s: DuckDbStore | ClickHouseStore) => {
        await s.append('signIns', TENANT, SIGN_INS.map((r) => normalizeRecord(LOG_KINDS.signIns.schema, r)));
        await s.append('directoryAudits', TENANT, AUDITS.map((r) => normalizeRecord(LOG_KINDS.directoryAudits.schema, r)));
      };
      await put(duck);
      await put(ch!);
    });
    for (const q of DATA_CASES) {
      it(q, async () => {
        const [want, got] = await Promise.all([duck, ch!].map((s) => runKql(s, TENANT, q, { now: NOW })));
        const t = want!.tables[0]!;
        assert.deepEqual(got!.tables[0]!.columns, t.columns);
        assert.ok(t.rows.length > 0);
        // Dynamic values and the JSON-text columns of some tables are compared parsed: engines may
        // write a number differently (-74 and -74.0).
        const json = (v: unknown, type: string) => typeof v === 'string' && (type === 'dynamic' || /^[[{]/.test(v)) ? JSON.parse(v) as unknown : v;
        const norm = (rows: ReadonlyArray<readonly unknown[]>) => rows.map((r) => r.map((v, i) => json(v, t.columns[i]!.type)));
        assert.deepEqual(norm(got!.tables[0]!.rows), norm(t.rows));
      });
    }
  });
});
