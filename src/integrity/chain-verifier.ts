// Recompute a (tenant, kind) chain from the records read back in sequence order and compare it with
// the anchors written at append time, the signed retention base and redactions, and any checkpoint
// a third party kept. Reads go through LogStore IR plans only, so this works on every backend.
import type { JsonObject, LogKind } from '../model/index.ts';
import { aggregate, agg, and, asc, cmp, field, lit, named, project, scan, sort, where, type Relation } from '../query/ir/index.ts';
import type { AdminStore, ChainAnchorRow, LogStore, RedactionRow } from '../store/index.ts';
import { fingerprint, genesisLink, nextLink, printAt, recordDigest } from './hash-chain.ts';
import { baseIsSigned, redactionIsSigned } from './signed-statements.ts';
import type { SigningKey } from './signing-key.ts';

export interface IntegrityDeps {
  readonly store: LogStore;
  readonly admin: AdminStore;
  readonly key: SigningKey;
}

export interface BrokenLink {
  readonly seq: number;
  readonly id: string | null;
  readonly reason: string;
}

export interface VerifyReport {
  readonly tenantId: string;
  readonly kind: LogKind;
  readonly ok: boolean;
  /** Records before this sequence number were removed by retention (0: none). */
  readonly baseSeq: number;
  readonly lastSeq: number;
  readonly records: number;
  readonly redacted: number;
  readonly checkpointsChecked: number;
  readonly firstBroken: BrokenLink | null;
}

export interface WalkStep {
  readonly seq: number;
  readonly id: string | null;
  readonly digest: Buffer;
  readonly link: Buffer;
  readonly record: JsonObject | null;
}

export interface WalkOptions {
  /** Checkpoints kept by a third party: the link each says follows record `seq`. */
  readonly checkpoints?: ReadonlyArray<{ readonly seq: number; readonly link: string }>;
  /** Stop after this sequence number (retention walks only the range it removes). */
  readonly upToSeq?: number;
  readonly onStep?: (s: WalkStep) => void;
  readonly pageSize?: number;
}

const seqRange = (kind: LogKind, tenantId: string, from: number, to: number): Relation =>
  sort(where(scan(kind, tenantId), and(cmp('ge', field('_seq'), lit(from)), cmp('le', field('_seq'), lit(to)))), [asc(field('_seq')), asc(field('id'))]);

export async function maxSeq(store: LogStore, kind: LogKind, tenantId: string): Promise<number> {
  const r = await store.query(aggregate(scan(kind, tenantId), [], [named('m', agg('max', [field('_seq')])), named('n', agg('count'))]));
  return Number(r.rows[0]?.['m'] ?? 0);
}

export async function countRecords(store: LogStore, kind: LogKind, tenantId: string): Promise<number> {
  const r = await store.query(aggregate(scan(kind, tenantId), [], [named('n', agg('count'))]));
  return Number(r.rows[0]?.['n'] ?? 0);
}

export async function walkChain(deps: IntegrityDeps, tenantId: string, kind: LogKind, opts: WalkOptions = {}): Promise<VerifyReport> {
  const { store, admin, key } = deps;
  const page = opts.pageSize ?? 5000;
  const base = await admin.getBase(tenantId, kind);
  const baseSeq = base?.seq ?? 0;
  let records = 0;
  let redacted = 0;
  let checked = 0;
  const cps = new Map<number, string>();
  for (const c of opts.checkpoints ?? []) cps.set(c.seq, c.link.toLowerCase());
  const report = (firstBroken: BrokenLink | null, lastSeq: number): VerifyReport => ({
    tenantId, kind, ok: firstBroken === null, baseSeq, lastSeq, records, redacted, checkpointsChecked: checked, firstBroken,
  });

  if (base && !baseIsSigned(key, base)) return report({ seq: baseSeq, id: null, reason: 'the retention base is not signed by this installation’s key' }, baseSeq);
  let prev = base ? Buffer.from(base.link, 'hex') : genesisLink(tenantId, kind);
  const cpAtBase = cps.get(baseSeq);
  if (cpAtBase !== undefined && baseSeq > 0) {
    checked++;
    if (cpAtBase !== prev.toString('hex')) return report({ seq: baseSeq, id: null, reason: 'a checkpoint disagrees with the retention base' }, baseSeq);
  }

  // Records first, then anchors: a record committed in between has its anchor committed with it.
  const stored = await maxSeq(store, kind, tenantId);
  const last = await admin.lastAnchor(tenantId, kind);
  let end = Math.max(stored, last?.seqTo ?? baseSeq);
  if (opts.upToSeq !== undefined) end = Math.min(end, opts.upToSeq);

  for (let from = baseSeq + 1; from <= end; from += page) {
    const to = Math.min(from + page - 1, end);
    const [refs, recs, anchors, reds] = await Promise.all([
      store.query(project(seqRange(kind, tenantId, from, to), [named('s', field('_seq')), named('id', field('id'))])),
      store.readRecords(kind, seqRange(kind, tenantId, from, to)),
      admin.listAnchors(tenantId, kind, from, to),
      admin.listRedactions(tenantId, kind, from, to),
    ]);
    const redBySeq = new Map<number, RedactionRow>(reds.map((r) => [r.seq, r]));
    let ri = 0;
    let ai = 0;
    let anchor: ChainAnchorRow | undefined;
    let prints = Buffer.alloc(0);
    for (let s = from; s <= to; s++) {
      const rowSeq = ri < refs.rows.length ? Number(refs.rows[ri]!['s']) : Infinity;
      let id: string | null = null;
      let digest: Buffer;
      let record: JsonObject | null = null;
      const red = redBySeq.get(s);
      if (rowSeq === s) {
        id = String(refs.rows[ri]!['id']);
        record = recs[ri]!;
        ri++;
        if (ri < refs.rows.length && Number(refs.rows[ri]!['s']) === s) {
          return report({ seq: s, id: String(refs.rows[ri]!['id']), reason: `more than one record holds sequence number ${s}` }, s);
        }
        digest = recordDigest(record);
        records++;
        if (red && red.digest !== digest.toString('hex')) return report({ seq: s, id, reason: 'the record differs from the digest retention recorded for it' }, s);
      } else if (red) {
        if (!redactionIsSigned(key, red)) return report({ seq: s, id: null, reason: 'a retention redaction is not signed by this installation’s key' }, s);
        digest = Buffer.from(red.digest, 'hex');
        redacted++;
      } else {
        return report({ seq: s, id: null, reason: `record ${s} is missing (deleted outside retention)` }, s);
      }
      const link = nextLink(prev, digest);
      while (anchor === undefined || anchor.seqTo < s) {
        anchor = anchors[ai++];
        if (!anchor) break;
        prints = Buffer.from(anchor.prints, 'base64');
      }
      if (!anchor || anchor.seqFrom > s) return report({ seq: s, id, reason: 'the record is not covered by any chain anchor (added outside ingest)' }, s);
      if (!printAt(prints, s - anchor.seqFrom).equals(fingerprint(link)) || (s === anchor.seqTo && anchor.link !== link.toString('hex'))) {
        return report({ seq: s, id, reason: 'the record does not match the chain (changed, replaced or reordered)' }, s);
      }
      const cp = cps.get(s);
      if (cp !== undefined) {
        checked++;
        if (cp !== link.toString('hex')) return report({ seq: s, id, reason: 'the chain disagrees with a kept checkpoint' }, s);
      }
      opts.onStep?.({ seq: s, id, digest, link, record });
      prev = link;
    }
    if (ri < refs.rows.length) {
      const r = refs.rows[ri]!;
      return report({ seq: Number(r['s']), id: String(r['id']), reason: 'a record is out of sequence' }, Number(r['s']));
    }
  }
  if (opts.upToSeq === undefined) {
    for (const [seq] of cps) {
      if (seq > end) return report({ seq, id: null, reason: 'a kept checkpoint is beyond the end of the chain (records removed from the end)' }, end);
    }
  }
  return report(null, end);
}
