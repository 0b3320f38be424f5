// `$filter` text → IR: tokenize and parse (filter-syntax.ts), then resolve, type-check and lower
// (filter-to-ir.ts). No SQL here: the IR compiles per dialect in query/sql.
import { fieldCatalogue, type GraphVersion, type LogKindDef } from '../../model/index.ts';
import type { Expr } from '../ir/index.ts';
import { parseFilterSyntax } from './filter-syntax.ts';
import { lowerFilter } from './filter-to-ir.ts';

export interface ParsedFilter {
  readonly expr: Expr;
  /** Canonical top-level names of the properties the filter refers to. */
  readonly fields: readonly string[];
}

export function parseFilter(text: string, def: LogKindDef, version: GraphVersion): ParsedFilter {
  const ast = parseFilterSyntax(text);
  return lowerFilter(ast, fieldCatalogue(def.kind), def, version);
}
