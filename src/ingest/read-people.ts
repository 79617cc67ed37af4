/**
 * The people reader: ids present and unique, birth years plausible, group and dated group
 * memberships. People columns that are protected attributes (see `PROTECTED_ATTRIBUTES`) or
 * declared `auditOnly` go to `Person.audit` only; other extra columns to `Person.attributes`
 * (numbers where numeric); a protected-looking column read as an attribute because
 * `allowAttribute` names it is logged with a warning. Every row is accounted for in the table's
 * {@link RowLedger}.
 */
import { ProtectedAttributeError } from '../core/errors.js';
import { isProtectedAttribute, protectedMatch } from '../core/protected.js';
import { DAY_MS } from '../core/time.js';
import type { Person } from '../core/types.js';
import { RowLedger } from './accounting.js';
import {
  badIdReason,
  idText,
  isEmpty,
  numberMarkHint,
  show,
  surplusReason,
  text,
  toNumber,
} from './cells.js';
import { getter, PEOPLE_FIELDS, requireColumn, resolveColumns } from './columns.js';
import { badDate } from './dates.js';
import type { CanonicalField } from './options.js';
import type { ReadContext } from './read-context.js';
import { fromObjects, readSource, type SourceTable, type TableInput } from './source-table.js';
import { unnamedPadding } from './table-shape.js';

/** What the people reader found. */
export interface PeopleRead {
  src: SourceTable;
  ledger: RowLedger;
  /** The source column of each field. */
  columns: Partial<Record<CanonicalField, string>>;
  /** The accepted people, in input order (ids as read, not yet pseudonymised). */
  people: Person[];
  /** Columns carried only for audits (protected or declared `auditOnly`). */
  auditColumns: string[];
  /** Other columns, carried in `Person.attributes`. */
  attributeColumns: string[];
  /** Protected-looking columns read as attributes because `allowAttribute` names them. */
  allowedAttributes: { column: string; attribute: string }[];
  /** Plain-language warnings (the overrides used). */
  warnings: string[];
  /** The people rows rejected although their id was read: see {@link RejectedPeople}. */
  rejectedPeople: RejectedPeople;
}

/**
 * The people whose row was rejected for another cell than the id (a birth year or group date
 * that cannot be read): each id, as the dataset shows it (pseudonymised when ids are), to the
 * first such row (0-based) and its reason. These people are then not in the people table, for a
 * reason the warning about unlisted people names instead of blaming the ids.
 */
export type RejectedPeople = Map<string, { row: number; reason: string }>;

/** A date in a birth-year cell: `1990-05-04`, `04/05/1990`, `4.5.90`, `1990-05-04T00:00:00`. */
const FULL_DATE = /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[\sT]|$)/;

/** Reads and checks the people table (none: no people). */

export function readPeople(input: TableInput | undefined, ctx: ReadContext): PeopleRead {
  const o = ctx.o;
  const warnings: string[] = [];
  const peopleSrc = input === undefined ? fromObjects([]) : readSource(input, 'people');
  const ledger = new RowLedger('people', peopleSrc, o.strict);
  const isAudit = (c: string) => isProtectedAttribute(c, o.auditOnly, o.allowAttribute);
  for (const f of ['birth_year', 'group'] as const) {
    const mapped = o.mapping[f];
    if (mapped !== undefined && isAudit(mapped) && peopleSrc.columns.includes(mapped)) {
      throw new ProtectedAttributeError(mapped, `the '${f}' column`);
    }
  }
  const ppl = resolveColumns(peopleSrc, PEOPLE_FIELDS, o.mapping, isAudit);
  requireColumn('people', peopleSrc, ppl, 'person_id', o.mapping);
  const usedPeople = new Set(Object.values(ppl));
  const auditColumns = peopleSrc.columns.filter((c) => !usedPeople.has(c) && isAudit(c));
  // Not the padding of a trailing delimiter (columns without a name or values), nor one column
  // twice (a CSV header's unnamed columns are read as the first of them).
  const padding = peopleSrc.columns.includes('') && unnamedPadding(peopleSrc);
  const attributeColumns = [
    ...new Set(
      peopleSrc.columns.filter((c) => !usedPeople.has(c) && !isAudit(c) && !(padding && c === '')),
    ),
  ];
  // The data owner's overrides, logged: columns read as attributes although their names match.
  const allowedAttributes: { column: string; attribute: string }[] = [];
  for (const c of peopleSrc.columns) {
    const m = protectedMatch(c);
    if (m && !isAudit(c)) allowedAttributes.push({ column: c, attribute: m.attribute });
  }
  for (const a of allowedAttributes) {
    warnings.push(
      `people column '${a.column}' looks like a protected characteristic (${a.attribute}) but is read as an ` +
        'ordinary attribute, usable by models, because allowAttribute names it; every output made from ' +
        'these data says so',
    );
  }
  const nPeople = peopleSrc.length;
  const getPid = getter(peopleSrc, ppl.person_id)!;
  const getBirth = getter(peopleSrc, ppl.birth_year);
  const getGroup = getter(peopleSrc, ppl.group);
  // Dated memberships: the group holds in [group_since, group_until).
  const groupDates = (['group_since', 'group_until'] as const).map(
    (f) => [f, getter(peopleSrc, ppl[f])] as const,
  );
  const auditGetters = auditColumns.map((c) => [c, peopleSrc.column(c)] as const);
  const attrGetters = attributeColumns.map((c) => [c, peopleSrc.column(c)] as const);
  const nowYear = new Date(Math.floor(o.nowDay) * DAY_MS).getUTCFullYear();
  // The first row of each person id. While ids come in strictly ascending order (exports sorted
  // by id), each is new without a look-up; the first id that is not above the one before it
  // moves them all to the Map (as the incidents reader does).
  const personRow = new Map<string, number>();
  let ascending = true;
  let lastId = '';
  // The rows of the ids met while ascending: rows 0 … nAsc − 1 until a row is skipped (no id,
  // rejected), and this array is only made then (a million pushes otherwise).
  let ascRows: number[] | undefined;
  let nAsc = 0;
  // Made at full length and cut at the end (see read-incidents.ts).
  const people: Person[] = new Array(nPeople);
  let nOut = 0;
  // Birth years given as a full date: how many, and the first (row, text).
  let fullDates = 0;
  let fullDate: [number, string] | undefined;
  const rejectedPeople: RejectedPeople = new Map();
  // People listed on two rows that disagree about a value the analyses read: how many, and the
  // first, for a warning.
  let disagreeing = 0;
  let firstDisagreeing: string | undefined;
  // The columns two rows of one person are compared on (not the audit columns: their values are
  // never quoted), as written, trimmed; a number as its value (1990 and '1990.0' agree).
  const compared = [
    ...(getBirth ? [[ppl.birth_year!, getBirth] as const] : []),
    ...(getGroup ? [[ppl.group!, getGroup] as const] : []),
    ...groupDates.flatMap(([f, get]) => (get ? [[ppl[f]!, get] as const] : [])),
    ...attrGetters,
  ];
  const cell = (get: (i: number) => unknown, i: number) => {
    const raw = get(i);
    if (isEmpty(raw)) return '';
    const n = toNumber(raw);
    return n !== undefined ? String(n) : show(raw).trim();
  };
  /** `column: 'a' and 'b'` for each column rows `a` and `b` give different values, or undefined. */
  const disagreement = (a: number, b: number): string | undefined => {
    const out: string[] = [];
    for (const [c, get] of compared) {
      const x = cell(get, a);
      const y = cell(get, b);
      if (x !== y) out.push(`${c}: '${show(get(a)).trim()}' and '${show(get(b)).trim()}'`);
    }
    return out.length ? out.join('; ') : undefined;
  };
  const rejectPerson = (i: number, pid: string, field: string, value: string, reason: string) => {
    ledger.reject(i, field, value, reason);
    const shown = ctx.display(pid);
    if (!rejectedPeople.has(shown)) rejectedPeople.set(shown, { row: i, reason });
  };

  for (let i = 0; i < nPeople; i++) {
    if (peopleSrc.blank(i)) {
      ledger.skipBlank(i);
      continue;
    }
    const extra = peopleSrc.surplus?.(i);
    if (extra !== undefined) {
      // The person of a row with an unquoted comma is still named (when its id reads), so the
      // warning on people missing from the table counts them as rejected, not as unmatched ids.
      const shiftedPid = idText(getPid(i));
      if (shiftedPid) rejectPerson(i, shiftedPid, '', extra, surplusReason(peopleSrc, extra, i));
      else ledger.reject(i, '', extra, surplusReason(peopleSrc, extra, i));
      continue;
    }
    const rawPid = getPid(i);
    const pid = idText(rawPid);
    if (pid === undefined) {
      ledger.reject(i, 'person_id', ...badIdReason('person', rawPid, ctx.display));
      continue;
    }
    if (pid === '') {
      ledger.reject(i, 'person_id', '', 'person id is empty');
      continue;
    }
    if (ascending && (nAsc === 0 || pid > lastId)) {
      if (ascRows === undefined && nAsc !== i) {
        ascRows = [];
        for (let a = 0; a < nAsc; a++) ascRows.push(a);
      }
      if (ascRows) ascRows.push(i);
      nAsc++;
      lastId = pid;
    } else {
      if (ascending) {
        ascending = false;
        for (let a = 0; a < nAsc; a++) {
          const r = ascRows ? ascRows[a] : a;
          personRow.set(idText(getPid(r))!, r);
        }
        ascRows = undefined;
        nAsc = 0;
      }
      const first = personRow.get(pid);
      if (first !== undefined) {
        const shown = ctx.display(pid);
        // The first row may itself have been rejected (a birth year out of range): then neither
        // is kept, as for a repeated incident id, and the reason says so. Rows that disagree
        // (two birth years) say so: the first row's values are kept, and which is right cannot
        // be known from the table.
        const kept = ledger.isAccepted(first);
        const diff = kept ? disagreement(first, i) : undefined;
        if (diff !== undefined) {
          disagreeing++;
          firstDisagreeing ??= `'${shown}' (rows ${first + 1} and ${i + 1}: ${diff})`;
        }
        ledger.reject(
          i,
          'person_id',
          shown,
          `person '${shown}' is listed in rows ${first + 1} and ${i + 1}${diff === undefined ? '' : `, which disagree about ${diff}`}; ${kept ? `only row ${first + 1} is kept${diff === undefined ? '' : ' (which is right cannot be known: correct the record at source)'}` : `row ${first + 1} was rejected (${ledger.reason(first)}), and so is this one`}`,
        );
        continue;
      }
      personRow.set(pid, i);
    }
    let birthYear: number | undefined;
    if (getBirth) {
      const raw = getBirth(i);
      if (!isEmpty(raw)) {
        const y = toNumber(raw);
        // A full date of birth: the person is kept, without a birth year (counted in a warning).
        const isDate = raw instanceof Date && !Number.isNaN(raw.getTime());
        if (y === undefined && (isDate || FULL_DATE.test(show(raw)))) {
          fullDates++;
          fullDate ??= [i, isDate ? (raw as Date).toISOString().slice(0, 10) : show(raw).trim()];
        } else if (y === undefined || !Number.isInteger(y) || y < 1880 || y > nowYear) {
          rejectPerson(
            i,
            pid,
            'birth_year',
            show(raw),
            `birth year '${show(raw)}' is not a year from 1880 to ${nowYear}${y === undefined ? numberMarkHint(show(raw).trim(), (x) => Number.isInteger(x) && x >= 1880 && x <= nowYear, `a year from 1880 to ${nowYear}`) : ''}`,
          );
          continue;
        } else birthYear = y;
      }
    }
    const g = getGroup ? text(getGroup(i)) : '';
    // One object literal per combination of birth year and group (keys in the order of adding
    // them one by one), so that the common records get their fields at once.
    const person: Person =
      birthYear === undefined
        ? g === ''
          ? { person_id: pid }
          : { person_id: pid, group: g }
        : g === ''
          ? { person_id: pid, birth_year: birthYear }
          : { person_id: pid, birth_year: birthYear, group: g };
    let dateRefused = false;
    for (const [f, get] of groupDates) {
      const raw = get?.(i);
      if (raw === undefined || isEmpty(raw)) continue;
      const parsed = ctx.readDate(raw);
      if (parsed === undefined) {
        // With the accepted forms (or the dateFormat to set), as an incident's date error says.
        const [, value, reason] = badDate(show(raw).trim(), o.dateFormat, f);
        rejectPerson(i, pid, f, value, reason);
        dateRefused = true;
        break;
      }
      person[f] = parsed.date;
    }
    if (dateRefused) continue;
    let audit: Record<string, string> | undefined;
    for (const [c, get] of auditGetters) {
      const v = text(get(i));
      if (v !== '') (audit ??= {})[c] = v;
    }
    if (audit) person.audit = audit;
    let attributes: Record<string, string | number> | undefined;
    for (const [c, get] of attrGetters) {
      const raw = get(i);
      if (isEmpty(raw)) continue;
      const n = toNumber(raw);
      (attributes ??= {})[c] = n !== undefined ? n : show(raw).trim();
    }
    if (attributes) person.attributes = attributes;
    ledger.accept(i);
    people[nOut++] = person;
  }
  people.length = nOut;
  if (firstDisagreeing !== undefined) {
    warnings.push(
      `people: ${disagreeing === 1 ? '1 person is' : `${disagreeing} people are`} listed on two rows that disagree (${firstDisagreeing}${disagreeing > 1 ? ', …' : ''}); the first row of each is kept, which may be the wrong one: correct the records at source (see the rejected rows)`,
    );
  }
  if (fullDate) {
    warnings.push(
      `people: ${fullDates} ${ppl.birth_year} cell${fullDates > 1 ? 's hold' : ' holds'} a full date, not a year ` +
        `(row ${fullDate[0] + 1}: '${fullDate[1]}'), read as no birth year (the people are kept): give the year only`,
    );
  }

  return {
    src: peopleSrc,
    ledger,
    columns: ppl,
    people,
    auditColumns,
    attributeColumns,
    allowedAttributes,
    warnings,
    rejectedPeople,
  };
}
