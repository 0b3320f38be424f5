// The normalizer of normalize.ts, compiled once per schema into straight-line JavaScript.
// Why: the generic walk costs ~44 µs per sign-in (a result object per value, a path string per
// field, records grown key by key into slow dictionary-like shapes that then stringify slowly).
// The generated code reads each known property by name, validates inline, builds every object
// with one literal in schema order (one stable hidden class per type: stringify is ~1.6× faster)
// and only makes path strings when it throws. Semantics are those of the generic walk, check for
// check and message for message; normalize.test.ts and compiled-normalize.test.ts pin them.
import type { FieldSchema, ObjectSchema } from './schema.ts';
import type { NormalizeResult } from './normalize.ts';

/** What the generated code calls back into (kept in normalize.ts so messages have one source). */
export interface NormalizeRuntime {
  readonly RecordError: new (path: string, message: string) => Error;
  readonly describe: (v: unknown) => string;
  readonly normalizeDateTime: (text: string) => string | null;
}

type Compiled = (input: Record<string, unknown>) => NormalizeResult;

const cache = new WeakMap<ObjectSchema, Compiled>();

/** The compiled normalizer of a top-level schema; the input must already be a non-array object. */
export function compiledNormalizer(schema: ObjectSchema, rt: NormalizeRuntime): Compiled {
  let fn = cache.get(schema);
  if (!fn) {
    fn = compile(schema, rt);
    cache.set(schema, fn);
  }
  return fn;
}

const lit = (s: string) => JSON.stringify(s);

function compile(root: ObjectSchema, rt: NormalizeRuntime): Compiled {
  const consts: unknown[] = []; // enum sets, field tables: passed in as K0, K1, …
  const constant = (v: unknown) => `K${consts.push(v) - 1}`;
  const objectFns = new Map<ObjectSchema, string>();
  const bodies: string[] = [];
  let tmp = 0;

  const objectFn = (s: ObjectSchema): string => {
    let name = objectFns.get(s);
    if (name) return name;
    name = `o${objectFns.size}`;
    objectFns.set(s, name);
    const keys = Object.keys(s.fields);
    // `key in fields` (prototype included, as the generic walk does) decides what is unknown.
    const fieldsRef = constant(s.fields);
    const lines: string[] = [`function ${name}(v, path) {`, '  let ex = null, x;'];
    keys.forEach((key, i) => {
      const childPath = `(path ? path + ${lit('/' + key)} : ${lit(key)})`;
      lines.push(`  x = v[${lit(key)}];`, `  let r${i};`);
      lines.push(...emitValue(s.fields[key]!, 'x', childPath, `r${i}`, (e) => `(ex ??= {})[${lit(key)}] = ${e};`).map((l) => '  ' + l));
    });
    lines.push(
      '  for (const k in v) {',
      `    if (!(k in ${fieldsRef})) {`,
      `      if (k === '$items') throw new RecordError(path, "'$items' is a reserved property name");`,
      '      (ex ??= {})[k] = v[k];',
      '    }',
      '  }',
      '  EX = ex;',
      `  return {${keys.map((k, i) => `${lit(k)}: r${i}`).join(', ')}};`,
      '}',
    );
    bodies.push(lines.join('\n'));
    return name;
  };

  /** Statements that validate `src` (an expression with no side effects) into `dst`, reporting extras via `onExtra`. */
  function emitValue(s: FieldSchema, src: string, path: string, dst: string, onExtra: (e: string) => string): string[] {
    const err = (msg: string) => `throw new RecordError(${path}, ${msg});`;
    const onNull = s.meta.required ? err(lit('is required')) : `${dst} = ${s.kind === 'list' ? '[]' : 'null'};`;
    const body: string[] = [];
    switch (s.kind) {
      case 'scalar':
        switch (s.type) {
          case 'string': {
            body.push(`if (typeof ${src} !== 'string') ${err(`"expected a string, got " + describe(${src})`)}`);
            if (s.meta.enum) {
              const set = constant(new Set(s.meta.enum));
              const flags = s.meta.flags ? ` && !${src}.split(',').every((m) => ${set}.has(m.trim()))` : '';
              body.push(`if (!${set}.has(${src})${flags}) ${err(`JSON.stringify(${src}) + ${lit(' is not one of ' + s.meta.enum.join(', '))}`)}`);
            }
            if (s.meta.required) body.push(`if (${src} === '') ${err(lit('must not be empty'))}`);
            body.push(`${dst} = ${src};`);
            break;
          }
          case 'datetime': {
            const n = `t${tmp++}`;
            body.push(
              `if (typeof ${src} !== 'string') ${err(`"expected an ISO-8601 date-time string, got " + describe(${src})`)}`,
              `const ${n} = normalizeDateTime(${src});`,
              `if (${n} === null) ${err(`JSON.stringify(${src}) + " is not an ISO-8601 date-time"`)}`,
              `${dst} = ${n};`,
            );
            break;
          }
          case 'bool':
            body.push(`if (typeof ${src} !== 'boolean') ${err(`"expected true or false, got " + describe(${src})`)}`, `${dst} = ${src};`);
            break;
          case 'int':
            body.push(
              `if (typeof ${src} !== 'number' || !Number.isInteger(${src}) || ${src} < -2147483648 || ${src} > 2147483647) ${err(`"expected a 32-bit integer, got " + describe(${src})`)}`,
              `${dst} = ${src};`,
            );
            break;
          case 'long':
            body.push(`if (typeof ${src} !== 'number' || !Number.isSafeInteger(${src})) ${err(`"expected an integer, got " + describe(${src})`)}`, `${dst} = ${src};`);
            break;
          case 'double':
            body.push(`if (typeof ${src} !== 'number' || !Number.isFinite(${src})) ${err(`"expected a number, got " + describe(${src})`)}`, `${dst} = ${src};`);
            break;
        }
        break;
      case 'object': {
        const fn = objectFn(s);
        body.push(
          `if (typeof ${src} !== 'object' || Array.isArray(${src})) ${err(`"expected an object, got " + describe(${src})`)}`,
          `${dst} = ${fn}(${src}, ${path});`,
          `if (EX !== null) ${onExtra('EX')}`,
        );
        break;
      }
      case 'list': {
        const [a, out, ex, i, item, it] = [`a${tmp}`, `l${tmp}`, `e${tmp}`, `i${tmp}`, `v${tmp}`, `w${tmp++}`];
        const itemPath = `${path} + "[" + ${i} + "]"`;
        body.push(
          `if (!Array.isArray(${src})) ${err(`"expected an array, got " + describe(${src})`)}`,
          `const ${a} = ${src}, ${out} = new Array(${a}.length);`,
          `let ${ex} = null;`,
          `for (let ${i} = 0; ${i} < ${a}.length; ${i}++) {`,
          `  const ${item} = ${a}[${i}];`,
          `  if (${item} === null || ${item} === undefined) throw new RecordError(${itemPath}, 'null items are not allowed in a collection');`,
          `  let ${it};`,
          ...emitValue(s.item, item, itemPath, it, (e) => `{ ${ex} ??= new Array(${a}.length).fill(null); ${ex}[${i}] = ${e}; }`).map((l) => '  ' + l),
          `  ${out}[${i}] = ${it};`,
          '}',
          `${dst} = ${out};`,
          `if (${ex} !== null) ${onExtra(`{ $items: ${ex} }`)}`,
        );
        break;
      }
      case 'open':
        body.push(`if (typeof ${src} !== 'object' || Array.isArray(${src})) ${err(`"expected an object, got " + describe(${src})`)}`, `${dst} = ${src};`);
        break;
    }
    return [`if (${src} === undefined || ${src} === null) { ${onNull} } else {`, ...body.map((l) => '  ' + l), '}'];
  }

  const rootFn = objectFn(root);
  const source = [
    '"use strict";',
    'let EX = null;',
    ...bodies,
    `return function normalizeCompiled(input) { const record = ${rootFn}(input, ''); return { record, extra: EX }; };`,
  ].join('\n');
  const factory = new Function('RecordError', 'describe', 'normalizeDateTime', ...consts.map((_, i) => `K${i}`), source);
  return factory(rt.RecordError, rt.describe, rt.normalizeDateTime, ...consts) as Compiled;
}
