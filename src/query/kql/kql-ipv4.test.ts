// parse_ipv4(), parse_ipv4_mask() and ipv4_is_in_any_range() on the seeded DuckDB store: the
// examples of the Kusto documentation, and sign-in addresses checked against numbers computed here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlRows, useSeededStore } from './kql-test-fixture.ts';

const store = useSeededStore();
const rows = (q: string) => kqlRows(store(), q);
const ipNumber = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

describe('parse_ipv4', () => {
  it('gives the documented numbers, a prefix masking the low bits', async () => {
    assert.deepEqual(await rows(`datatable(ip_string: string)['192.168.1.1', '192.168.1.1/24', '255.255.255.255/31'] | extend ip_long = parse_ipv4(ip_string)`), [
      { ip_string: '192.168.1.1', ip_long: 3232235777 },
      { ip_string: '192.168.1.1/24', ip_long: 3232235776 },
      { ip_string: '255.255.255.255/31', ip_long: 4294967294 },
    ]);
    assert.deepEqual(await rows('print a = parse_ipv4("127.0.0.1"), b = parse_ipv4_mask("127.0.0.1", 24), c = parse_ipv4("192.1.168.1") < parse_ipv4("192.1.168.2")'), [{ a: 2130706433, b: 2130706432, c: true }]);
  });
  it('is null for text that is not an IPv4 address', async () => {
    assert.deepEqual(await rows('datatable(s:string)["300.1.1.1", "abc", "1.2.3.4/40", "", "::1"] | project n = parse_ipv4(s)'), [{ n: null }, { n: null }, { n: null }, { n: null }, { n: null }]);
  });
  it('numbers every sign-in address as computed from its octets', async () => {
    const got = await rows('SigninLogs | distinct IPAddress | extend n = parse_ipv4(IPAddress), net = parse_ipv4_mask(IPAddress, 16)');
    assert.ok(got.length > 5);
    for (const r of got) {
      const ip = String(r['IPAddress']);
      assert.equal(r['n'], ipNumber(ip), ip);
      assert.equal(r['net'], Math.floor(ipNumber(ip) / 65536) * 65536, ip);
    }
  });
});

describe('ipv4_is_in_any_range', () => {
  it('takes ranges as arguments or as a dynamic array, like the Azure range rules', async () => {
    assert.deepEqual(await rows(`print a = ipv4_is_in_any_range("10.1.2.3", "192.168.0.0/16", "10.0.0.0/8"),
      b = ipv4_is_in_any_range("8.8.8.8", dynamic(["10.0.0.0/8", "172.16.0.0/12"])), c = ipv4_is_in_any_range("abc", "10.0.0.0/8"),
      d = ipv4_is_in_range("300.1.1.1", "10.0.0.0/8")`), [{ a: true, b: false, c: null, d: null }]);
    const ranges = ['203.0.113.0/24', '198.51.100.0/24'];
    const got = await rows(`SigninLogs | where ipv4_is_in_any_range(IPAddress, dynamic(${JSON.stringify(ranges)})) | distinct IPAddress | sort by IPAddress asc`);
    const all = (await rows('SigninLogs | distinct IPAddress')).map((r) => String(r['IPAddress']));
    assert.deepEqual(got.map((r) => r['IPAddress']), all.filter((ip) => ip.startsWith('203.0.113.') || ip.startsWith('198.51.100.')).sort());
  });
});
