// `$filter` on evolvable enums (spec 3.9) as Graph's evolvable-enum guidance tabulates it. Without
// `Prefer: include-unknown-enum-members` a client only ever reads members up to the sentinel, so:
// a member declared after `unknownFutureValue` is a 400 (the client cannot have learned it from
// this API), and `unknownFutureValue` itself matches every later member, i.e. exactly the records
// the client is shown as `unknownFutureValue`. With the header both compare literally.
import type { CatalogueEntry } from '../../model/index.ts';
import { evolvableEnum } from '../../model/index.ts';
import { lit, type Expr } from '../ir/index.ts';
import { ODataError } from './odata-error.ts';

/**
 * The stored members an enum literal stands for, or null when it stands for itself. `member` is
 * the canonical member typedLiteral resolved; `pos` places the error on the literal.
 */
export function enumLiteralMembers(entry: CatalogueEntry, member: string, includeUnknown: boolean, pos: number): Expr[] | null {
  // Flags values are member lists, which no documented filter compares; they keep literal matching.
  if (includeUnknown || !entry.enumValues || entry.schema.meta.flags) return null;
  const e = evolvableEnum(entry.enumValues);
  if (!e) return null;
  if (e.later.has(member)) {
    throw new ODataError(
      `'${member}' is a member of the enumeration of '${entry.name || 'the lambda variable'}' that is only available with the request header 'Prefer: include-unknown-enum-members'`,
      pos,
    );
  }
  if (member !== e.sentinel) return null;
  return [lit(e.sentinel), ...[...e.later].map((m) => lit(m))];
}
