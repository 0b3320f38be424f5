// `node --import tsx bench/profile-plan.ts --dir DIR NAME...`: print the compiled SQL of reports or
// risk rules and DuckDB's EXPLAIN ANALYZE, to see where a slow report spends its time.
import { parseArgs } from 'node:util';
import { DuckDbStore } from '../src/store/index.ts';
import { compile, duckdbDialect } from '../src/query/sql/index.ts';
import { findReport, reportContext } from '../src/reports/index.ts';
import { RISK_RULES } from '../src/risk/index.ts';
import type { Relation } from '../src/query/ir/index.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, explain: { type: 'boolean', default: false }, threads: { type: 'string', default: '4' } } });
const store = await DuckDbStore.open({ dataDir: values.dir!, threads: Number(values.threads), memoryLimit: '4GB' });
const now = new Date('2025-03-08T00:00:00Z');
const range = { from: '2025-02-01T00:00:00Z', to: '2025-03-08T00:00:00Z' };
for (const name of positionals) {
  const rule = RISK_RULES.find((r) => r.riskEventType === name);
  const plans: Record<string, Relation> = rule ? { rule: rule.build({ tenantId: 'bench', range }) } : findReport(name).build(reportContext(findReport(name), { tenantId: 'bench', now, ...range }));
  for (const [k, plan] of Object.entries(plans)) {
    const c = compile(plan, duckdbDialect, (kind) => store.scanTarget(kind));
    console.log(`== ${name}/${k}\n${c.sql}\nparams ${JSON.stringify(c.params)}`);
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await store.rawQuery(c.sql, c.params as unknown[]);
      ms.push(Math.round(performance.now() - t0));
    }
    console.log(`runs ms ${ms.join(' ')}`);
    if (values.explain) {
      const r = await store.rawQuery(`EXPLAIN ANALYZE ${c.sql}`, c.params as unknown[]);
      console.log(String(r[0]?.['explain_value']));
    }
  }
}
await store.close();
