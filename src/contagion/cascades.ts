import { type ColumnTable, table } from 'arquero';
import { DirectedGraph } from 'graphology';
import { InputError } from '../core/errors.js';
import { describeInput } from '../core/guards.js';
import { checkOptions, closestName, rule } from '../core/options.js';
import { toDay } from '../core/time.js';
import { addEdgeWithFreeKey, refuseGraphologyKeys } from '../graph/graphology-keys.js';

/** The fields of a link that {@link cascades} reads (a row of the `retaliations` table). */
export interface CascadeLinkInput {
  from_incident: string;
  to_incident: string;
  /** ISO dates of the two incidents. */
  from_date: string;
  to_date: string;
  severity_from: number;
  severity_to: number;
  /** `'direct'` or `'proxy'` (anything else is an `InputError`). Default `'proxy'`. */
  kind?: string;
  /**
   * Ids of the people of both incidents, or text as a saved CSV reads back: `'P1;P2'` (the
   * library's writer: when any people or groups cell holds a `;`, every cell is split at `;`
   * only, so `'Smith,J'` is one id) or, when none does, `'P1,P2'` (arquero's `toCSV` of an
   * array), split at each comma not followed by a space (`'Smith, J,P2'` is `'Smith, J'` and
   * `'P2'`). Default none.
   */
  people?: readonly string[];
  /** Known groups of those people (or text, `'G1;G2'` or `'G1,G2'`, as `people`). Default none. */
  groups?: readonly string[];
}

/** Options of {@link cascades}. */
export interface CascadeOptions {
  /** Keep only cascades with at least this many incidents. Default 2 (every linked pair). */
  minSize?: number;
}

const DEFAULTS = { minSize: 2 } as const;

/** Node attributes of the cascade graph (one node per incident). */
export interface CascadeNodeAttributes {
  /** ISO date of the incident. */
  date: string;
  severity: number;
  /** The cascade the incident belongs to. */
  cascade_id: number;
  /** Position of the incident in its cascade's time order (0 = root). */
  order: number;
  /** Links on the longest chain from a root of the cascade to this incident. */
  depth: number;
}

/** Edge attributes of the cascade graph (one edge per link, earlier → later incident). */
export interface CascadeEdgeAttributes {
  lag_days: number;
  kind: string;
  severity_change: number;
}

/**
 * One row of the {@link cascades} table, one per cascade, as
 * `cascades(links).table.objects() as CascadeRow[]` reads it.
 */
export interface CascadeRow {
  /** 1, 2, … in the time order of the root incidents. */
  cascade_id: number;
  /** Incidents in the cascade. */
  size: number;
  /** Links in the cascade. */
  links: number;
  /** Of them, `'direct'` links. */
  direct_links: number;
  /** The earliest incident. */
  root_incident: string;
  /** ISO date of the earliest incident. */
  first_date: string;
  /** ISO date of the latest incident. */
  last_date: string;
  /** Days from `first_date` to `last_date`. */
  span_days: number;
  /** Links on the longest chain. */
  depth: number;
  /** The largest severity rise (0–4 scale) from an incident to any later incident it leads to along links; negative when severity only falls. */
  max_escalation: number;
  /** Median days to retaliation over the links. */
  median_lag_days: number;
  /** Ids of everyone involved, sorted. */
  people: string[];
  /** Their known groups, sorted; empty when none is known. */
  groups: string[];
  /** The incident ids in time order. */
  events: string[];
}

/** Result of {@link cascades}. */
export interface Cascades {
  /** One row per cascade (see {@link cascades} for the columns): {@link CascadeRow}. */
  table: ColumnTable;
  /**
   * The cascades as one directed acyclic graph for drawing: incidents and links. Built when
   * first read; an incident id graphology cannot hold as a node key (`constructor`, `toString`,
   * … the names of `Object.prototype`) is refused then, with an `InputError`.
   */
  graph: DirectedGraph<CascadeNodeAttributes, CascadeEdgeAttributes>;
}

/**
 * Groups retaliation links into cascades: the connected sets of incidents joined by links
 * (chains, trees or DAGs, since one incident may answer several and be answered by several).
 *
 * Columns, one row per cascade, ordered by the time of the root incident:
 * - `cascade_id` (1, 2, …), `size` (incidents), `links`, `direct_links`;
 * - `root_incident`: the earliest incident; `first_date`, `last_date`, `span_days` (last − first);
 * - `depth`: links on the longest chain;
 * - `max_escalation`: the largest severity rise from an incident to any later incident it leads
 *   to along links (negative when severity only falls);
 * - `median_lag_days`: median time to retaliation over the links;
 * - `people`, `groups`: ids and known groups of everyone involved (sorted);
 * - `events`: the incident ids in time order (by date; incidents of one day whose order the
 *   dates cannot tell follow the links, then their first appearance in `links` — ids never
 *   order anything).
 *
 * Links must run forward in time (`from` dated before `to`, or on the same day, as a
 * `same_day` link of `retaliations(data, { sameDay: true })` is); a link that does not, or
 * links that form a cycle, are an `InputError` naming a link, so a cycle can never enter (as are
 * a date that is not one and an incident two links date differently). A link given twice is
 * kept once.
 *
 * @example
 * const { table, graph } = cascades(retaliations(data, { asOf: '2024-01-01' }));
 * table.orderby(aq.desc('size')).print();
 */
export function cascades(
  links: ColumnTable | readonly CascadeLinkInput[],
  options: CascadeOptions = {},
): Cascades {
  options = checkOptions('cascades', options, { minSize: rule.number({ min: 1, integer: true }) });
  const minSize = options.minSize ?? DEFAULTS.minSize;
  const rows = readLinks(links);

  // Incidents, numbered in time order (date, then same-day links, then first appearance; never by id).
  const info = new Map<string, { day: number; date: string; severity: number }>();
  const note = (id: string, date: string, severity: number, row: number, end: 'from' | 'to') => {
    if (typeof id !== 'string' || id === '')
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: ${end}_incident is ${id === '' ? 'empty' : `${String(id)} (${typeof id})`}; expected an incident id (text or a number)`,
      );
    if (!(Number.isInteger(severity) && severity >= 0 && severity <= 4))
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: severity_${end} of ${id} is ${typeof severity === 'string' ? `'${severity}' (text)` : String(severity)}; expected a severity from 0 to 4`,
      );
    // A missing date (an array link without from_date) read `undefined.trim()`: a TypeError
    // from inside toDay, naming nothing.
    const day =
      typeof date === 'string' || typeof date === 'number' || (date as unknown) instanceof Date
        ? toDay(date)
        : Number.NaN;
    if (Number.isNaN(day))
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: ${end}_date of incident ${id} is ${date === undefined ? 'missing' : typeof date === 'string' ? `'${date}'` : String(date)}, not a valid date; expected an ISO date (YYYY-MM-DD, or a date-time), a Date, or days since 1970-01-01`,
      );
    const had = info.get(id);
    if (had && (had.day !== day || had.severity !== severity))
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: incident ${id} is dated ${date} with severity ${severity} here but ${had.date} with severity ${had.severity} in an earlier link; expected one date and severity per incident, as the links of one retaliations table have`,
      );
    if (!had) info.set(id, { day, date, severity });
  };
  rows.forEach((l, r) => {
    note(l.from_incident, l.from_date, l.severity_from, r, 'from');
    note(l.to_incident, l.to_date, l.severity_to, r, 'to');
    // Any other kind ('Direct', 'D', a typo) was counted as a proxy link without a word.
    const k = l.kind as unknown;
    if (k !== undefined && k !== null && k !== '' && k !== 'direct' && k !== 'proxy')
      throw new InputError(
        'cascades',
        `cascades: link ${r + 1} (${l.from_incident} → ${l.to_incident}): kind is ${typeof k === 'string' ? `'${k}'` : String(k)}; expected 'direct' or 'proxy' (as retaliations writes it), or none for 'proxy'`,
      );
  });
  const ids = timeOrder(info, rows);
  const num = new Map<string, number>(ids.map((id, i) => [id, i]));
  const n = ids.length;

  // Links, once each, always forward in time.
  const seen = new Set<string>();
  const kept: { from: number; to: number; row: number }[] = [];
  rows.forEach((l, r) => {
    const from = num.get(l.from_incident)!;
    const to = num.get(l.to_incident)!;
    if (from >= to || info.get(l.from_incident)!.day > info.get(l.to_incident)!.day)
      throw new InputError(
        'cascades',
        `cascades: link ${r + 1} (${l.from_incident} → ${l.to_incident}) ${
          info.get(l.from_incident)!.day > info.get(l.to_incident)!.day
            ? `runs backwards in time: from_date ${l.from_date} is after to_date ${l.to_date}`
            : from === to
              ? 'does not run forward in time: it links an incident to itself'
              : `does not run forward in time (or the links form a cycle) among incidents dated ${l.from_date}`
        }; expected each link to run from an incident to a later one, or to one the same day, without cycles, as retaliations writes them`,
      );
    const key = `${from} ${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    kept.push({ from, to, row: r });
  });
  kept.sort((x, y) => x.to - y.to || x.from - y.from);

  // Components (union–find), then per incident its longest chain and lowest earlier severity.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const l of kept) {
    const a = find(l.from);
    const b = find(l.to);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); // the root is the earliest incident
  }
  const severity = ids.map((id) => info.get(id)!.severity);
  const depth = new Int32Array(n);
  const lowest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const l of kept) {
    // `kept` is sorted by target, and every source is earlier, so sources are final here.
    depth[l.to] = Math.max(depth[l.to], depth[l.from] + 1);
    lowest[l.to] = Math.min(lowest[l.to], lowest[l.from], severity[l.from]);
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = find(i);
    let list = members.get(c);
    if (!list) members.set(c, (list = []));
    list.push(i);
  }
  const linksOf = new Map<number, typeof kept>();
  for (const l of kept) {
    const c = find(l.from);
    let list = linksOf.get(c);
    if (!list) linksOf.set(c, (list = []));
    list.push(l);
  }

  const roots = [...members.keys()]
    .filter((c) => members.get(c)!.length >= minSize)
    .sort((a, b) => a - b);
  const cascadeOf = new Int32Array(n).fill(0);
  const cols = {
    cascade_id: [] as number[],
    size: [] as number[],
    links: [] as number[],
    direct_links: [] as number[],
    root_incident: [] as string[],
    first_date: [] as string[],
    last_date: [] as string[],
    span_days: [] as number[],
    depth: [] as number[],
    max_escalation: [] as number[],
    median_lag_days: [] as number[],
    people: [] as string[][],
    groups: [] as string[][],
    events: [] as string[][],
  };
  roots.forEach((c, i) => {
    const id = i + 1;
    const events = members.get(c)!; // ascending = time order
    const ls = linksOf.get(c) ?? [];
    for (const e of events) cascadeOf[e] = id;
    const first = info.get(ids[events[0]])!;
    const last = info.get(ids[events[events.length - 1]])!;
    const people = new Set<string>();
    const groups = new Set<string>();
    let direct = 0;
    const lags: number[] = [];
    let escalation = Number.NEGATIVE_INFINITY;
    let longest = 0;
    for (const l of ls) {
      const row = rows[l.row];
      for (const p of row.people ?? []) people.add(p);
      for (const g of row.groups ?? []) groups.add(g);
      if (row.kind === 'direct') direct++;
      lags.push(info.get(ids[l.to])!.day - info.get(ids[l.from])!.day);
    }
    for (const e of events) {
      if (Number.isFinite(lowest[e])) escalation = Math.max(escalation, severity[e] - lowest[e]);
      longest = Math.max(longest, depth[e]);
    }
    cols.cascade_id.push(id);
    cols.size.push(events.length);
    cols.links.push(ls.length);
    cols.direct_links.push(direct);
    cols.root_incident.push(ids[events[0]]);
    cols.first_date.push(first.date);
    cols.last_date.push(last.date);
    cols.span_days.push(last.day - first.day);
    cols.depth.push(longest);
    cols.max_escalation.push(escalation);
    cols.median_lag_days.push(median(lags));
    cols.people.push([...people].sort());
    cols.groups.push([...groups].sort());
    cols.events.push(events.map((e) => ids[e]));
  });

  // The graph is built when first read: a table-only caller (analyse, the CLI) never needs it,
  // nor meets its refusal of ids graphology cannot hold.
  const build = () => {
    refuseGraphologyKeys(
      'cascades',
      'incident ids',
      ids.filter((_, i) => cascadeOf[i]),
    );
    const graph = new DirectedGraph<CascadeNodeAttributes, CascadeEdgeAttributes>();
    graph.setAttribute('kind', 'retaliation-cascades');
    const position = new Int32Array(n);
    for (const c of roots) {
      const events = members.get(c)!;
      for (let k = 0; k < events.length; k++) position[events[k]] = k;
    }
    for (let i = 0; i < n; i++) {
      if (!cascadeOf[i]) continue;
      const x = info.get(ids[i])!;
      graph.addNode(ids[i], {
        date: x.date,
        severity: x.severity,
        cascade_id: cascadeOf[i],
        order: position[i],
        depth: depth[i],
      });
    }
    for (const l of [...kept].sort((x, y) => x.from - y.from || x.to - y.to)) {
      if (!cascadeOf[l.from]) continue;
      const row = rows[l.row];
      addEdgeWithFreeKey(
        graph,
        `${ids[l.from]}->${ids[l.to]}`,
        ids[l.from],
        ids[l.to],
        {
          lag_days: info.get(ids[l.to])!.day - info.get(ids[l.from])!.day,
          kind: row.kind ?? 'proxy',
          severity_change: severity[l.to] - severity[l.from],
        },
        true,
      );
    }
    return graph;
  };
  let graph: DirectedGraph<CascadeNodeAttributes, CascadeEdgeAttributes> | undefined;
  return {
    table: table(cols),
    get graph() {
      graph ??= build();
      return graph;
    },
  };
}

/**
 * Incident ids in time order: by day, then (for a same-day link, whose order the dates cannot
 * tell) after their antecedents, then in order of first appearance in the links. Ids never
 * decide the order.
 */
function timeOrder(
  info: ReadonlyMap<string, { day: number }>,
  rows: readonly CascadeLinkInput[],
): string[] {
  const ids = [...info.keys()];
  const day = (id: string) => info.get(id)!.day;
  ids.sort((a, b) => Math.floor(day(a)) - Math.floor(day(b)) || day(a) - day(b));
  // Links inside one calendar day (their dates may not order them) sort their day topologically.
  const sameDay = new Map<string, string[]>();
  for (const l of rows) {
    if (Math.floor(day(l.from_incident)) !== Math.floor(day(l.to_incident))) continue;
    const list = sameDay.get(l.from_incident);
    if (list) list.push(l.to_incident);
    else sameDay.set(l.from_incident, [l.to_incident]);
  }
  if (sameDay.size === 0) return ids;
  const out: string[] = [];
  for (let lo = 0; lo < ids.length; ) {
    let hi = lo + 1;
    while (hi < ids.length && Math.floor(day(ids[hi])) === Math.floor(day(ids[lo]))) hi++;
    const group = ids.slice(lo, hi);
    const inGroup = new Set(group);
    const indegree = new Map<string, number>(group.map((id) => [id, 0]));
    for (const id of group)
      for (const t of sameDay.get(id) ?? [])
        if (inGroup.has(t)) indegree.set(t, indegree.get(t)! + 1);
    const done = new Set<string>();
    while (done.size < group.length) {
      // The first (by time, then appearance) incident with no pending antecedent of its day.
      const next = group.find((id) => !done.has(id) && indegree.get(id) === 0);
      if (next === undefined) {
        // A cycle: leave the rest in day order, so the forward check names a link of it.
        for (const id of group) if (!done.has(id)) out.push(id);
        done.clear();
        break;
      }
      done.add(next);
      out.push(next);
      for (const t of sameDay.get(next) ?? [])
        if (inGroup.has(t)) indegree.set(t, indegree.get(t)! - 1);
    }
    lo = hi;
  }
  return out;
}

/** The default of each option. */
cascades.defaults = DEFAULTS;

function readLinks(links: ColumnTable | readonly CascadeLinkInput[]): CascadeLinkInput[] {
  if (Array.isArray(links)) return readAll(links as CascadeLinkInput[]);
  if (typeof (links as { columnNames?: unknown } | null)?.columnNames !== 'function')
    throw new InputError(
      'cascades',
      `cascades: expected retaliation links (the table from retaliations, or an array of links), got ${describeInput(links)}.${typeof links === 'object' && links !== null && 'incidents' in links ? ' Find the links first: cascades(retaliations(data)).' : ''}`,
    );
  const t = links as ColumnTable;
  for (const name of [
    'from_incident',
    'to_incident',
    'from_date',
    'to_date',
    'severity_from',
    'severity_to',
  ]) {
    if (!t.columnNames().includes(name)) {
      const near = closestName(name, t.columnNames());
      throw new InputError(
        'cascades',
        `cascades: the links table has no '${name}' column${near ? ` (is '${near}' it?)` : ''}; expected the columns retaliations writes: from_incident, to_incident, from_date, to_date, severity_from and severity_to`,
      );
    }
  }
  return readAll(t.objects() as unknown as CascadeLinkInput[]);
}

/**
 * The links as read ({@link asRead}). Lists read back as text are split at ';' in every cell when
 * any people or groups cell holds one: the library's writer wrote the file, and a cell without
 * ';' is one id ('Smith,J', a link of one person). Otherwise at each ',' not followed by a space
 * (arquero's `toCSV` joins an array with ',' alone, so 'Smith, J,P2' is 'Smith, J' and 'P2').
 */
function readAll(rows: readonly CascadeLinkInput[]): CascadeLinkInput[] {
  const semi = (v: unknown) => typeof v === 'string' && v.includes(';');
  const library = rows.some((l) => semi(l.people) || semi(l.groups));
  return rows.map((l, row) => asRead(l, row, library));
}

/**
 * A link as a saved links file reads back (arquero's CSV reader makes `101` a number and
 * `2023-01-05` a Date, a text export `'3'` text): ids that are numbers as their text, dates as ISO
 * text, severities written as numbers as numbers, `people` and `groups` written as text
 * (`'P1;P2'`, as `toCsv` and the CLI write lists; `'P1,P2'` without a `;`, as arquero's `toCSV`
 * writes an array) as their ids.
 */
function asRead(l: CascadeLinkInput, row: number, library: boolean): CascadeLinkInput {
  // A whole number above 2^53 − 1 was rounded when read (…001 and …003 both …000): distinct
  // incidents would be one, so it is refused (as ingest refuses such ids).
  const id = (v: unknown, end: 'from' | 'to') => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return v;
    if (Number.isInteger(v) && !Number.isSafeInteger(v))
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: ${end}_incident is the number ${String(v)}, too large to be exact (above 2^53 − 1), so distinct incident ids may already be one; read the id columns as text, e.g. aq.loadCSV(file, { parse: { from_incident: String, to_incident: String } })`,
      );
    return String(v);
  };
  // A list read back as text, as the library's CSV writer writes lists ('P1;P2') or arquero's
  // `toCSV` writes an array ('P1,P2': read as one id, it merged people), or a one-id list typed
  // as a number: its ids (a text was read a character at a time: 'P', '1', ';', …). In a file
  // the library wrote (`library`: a cell holds a ';'), or text with a ';', split there only, so
  // an id holding a comma survives ('Smith,J' of a one-person link was two people, 'J' and
  // 'Smith'); else at a ',' not followed by a space, as arquero writes an array's items.
  const list = (v: unknown) =>
    typeof v === 'string'
      ? v
          .split(library || v.includes(';') ? ';' : /,(?!\s)/)
          .map((x) => x.trim())
          .filter((x) => x !== '')
      : typeof v === 'number' && Number.isFinite(v)
        ? [String(v)]
        : v;
  const sev = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  // A date the reader typed as a Date: its ISO text (the date alone at midnight UTC).
  // A date-time typed as a Date off UTC is refused: a reader that takes text without a zone as
  // local time (arquero's) moved it by the machine's zone, one with a zone did not, and which
  // cannot be told ('2023-01-05T22:30:00' read in Chicago is 2023-01-06T04:30Z, another day).
  const date = (v: unknown, end: 'from' | 'to') => {
    if (!(v instanceof Date && Number.isFinite(v.getTime()))) return v;
    const iso = v.toISOString();
    if (!iso.endsWith('T00:00:00.000Z') && v.getTimezoneOffset() !== 0)
      throw new InputError(
        'cascades',
        `cascades: link ${row + 1}: ${end}_date was read as a Date with a time of day, ${iso}, which a reader may have moved by this machine's time zone; read the date columns as text, e.g. aq.loadCSV(file, { parse: { from_date: String, to_date: String } })`,
      );
    return iso.replace(/T00:00:00\.000Z$/, '');
  };
  return {
    ...l,
    from_date: date(l.from_date, 'from') as string,
    to_date: date(l.to_date, 'to') as string,
    from_incident: id(l.from_incident, 'from') as string,
    to_incident: id(l.to_incident, 'to') as string,
    severity_from: sev(l.severity_from) as number,
    severity_to: sev(l.severity_to) as number,
    people: list(l.people) as string[] | undefined,
    groups: list(l.groups) as string[] | undefined,
  };
}

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
