// A figure is one measured number with its target and the two references the issue asks for: the
// engine floor (hand-written SQL / the engine's own loader, same file, same run) and the peer
// (PostgreSQL). Sections return figures; report.ts prints and saves them. Nothing here asserts.
export type Better = 'lower' | 'higher';

export interface Target {
  readonly op: '<' | '<=' | '>=' | '>';
  readonly value: number;
}

export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly unit: string;
  /** Median (or the single measured value). null when the form could not run. */
  readonly value: number | null;
  readonly p99?: number | null;
  readonly better: Better;
  readonly target?: Target;
  /** A second target on p99, e.g. Graph first page p99 < 100 ms. */
  readonly p99Target?: Target;
  /** Same result computed by the engine directly (hand-written SQL, DuckDB's own NDJSON reader). */
  readonly floor?: number | null;
  readonly floorP99?: number | null;
  /** Target on value/floor (first page ≤ 1.2× floor). */
  readonly floorRatioTarget?: Target;
  /** The PostgreSQL peer's figure for the same thing. */
  readonly peer?: number | null;
  readonly note?: string;
}

export const lt = (value: number): Target => ({ op: '<', value });
export const le = (value: number): Target => ({ op: '<=', value });
export const ge = (value: number): Target => ({ op: '>=', value });

export function meets(v: number | null | undefined, t: Target | undefined): boolean | null {
  if (t === undefined || v === null || v === undefined || !Number.isFinite(v)) return null;
  switch (t.op) {
    case '<': return v < t.value;
    case '<=': return v <= t.value;
    case '>=': return v >= t.value;
    case '>': return v > t.value;
  }
}

/** All targets of a figure (value, p99, floor ratio, ahead of peer); null when it has none. */
export function verdict(f: Figure): boolean | null {
  const checks: Array<boolean | null> = [
    meets(f.value, f.target),
    meets(f.p99, f.p99Target),
    f.floor ? meets((f.value ?? NaN) / f.floor, f.floorRatioTarget) : null,
  ];
  // "Ahead of the Postgres peer on every query class": only latency figures carry that target.
  if (f.unit.startsWith('ms') && f.peer != null && f.value != null) checks.push(f.value < f.peer);
  const known = checks.filter((c): c is boolean => c !== null);
  return known.length ? known.every(Boolean) : null;
}

export const targetText = (t: Target | undefined, unit: string): string => (t ? `${t.op} ${t.value.toLocaleString('en-US')} ${unit}` : '');
