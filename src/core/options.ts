/**
 * Option checking shared by every public function: an unknown or misspelt option is an error
 * naming it and the closest valid name, and a value of the wrong kind is an error saying what was
 * expected. Plain checks rather than a schema library, so a measure imported alone stays small
 * in a browser bundle.
 * @internal
 */
import { OptionError } from './errors.js';

/** Checks one option's value: `undefined` when it is acceptable, else what was expected. */
export type OptionRule = (value: unknown) => string | undefined;

/** One rule per option of `O` (every option must have one, so a new option cannot go unchecked). */
export type OptionRules<O> = { readonly [K in keyof Required<O>]-?: OptionRule };

interface NumberRange {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Smallest allowed value, exclusive (e.g. `> 0`). */
  above?: number;
  /** Whole numbers only. */
  integer?: boolean;
}

function describeNumber(r: NumberRange): string {
  const kind = r.integer ? 'a whole number' : 'a number';
  const parts: string[] = [];
  if (r.above !== undefined) parts.push(`> ${r.above}`);
  if (r.min !== undefined) parts.push(`≥ ${r.min}`);
  if (r.max !== undefined) parts.push(`≤ ${r.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A rule's description of one value in the plural, for "an array of …": 'a date (…)' → 'dates
 * (…)', 'a whole number ≥ 0' → 'whole numbers ≥ 0', 'a string, or a number' → 'strings or
 * numbers' (rule.or's alternatives, split outside parentheses). `undefined` when it cannot say
 * ('true or false', "one of 'a', 'b'"): the caller then writes "an array whose every item is …".
 */
function plural(one: string): string | undefined {
  const parts = one.split(/, or (?![^(]*\))/);
  const many = parts.map((p) =>
    // Not across a colon: 'a ranker: an object with …' read "rankers: an objects with …".
    p.replace(/^an? ([^(:]*?\b(?:number|string|date|object|function|array))\b/, '$1s'),
  );
  return many.some((m, i) => m === parts[i]) ? undefined : many.join(' or ');
}

/** Ready-made {@link OptionRule}s. */
export const rule = {
  /** A finite number, optionally within a range or whole. */
  number(range: NumberRange = {}): OptionRule {
    const expected = describeNumber(range);
    return (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return expected;
      if (range.integer && !Number.isInteger(v)) return expected;
      if (range.above !== undefined && !(v > range.above)) return expected;
      if (range.min !== undefined && v < range.min) return expected;
      if (range.max !== undefined && v > range.max) return expected;
      return undefined;
    };
  },
  /** `true` or `false`. */
  boolean: ((v) => (typeof v === 'boolean' ? undefined : 'true or false')) as OptionRule,
  /** A string (optionally non-empty). */
  string(nonEmpty = false): OptionRule {
    return (v) =>
      typeof v === 'string' && (!nonEmpty || v.length > 0)
        ? undefined
        : nonEmpty
          ? 'a non-empty string'
          : 'a string';
  },
  /**
   * One of the listed values; a misspelt one is told the closest (`'pagernk'`: `'pagerank'`),
   * and one of `nearNames` (other names of a value, keyed in lower case without separators:
   * `{ core: 'core_number' }`) the value it names.
   */
  oneOf<T>(values: readonly T[], nearNames?: NearNames): OptionRule {
    const expected = `one of ${values.map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')}`;
    const names = values.filter((x): x is T & string => typeof x === 'string');
    // Closer than closestName asks of option names: 'ymd' is not told 'dmy' (two edits of three).
    const suggest = (v: unknown) => {
      if (typeof v !== 'string') return undefined;
      const other = nearSynonym(v, names, nearNames);
      if (other !== undefined) return other;
      const near = v.length >= 3 ? closestName(v, names) : undefined;
      return near && editDistance(v, near) <= Math.max(1, Math.floor(near.length / 3))
        ? near
        : undefined;
    };
    const check = (v: unknown) => {
      if (values.includes(v as T)) return undefined;
      const near = suggest(v);
      return near ? `${expected} (did you mean '${near}'?)` : expected;
    };
    return Object.assign(check, { suggest });
  },
  /** A date: ISO text, a `Date`, or days since 1970-01-01 (the library's `DateLike`). */
  date: ((v) =>
    typeof v === 'string' ||
    (v instanceof Date && !Number.isNaN(v.getTime())) ||
    (typeof v === 'number' && Number.isFinite(v))
      ? undefined
      : 'a date (ISO text, a Date, or days since 1970-01-01)') as OptionRule,
  /** A function. */
  func: ((v) => (typeof v === 'function' ? undefined : 'a function')) as OptionRule,
  /** An array, each item checked by `item` when given. */
  array(item?: OptionRule): OptionRule {
    return (v) => {
      if (!Array.isArray(v)) {
        const each = item?.(Symbol());
        if (each === undefined) return 'an array';
        const many = plural(each);
        return many ? `an array of ${many}` : `an array whose every item is ${each}`;
      }
      if (item) {
        for (let i = 0; i < v.length; i++) {
          const e = item(v[i]);
          if (e === undefined) continue;
          // The item named, and the closest valid one for a misspelt name (oneOf's).
          const near = (item as { suggest?: (x: unknown) => string | undefined }).suggest?.(v[i]);
          const given = typeof v[i] === 'string' ? `, ${show(v[i])},` : '';
          return `an array whose every item is ${item(Symbol()) ?? e} (item ${i}${given} is not${near ? `: did you mean '${near}'?` : ''})`;
        }
      }
      return undefined;
    };
  },
  /** A plain object, each value checked by `value` when given. */
  record(value?: OptionRule): OptionRule {
    return (v) => {
      if (!isPlainObject(v)) return 'an object';
      if (value) {
        for (const [k, x] of Object.entries(v)) {
          const e = value(x);
          if (e === undefined) continue;
          // The closest valid value for a misspelt one, or for another name of one (oneOf's):
          // `{ Subject: 'suspect' }` is told 'offender'.
          const near = (value as { suggest?: (x: unknown) => string | undefined }).suggest?.(x);
          return `an object whose every value is ${value(Symbol()) ?? e} ('${k}' is ${show(x)}${near ? `: did you mean '${near}'?` : ''})`;
        }
      }
      return undefined;
    };
  },
  /** Any value (for options checked elsewhere, e.g. tables or rows). */
  any: (() => undefined) as OptionRule,
  /** Accepted when any of `rules` accepts it. */
  or(...rules: OptionRule[]): OptionRule {
    return (v) => {
      const errs: string[] = [];
      for (const r of rules) {
        const e = r(v);
        if (e === undefined) return undefined;
        errs.push(e);
      }
      return errs.join(', or ');
    };
  },
} as const;

/** Optimal string alignment distance (Levenshtein with adjacent swaps), case-insensitive. */
function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
    }
  }
  return d[m][n];
}

/**
 * Words of option names that mean the same thing here, each group read as its first word: an
 * option named with another word of its group (`minRecords` for `minEvidence`, `fromDay`
 * for `sinceDay`) is the option meant, however far apart the spellings are.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['evidence', 'records', 'record', 'rows'],
  // Not 'start' (a fit's start values) nor 'window'/'horizon' (a look-back window is not a
  // forecast horizon): a synonym must never name another concept.
  ['since', 'from'],
  ['until', 'to', 'end'],
  ['severity', 'seriousness'],
  ['people', 'persons'],
];
const SYNONYM_OF = new Map(SYNONYMS.flatMap((g) => g.map((w) => [w, g[0]] as const)));

/** `name`'s words (camelCase, snake_case, kebab-case), lower case, each read as its group's word. */
function synonymKey(name: string): string {
  return name
    .split(/[\s_-]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter((w) => w !== '')
    .map((w) => {
      const lower = w.toLowerCase();
      return SYNONYM_OF.get(lower) ?? lower;
    })
    .join(' ');
}

/**
 * Other names of a value or option, keyed in lower case without separators (`kcore`, `k_core`
 * and `K-Core` all read `kcore`): `{ kcore: 'core_number' }`.
 * @internal
 */
export type NearNames = Readonly<Record<string, string>>;

/** `name` in lower case without separators ('PageRank', 'page_rank', 'page-rank': 'pagerank'). */
function squashed(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The candidate `name` names under another word: the one candidate whose words are `name`'s with
 * a near-synonym for one (`minRecords` for `minEvidence`), or the one `nearNames` gives for it
 * (`core` for `core_number`). `undefined` when none does, or `name` is a candidate (in any case).
 */
function nearSynonym(
  name: string,
  candidates: readonly string[],
  nearNames?: NearNames,
): string | undefined {
  const lower = name.toLowerCase();
  if (candidates.some((c) => c.toLowerCase() === lower)) return undefined;
  const named =
    nearNames && Object.hasOwn(nearNames, squashed(name)) ? nearNames[squashed(name)] : undefined;
  if (named !== undefined && candidates.includes(named)) return named;
  const key = synonymKey(name);
  const same = candidates.filter((c) => synonymKey(c) === key);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * The name in `candidates` that `name` most plausibly meant, for an "unknown option" message:
 * the one candidate whose words are `name`'s with a near-synonym for one (`minRecords` for
 * `minEvidence`, `windowDays` for `horizonDays`), else {@link closestName}'s. Only where no more
 * particular message exists: a caller that tells a misspelt name from another one (an exits
 * row's `until`, a date under another name) asks `closestName`, which knows no synonyms.
 * @internal
 */
export function closestOptionName(name: string, candidates: readonly string[]): string | undefined {
  return nearSynonym(name, candidates) ?? closestName(name, candidates);
}

/**
 * The candidate closest to `name` (case-insensitive edit distance, or one containing the other),
 * or `undefined` when none is close enough to be a plausible typo.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const lower = name.toLowerCase();
  const containment =
    lower.length >= 3 && (best.toLowerCase().includes(lower) || lower.includes(best.toLowerCase()));
  return bestD <= Math.max(2, Math.floor(best.length / 3)) || containment ? best : undefined;
}

/**
 * The id in `ids` that `id` most plausibly meant, for an "is not in the data" message: first the
 * same id with other leading zeros or in another letter case ('388' for '00000388', 'ab-12' for
 * 'AB-12'), then the closest by {@link closestName}. `undefined` when none is close.
 * @internal
 */
export function nearId(id: string, ids: Iterable<string>): string | undefined {
  const loose = (s: string) => s.toLowerCase().replace(/^0+(?=.)/, '');
  const want = loose(id);
  // Only ids within closestName's reach can be suggested: screened cheaply (a city's ids are many).
  const slack = Math.max(2, Math.floor((id.length + 2) / 3));
  const close: string[] = [];
  const lower = id.toLowerCase();
  const rows = [new Int32Array(id.length + slack + 1), new Int32Array(id.length + slack + 1)];
  for (const c of ids) {
    if (loose(c) === want) return c;
    if (Math.abs(c.length - id.length) <= slack && withinEdits(lower, c, slack, rows))
      close.push(c);
  }
  return closestName(id, close);
}

/**
 * Whether `a` (lower case) and `b` are at most `max` insertions, deletions or substitutions
 * apart (case-insensitive), stopping as soon as a row exceeds it.
 */
function withinEdits(a: string, b: string, max: number, rows: Int32Array[]): boolean {
  b = b.toLowerCase();
  let prev = rows[0];
  let cur = rows[1];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let low = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, sub);
      cur[j] = v;
      if (v < low) low = v;
    }
    if (low > max) return false;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] <= max;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'function') return 'a function';
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/**
 * Checks `options` of the public function `fn` against `rules` and returns them unchanged
 * (`{}` for `undefined`). An option set to `undefined` means "use the default" and is not checked.
 * `path` names a nested option object (`'plan'` for analyse's `plan`): messages then name each
 * option by its full path (`option 'plan.capacity'`).
 * @throws {OptionError} for a non-object, an unknown option (naming the closest valid one), or a
 * value its rule refuses.
 * @example
 * const o = checkOptions('pagerank', options, { alpha: rule.number({ above: 0, max: 1 }) });
 */
export function checkOptions<O extends object>(
  fn: string,
  options: O | undefined | null,
  rules: OptionRules<O>,
  path?: string,
): O {
  if (options === undefined || options === null) return {} as O;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new OptionError(
      fn,
      path ?? '',
      `${fn}: ${path ? `option '${path}'` : 'options'} must be an object, got ${show(options)}`,
    );
  }
  const valid = Object.keys(rules);
  for (const [key, value] of Object.entries(options)) {
    const check = (rules as Record<string, OptionRule | undefined>)[key];
    if (check === undefined || !Object.hasOwn(rules, key)) {
      const near = closestOptionName(key, valid);
      throw new OptionError(
        fn,
        at(key),
        `${fn}: unknown option '${at(key)}'.${near ? ` Did you mean '${at(near)}'?` : ''} ` +
          `Valid options${path ? ` of ${path}` : ''}: ${valid.length ? valid.join(', ') : '(none)'}.`,
      );
    }
    if (value === undefined) continue;
    const expected = check(value);
    if (expected !== undefined) {
      throw new OptionError(
        fn,
        at(key),
        `${fn}: option '${at(key)}' must be ${expected}, got ${show(value)}.`,
      );
    }
  }
  return options;
}
