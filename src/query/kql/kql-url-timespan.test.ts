// parse_url() and format_timespan() on DuckDB. The expected values are the examples of Kusto's
// documentation (format elements table and examples) and URL parts read off the test URLs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from '../../store/index.ts';
import { KqlError, lowerKql, runKql } from './index.ts';

const NOW = new Date('2024-06-15T12:00:00Z');
let store: DuckDbStore;
before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', threads: 1 });
});
after(async () => {
  await store.close();
});

async function row(q: string): Promise<Record<string, unknown>> {
  const t = (await runKql(store, 't', q, { now: NOW })).tables[0]!;
  assert.equal(t.rows.length, 1);
  return Object.fromEntries(t.columns.map((c, i) => [c.name, t.rows[0]![i]]));
}
const refused = (q: string, re: RegExp) =>
  assert.throws(() => lowerKql(q, 't', { now: NOW }), (e: unknown) => e instanceof KqlError && e.position !== null && re.test(e.message));

describe('parse_url', () => {
  it('splits an absolute URL into Kusto\'s parts, the query string into an object', async () => {
    const r = await row('print r = parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")');
    assert.deepEqual(JSON.parse(String(r['r'])), {
      Scheme: 'scheme', Host: 'host', Port: '1234', Path: '/this/is/a/path', Username: 'username', Password: 'password',
      'Query Parameters': { k1: 'v1', k2: 'v2' }, Fragment: 'fragment',
    });
  });

  it('decodes query values, joins a repeated key\'s values, and leaves absent parts empty', async () => {
    const r = await row('print r = parse_url("https://login.microsoftonline.com/common/oauth2/authorize?redirect_uri=https%3A%2F%2Fx.com%2F&scope=a+b&k=1&k=2&flag")');
    assert.deepEqual(JSON.parse(String(r['r'])), {
      Scheme: 'https', Host: 'login.microsoftonline.com', Port: '', Path: '/common/oauth2/authorize', Username: '', Password: '',
      'Query Parameters': { redirect_uri: 'https://x.com/', scope: 'a b', k: '1,2', flag: '' }, Fragment: '',
    });
  });

  it('gives empty parts for text that is not an absolute URL, and its parts read like any bag', async () => {
    const r = await row('print bad = parse_url("login.microsoftonline.com/x"), host = tostring(parse_url("http://[::1]:8080/a").Host), port = toint(parse_url("http://[::1]:8080/a").Port), q = tostring(parse_url("http://h/?a=1")["Query Parameters"].a)');
    assert.deepEqual(JSON.parse(String(r['bad'])), { Scheme: '', Host: '', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '' });
    assert.deepEqual([r['host'], r['port'], r['q']], ['[::1]', 8080, '1']);
  });
});

describe('format_timespan', () => {
  it('formats the documentation\'s examples', async () => {
    const r = await row('let t = time(29.09:00:05.12345); print v1 = format_timespan(t, "dd.hh:mm:ss:FF"), v2 = format_timespan(t, "ddd.h:mm:ss [fffffff]")');
    assert.deepEqual(r, { v1: '29.09:00:05:12', v2: '029.9:00:05 [1234500]' });
  });

  it('gives each element its documented meaning', async () => {
    const t = 'time(15.13:45:30.6170000)';
    const cases: Array<[string, string, string]> = [
      [t, 'd', '15'], [t, 'ddd', '015'], [t, 'f', '6'], [t, 'ff', '61'], [t, 'fff', '617'], [t, 'FF', '61'], [t, 'FFFF', '617'],
      ['time(15.13:45:30.05)', 'f', '0'], ['time(15.13:45:30.0500000)', 'F', ''], ['time(15.13:45:30.0001150)', 'fffffff', '0001150'],
      ['time(15.13:45:30.0001150)', 'FFFFFFF', '000115'], ['time(15.01:45:30)', 'H', '1'], ['time(15.01:45:30)', 'HH', '01'],
      ['time(15.01:09:30)', 'm', '9'], ['time(15.01:09:30)', 'mm', '09'], ['time(15.13:45:09)', 's', '9'], ['time(15.13:45:09)', 'ss', '09'],
      ['400d', 'd', '400'], ['-90m', 'hh:mm', '01:30'],
    ];
    const q = `print ${cases.map(([v, f], i) => `c${i} = format_timespan(${v}, "${f}")`).join(', ')}`;
    const r = await row(q);
    cases.forEach(([v, f, want], i) => assert.equal(r[`c${i}`], want, `${v} as ${f}`));
  });

  it('formats a column, null staying null', async () => {
    const t = (await runKql(store, 't', 'datatable(d:timespan)[1h, 90s, timespan(null)] | project s = format_timespan(d, "hh:mm:ss")', { now: NOW })).tables[0]!;
    assert.deepEqual(t.rows.map((r) => r[0]), ['01:00:00', '00:01:30', null]);
  });

  it('refuses unknown characters, over-long elements and non-constant formats', () => {
    refused('print format_timespan(1h, "hh:mm x")', /'x' is neither a format element/);
    refused('print format_timespan(1h, "hhh")', /'hhh' is too long/);
    refused('print f = "hh" | extend s = format_timespan(1h, f)', /not a constant/);
  });
});
