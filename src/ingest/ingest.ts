import { ProtectedAttributeError } from '../core/errors.js';
import { isProtectedAttribute, protectedMatch } from '../core/protected.js';
import { DAY_MS, dayToIso } from '../core/time.js';
import type {
  Dataset,
  Incident,
  Involvement,
  Person,
  Role,
  Severity,
  Weapon,
} from '../core/types.js';
import { RowLedger } from './accounting.js';
import {
  coordinate,
  idText,
  isEmpty,
  NUMERIC,
  show,
  surplusReason,
  text,
  toNumber,
  weaponKey,
} from './cells.js';
import { ingestColumns, isColumnarInput } from './column-ingest.js';
import { type Getter, getter, PEOPLE_FIELDS, requireColumn, resolveColumns } from './columns.js';
import { dateReader, looksSlashed, type ParsedDate, parseTime, withTimeOfDay } from './dates.js';
import { IngestError } from './ingest-error.js';
import type { IngestInput, IngestResult, IngestSummary, TableCounts } from './ingest-types.js';
import { MissingColumnError } from './missing-column-error.js';

export type { IngestInput, IngestResult, IngestSummary, TableCounts };

import {
  type CanonicalField,
  INCIDENT_FIELDS,
  INGEST_DEFAULTS,
  INVOLVEMENT_FIELDS,
  type IngestOptions,
  type ResolvedIngestOptions,
  resolveIngestOptions,
} from './options.js';
import { pseudonymiser } from './pseudonymise.js';
import { roleKey, roleLookup } from './roles.js';
import { severityDeriver } from './severity.js';
import {
  fromObjects,
  parseJsonText,
  readSource,
  type SourceTable,
  type TableName,
} from './source-table.js';
import { DEFAULT_WEAPON_SYNONYMS } from './weapons.js';

/**
 * Reads incident records into the canonical {@link Dataset}, checking every row. Rows with a
 * problem are rejected (not used) and listed in `rejected` with their table, 1-based row
 * number, field, value and a reason a person can act on; `summary` accounts for every row
 * (`accepted + rejected === read` per table). With `strict: true` the first problem throws a
 * `ValidationError` instead. A table that lacks a required column throws a
 * {@link MissingColumnError} in every mode, since none of its rows could be read.
 *
 * Checks: no CSV line with more cells than its header (an unquoted comma); incident ids present
 * and unique (a duplicate names both rows), real and not future dates
 * (`date '31/02/2021' is not a valid date`), severity a whole number 0–4 or
 * derivable from the offence, lat/lon in range; involvements pointing at a known, accepted
 * incident, non-empty person ids, known roles (synonyms mapped), no person twice in one incident;
 * people ids present and unique, birth years plausible. People columns that are protected
 * attributes (see `PROTECTED_ATTRIBUTES`) or declared `auditOnly` go to `Person.audit` only;
 * other extra people columns to `Person.attributes`.
 *
 * @example
 * const { data, rejected, summary } = ingest(
 *   { incidents: incidentsCsv, involvements: nominalsCsv },
 *   {
 *     mapping: { incident_id: 'URN', date: 'OffenceDate', person_id: 'NominalID', role: 'InvolvementType' },
 *     dateFormat: 'dmy',
 *     now: '2025-01-01',
 *   },
 * );
 * console.log(summary.totals, problemsTable(rejected).toMarkdown());
 */
export function ingest(input: IngestInput, options: IngestOptions = {}): IngestResult {
  if (
    typeof input !== 'object' ||
    input === null ||
    (input.incidents === undefined && input.involvements === undefined)
  ) {
    throw new TypeError(
      'ingest(input) needs { incidents, involvements?, people? } (or nested incidents with a people list, or a flat table as { involvements })',
    );
  }
  const opts = resolveIngestOptions(options);
  // Arrow and arquero (Parquet) tables are validated column by column, with the same result.
  if (isColumnarInput(input)) {
    return ingestColumns(input, opts, (people) =>
      new Ingest(opts).run({ incidents: [], involvements: [], people }),
    );
  }
  return new Ingest(opts).run(input);
}

/**
 * {@link ingest} by the row path only, whatever the input (columnar input included): the
 * reference the columnar path is tested against. Not part of the public API.
 */
export function ingestRows(input: IngestInput, options: IngestOptions = {}): IngestResult {
  return new Ingest(resolveIngestOptions(options)).run(input);
}
/** The defaults of {@link ingest}'s options (graphology's `fn.defaults` convention). */
ingest.defaults = INGEST_DEFAULTS;

/** Incidents with more rows than this get a Map for the same-person check (see below). */
const BIG_INCIDENT = 16;

class Ingest {
  private readonly o: ResolvedIngestOptions;
  private readonly display: (id: string) => string;
  private severityDerived = 0;
  /** Whether the last incident read by `readIncident` had its severity derived. */
  private lastDerived = false;
  /** The date reader of the run's `dateFormat` and `timeZone`. */
  private readDate: (value: unknown) => ParsedDate | undefined = () => undefined;

  constructor(o: ResolvedIngestOptions) {
    this.o = o;
    this.display = o.pseudonymKey === undefined ? (id) => id : pseudonymiser(o.pseudonymKey);
  }

  run(input: IngestInput): IngestResult {
    const o = this.o;
    // Flat form: the incidents are the distinct incident ids of the involvement rows.
    const flat = input.incidents === undefined;
    const flatSrc = flat ? readSource(input.involvements!, 'involvements') : undefined;
    const flatInc = flatSrc ? flatIncidents(flatSrc, o.mapping) : undefined;
    const incSrc = flatInc ? flatInc.table : readSource(input.incidents!, 'incidents');
    const incLedger = new RowLedger('incidents', incSrc, o.strict);
    /** How an involvement's rejection names its incident's row. */
    const incRef = (j: number) =>
      flat
        ? incSrc.line
          ? `its first row on line ${incSrc.line(j)}`
          : 'its rows'
        : `incidents row ${j + 1}`;

    // ---- incidents -------------------------------------------------------------------------
    // Nested form only without an involvements table: with one, a column that happens to be
    // called `people` (a head count, say) is just another ignored column.
    const nested =
      input.involvements === undefined &&
      resolveColumns(incSrc, [...INCIDENT_FIELDS, 'people'], o.mapping).people !== undefined;
    if (!flat && !nested && input.involvements === undefined) {
      const who = resolveColumns(incSrc, ['incident_id', 'person_id', 'role'], o.mapping);
      if (who.person_id !== undefined && who.role !== undefined) {
        throw new IngestError(
          'flat-table',
          'incidents',
          `incidents has person columns (${who.person_id}, ${who.role}): it looks like a flat table, one row per person per incident. ` +
            'Pass it as ingest({ involvements: rows }) (on the command line: --involvements <file> without --incidents): the incident columns are read from its rows and checked to agree within each incident. ' +
            'Or split it: an incidents table with one row per incident (incident_id, date, offence or severity, …) and an involvements table (incident_id, person_id, role).',
        );
      }
    }
    const inc = resolveColumns(
      incSrc,
      nested ? [...INCIDENT_FIELDS, 'time', 'people'] : [...INCIDENT_FIELDS, 'time'],
      o.mapping,
    ) as Partial<Record<CanonicalField, string>>;
    requireColumn('incidents', incSrc, inc, 'incident_id', o.mapping);
    requireColumn('incidents', incSrc, inc, 'date', o.mapping);
    if (inc.severity === undefined && inc.offence === undefined && incSrc.length > 0) {
      throw new MissingColumnError(
        'incidents',
        'severity',
        incSrc.columns,
        o.mapping.severity,
        ` and no 'offence' column to derive it from (mapping.offence)`,
      );
    }

    const nInc = incSrc.length;
    const getId = getter(incSrc, inc.incident_id)!;
    const getDate = getter(incSrc, inc.date)!;
    const getTime = getter(incSrc, inc.time);
    this.readDate = dateReader(o.dateFormat, o.timeZone);
    const getSeverity = getter(incSrc, inc.severity);
    const getOffence = getter(incSrc, inc.offence);
    const getWeapon = getter(incSrc, inc.weapon);
    const getArea = getter(incSrc, inc.area);
    const getLat = getter(incSrc, inc.lat);
    const getLon = getter(incSrc, inc.lon);
    const getPeople = nested ? getter(incSrc, inc.people) : undefined;

    const deriveSeverity = severityDeriver(o.severityMap, o.severityRules);
    const weapons = new Map<string, Weapon>();
    for (const [k, v] of Object.entries(DEFAULT_WEAPON_SYNONYMS)) weapons.set(weaponKey(k), v);
    for (const [k, v] of Object.entries(o.weaponSynonyms)) weapons.set(weaponKey(k), v);
    const weaponsReadAsOther: Record<string, number> = {};
    const dateCache = new Map<string, ParsedDate | null>();
    const nowIso = Number.isInteger(o.nowDay)
      ? dayToIso(o.nowDay)
      : new Date(Math.floor(o.nowDay * DAY_MS)).toISOString();

    /** Incident row of each id (first row wins; later rows with the id are duplicates). */
    const incRowById = new Map<string, number>();
    let repeatedIds = false;
    const incOut: Incident[] = [];
    const incIdByRow: string[] = nested ? new Array(nInc) : [];
    // Nested form: the people entries read, with the incident row each came from.
    const entries: unknown[] = [];
    const entryParent: number[] = [];

    for (let i = 0; i < nInc; i++) {
      if (incSrc.blank(i)) {
        incLedger.skipBlank(i);
        continue;
      }
      let fail: [string, string, string] | undefined; // field, value, reason
      let incident: Incident | undefined;
      let derived = false;
      const extra = incSrc.surplus?.(i);
      // Cells past the header shift the others, so this reason comes before any field's.
      const surplus: [string, string, string] | undefined =
        extra === undefined ? undefined : ['', extra, surplusReason(incSrc, extra)];
      const rawId = getId(i);
      const id = idText(rawId);
      if (nested) incIdByRow[i] = id ?? '';
      if (id === undefined) {
        fail = ['incident_id', show(rawId), `incident id ${show(rawId)} is not text or a number`];
      } else if (id === '') {
        fail = ['incident_id', '', 'incident id is empty'];
      } else {
        // One Map operation per row while ids are unique (the usual case): set, and a Map that
        // did not grow means a repeated id, whose first row is then found once; from there on,
        // look up before setting.
        let first: number | undefined;
        if (repeatedIds) first = incRowById.get(id);
        else {
          const size = incRowById.size;
          incRowById.set(id, i);
          if (incRowById.size === size) {
            repeatedIds = true;
            for (let r = 0; r < i && first === undefined; r++)
              if (!incSrc.blank(r) && idText(getId(r)) === id) first = r;
            incRowById.set(id, first!);
          }
        }
        if (first !== undefined) {
          fail = [
            'incident_id',
            id,
            `incident id '${id}' is used by rows ${first + 1} and ${i + 1}; only row ${first + 1} is kept`,
          ];
        } else {
          if (repeatedIds) incRowById.set(id, i);
          const r =
            surplus ??
            this.readIncident(
              i,
              id,
              getDate,
              getTime,
              getSeverity,
              getOffence,
              getWeapon,
              getArea,
              getLat,
              getLon,
              deriveSeverity,
              weapons,
              weaponsReadAsOther,
              dateCache,
              nowIso,
            );
          if (Array.isArray(r)) fail = r;
          else {
            incident = r;
            derived = this.lastDerived;
          }
        }
      }
      if (surplus) fail = surplus;
      const conflict = flatInc?.conflicts.get(i);
      if (conflict) fail = conflict;
      if (getPeople) {
        const list = peopleList(getPeople(i));
        if (list === undefined) {
          fail ??= [
            'people',
            show(getPeople(i)),
            'people is not a list of { person_id, role } entries (an array, or JSON text of one)',
          ];
        } else {
          for (const e of list) {
            entries.push(e);
            entryParent.push(i);
          }
        }
      }
      if (fail) incLedger.reject(i, fail[0], fail[1], fail[2]);
      else {
        incLedger.accept(i);
        incOut.push(incident!);
        if (derived) this.severityDerived++;
      }
    }

    // ---- involvements ----------------------------------------------------------------------
    const invInput = nested ? undefined : input.involvements;
    const invSrc: SourceTable = nested
      ? fromObjects(entries)
      : flatSrc
        ? flatSrc
        : invInput === undefined
          ? fromObjects([])
          : readSource(invInput, 'involvements');
    const invLedger = new RowLedger('involvements', invSrc, o.strict);
    const invFields = nested ? (['person_id', 'role'] as const) : INVOLVEMENT_FIELDS;
    const inv = resolveColumns(invSrc, invFields, o.mapping);
    const invTable = nested ? 'involvements (the people lists of incidents)' : 'involvements';
    if (!nested) requireColumn(invTable, invSrc, inv, 'incident_id', o.mapping);
    requireColumn(invTable, invSrc, inv, 'person_id', o.mapping);
    requireColumn(invTable, invSrc, inv, 'role', o.mapping);

    const nInv = invSrc.length;
    const getInvInc = nested
      ? undefined
      : getter(invSrc, (inv as { incident_id?: string }).incident_id);
    const getPerson = getter(invSrc, inv.person_id)!;
    const getRole = getter(invSrc, inv.role)!;
    const roles = roleLookup(o.roleSynonyms);
    const roleCache = new Map<string, Role | null>();
    const acceptedRoles = [...new Set(roles.keys())].sort().join(', ');
    const invOut: (Involvement | undefined)[] = new Array(nInv);
    // Accepted rows of each incident row as a linked list (head → next), walked to find a person
    // listed twice: incidents are small, so this beats a Map keyed by incident + person.
    // An incident with more than BIG_INCIDENT rows gets a person → rows Map instead.
    const head = new Int32Array(nInc).fill(-1);
    const next = new Int32Array(nInv);
    const listLength = new Int32Array(nInc);
    const bigIndex = new Map<number, Map<string, number[]>>();
    const rejectInv = (i: number, field: string, value: string, reason: string) =>
      invLedger.reject(i, field, value, reason);

    for (let i = 0; i < nInv; i++) {
      if (invSrc.blank(i)) {
        invLedger.skipBlank(i);
        continue;
      }
      const extra = invSrc.surplus?.(i);
      if (extra !== undefined) {
        rejectInv(i, '', extra, surplusReason(invSrc, extra));
        continue;
      }
      // The incident.
      let incId: string;
      let p: number;
      if (nested) {
        p = entryParent[i];
        incId = incIdByRow[p];
        if (incLedger.isRejected(p)) {
          const what = incId ? `incident '${incId}'` : 'its incident';
          rejectInv(
            i,
            'incident_id',
            incId,
            `${what} was rejected (incidents row ${p + 1}: ${incLedger.reason(p)})`,
          );
          continue;
        }
      } else {
        const raw = getInvInc!(i);
        const id = idText(raw);
        if (id === undefined) {
          rejectInv(
            i,
            'incident_id',
            show(raw),
            `incident id ${show(raw)} is not text or a number`,
          );
          continue;
        }
        if (id === '') {
          rejectInv(i, 'incident_id', '', 'incident id is empty');
          continue;
        }
        const j = incRowById.get(id);
        if (j === undefined) {
          rejectInv(i, 'incident_id', id, `incident '${id}' is not in the incidents table`);
          continue;
        }
        if (incLedger.isRejected(j)) {
          rejectInv(
            i,
            'incident_id',
            id,
            `incident '${id}' was rejected (${incRef(j)}: ${incLedger.reason(j)})`,
          );
          continue;
        }
        p = j;
        incId = id;
      }
      // The person.
      const rawPerson = getPerson(i);
      const personId = idText(rawPerson);
      if (personId === undefined) {
        rejectInv(
          i,
          'person_id',
          show(rawPerson),
          `person id ${show(rawPerson)} is not text or a number`,
        );
        continue;
      }
      if (personId === '') {
        rejectInv(i, 'person_id', '', 'person id is empty');
        continue;
      }
      // The role.
      const rawRole = getRole(i);
      const roleText = text(rawRole);
      let role = roleCache.get(roleText);
      if (role === undefined) {
        role = roleText === '' ? null : (roles.get(roleKey(roleText)) ?? null);
        roleCache.set(roleText, role);
      }
      if (role === null) {
        if (roleText === '') {
          rejectInv(i, 'role', show(rawRole), `role is empty; accepted roles: ${acceptedRoles}`);
        } else {
          rejectInv(
            i,
            'role',
            roleText,
            `role '${roleText}' is not recognised; accepted roles: ${acceptedRoles}; ` +
              `add it with roleSynonyms: { '${roleText}': 'offender' | 'victim' | 'other' }`,
          );
        }
        continue;
      }
      // The same person twice in one incident: earliest row of the person, and of the same role.
      let first = -1;
      let same = -1;
      if (listLength[p] > BIG_INCIDENT) {
        let index = bigIndex.get(p);
        if (index === undefined) {
          index = new Map();
          for (let r = head[p]; r >= 0; r = next[r]) {
            const rows = index.get(invOut[r]!.person_id);
            if (rows) rows.push(r);
            else index.set(invOut[r]!.person_id, [r]);
          }
          bigIndex.set(p, index);
        }
        for (const r of index.get(personId) ?? []) {
          if (first < 0 || r < first) first = r;
          if (invOut[r]!.role === role && (same < 0 || r < same)) same = r;
        }
      } else {
        // The list runs newest first, so the last hit is the earliest row.
        for (let r = head[p]; r >= 0; r = next[r]) {
          const v = invOut[r]!;
          if (v.person_id === personId) {
            first = r;
            if (v.role === role) same = r;
          }
        }
      }
      if (first >= 0) {
        const shown = this.display(personId);
        if (same >= 0) {
          rejectInv(
            i,
            'person_id',
            shown,
            `person '${shown}' is listed twice in incident '${incId}' as ${role} (rows ${same + 1} and ${i + 1}); row ${i + 1} is a duplicate`,
          );
          continue;
        }
        if (o.conflictingRoles === 'reject') {
          const reason =
            `person '${shown}' is listed in incident '${incId}' as both ${invOut[first]!.role} (row ${first + 1}) ` +
            `and ${role} (row ${i + 1}); both rows are rejected (set conflictingRoles: 'keep' to keep both)`;
          rejectInv(i, 'role', roleText, reason);
          // The first row stays in the list (so later rows still name it) but is not output.
          if (invLedger.isAccepted(first))
            invLedger.revoke(first, 'role', text(getRole(first)), reason);
          continue;
        }
      }
      invLedger.accept(i);
      const v: Involvement = { incident_id: incId, person_id: personId, role };
      invOut[i] = v;
      next[i] = head[p];
      head[p] = i;
      listLength[p]++;
      const index = bigIndex.get(p);
      if (index !== undefined) {
        const rows = index.get(personId);
        if (rows) rows.push(i);
        else index.set(personId, [i]);
      }
    }

    // ---- people ----------------------------------------------------------------------------
    const warnings: string[] = [];
    const peopleSrc =
      input.people === undefined ? fromObjects([]) : readSource(input.people, 'people');
    const pplLedger = new RowLedger('people', peopleSrc, o.strict);
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
    const attributeColumns = peopleSrc.columns.filter((c) => !usedPeople.has(c) && !isAudit(c));
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
    const personRow = new Map<string, number>();
    const peopleOut: Person[] = [];

    for (let i = 0; i < nPeople; i++) {
      if (peopleSrc.blank(i)) {
        pplLedger.skipBlank(i);
        continue;
      }
      const extra = peopleSrc.surplus?.(i);
      if (extra !== undefined) {
        pplLedger.reject(i, '', extra, surplusReason(peopleSrc, extra));
        continue;
      }
      const rawPid = getPid(i);
      const pid = idText(rawPid);
      if (pid === undefined) {
        pplLedger.reject(
          i,
          'person_id',
          show(rawPid),
          `person id ${show(rawPid)} is not text or a number`,
        );
        continue;
      }
      if (pid === '') {
        pplLedger.reject(i, 'person_id', '', 'person id is empty');
        continue;
      }
      const first = personRow.get(pid);
      if (first !== undefined) {
        const shown = this.display(pid);
        pplLedger.reject(
          i,
          'person_id',
          shown,
          `person '${shown}' is listed in rows ${first + 1} and ${i + 1}; only row ${first + 1} is kept`,
        );
        continue;
      }
      personRow.set(pid, i);
      const person: Person = { person_id: pid };
      if (getBirth) {
        const raw = getBirth(i);
        if (!isEmpty(raw)) {
          const y = toNumber(raw);
          if (y === undefined || !Number.isInteger(y) || y < 1880 || y > nowYear) {
            pplLedger.reject(
              i,
              'birth_year',
              show(raw),
              `birth year '${show(raw)}' is not a year from 1880 to ${nowYear}`,
            );
            continue;
          }
          person.birth_year = y;
        }
      }
      if (getGroup) {
        const g = text(getGroup(i));
        if (g !== '') person.group = g;
      }
      let badDate = false;
      for (const [f, get] of groupDates) {
        const raw = get?.(i);
        if (raw === undefined || isEmpty(raw)) continue;
        const parsed = this.readDate(raw);
        if (parsed === undefined) {
          pplLedger.reject(i, f, show(raw), `${f} '${show(raw)}' is not a valid date`);
          badDate = true;
          break;
        }
        person[f] = parsed.date;
      }
      if (badDate) continue;
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
      pplLedger.accept(i);
      peopleOut.push(person);
    }

    // ---- output ----------------------------------------------------------------------------
    const involvements: Involvement[] = [];
    for (let i = 0; i < nInv; i++) {
      if (invLedger.isAccepted(i)) involvements.push(invOut[i]!);
    }
    if (o.pseudonymKey !== undefined) {
      for (const v of involvements) v.person_id = this.display(v.person_id);
      for (const p of peopleOut) p.person_id = this.display(p.person_id);
    }

    const ledgers = [incLedger, invLedger, pplLedger] as const;
    const tables: Record<TableName, TableCounts> = {
      incidents: incLedger.counts(),
      involvements: invLedger.counts(),
      people: pplLedger.counts(),
    };
    for (const ledger of ledgers) {
      const w = ledger.multiLineWarning();
      if (w !== undefined) warnings.push(w);
    }
    const sum = (k: 'read' | 'accepted' | 'rejected') =>
      tables.incidents[k] + tables.involvements[k] + tables.people[k];
    const usedInc = new Set(Object.values(inc));
    const usedInv = new Set(Object.values(inv));

    const data: Dataset = {
      incidents: incOut,
      involvements,
      people: peopleOut,
      auditColumns,
      ...(allowedAttributes.length
        ? { allowedAttributes: allowedAttributes.map((a) => a.column) }
        : {}),
      pseudonymised: o.pseudonymKey !== undefined,
    };
    return {
      data,
      rejected: ledgers.flatMap((ledger) => ledger.problems()),
      summary: {
        form: nested ? 'nested' : flat ? 'flat' : 'long',
        tables,
        read: sum('read'),
        accepted: sum('accepted'),
        rejected: sum('rejected'),
        totals: { read: sum('read'), accepted: sum('accepted'), rejected: sum('rejected') },
        columns: { incidents: { ...inc }, involvements: { ...inv }, people: { ...ppl } },
        ignoredColumns: {
          incidents: flat ? [] : incSrc.columns.filter((c) => !usedInc.has(c)),
          involvements: invSrc.columns.filter((c) => !usedInv.has(c) && !(flat && usedInc.has(c))),
          people: [],
        },
        auditColumns,
        attributeColumns,
        severityDerived: this.severityDerived,
        weaponsReadAsOther,
        pseudonymised: o.pseudonymKey !== undefined,
        allowedAttributes,
        warnings,
      },
    };
  }

  /** Reads the fields of an incident row whose id is fine: the incident, or [field, value, reason]. */
  private readIncident(
    i: number,
    id: string,
    getDate: (i: number) => unknown,
    getTime: Getter,
    getSeverity: Getter,
    getOffence: Getter,
    getWeapon: Getter,
    getArea: Getter,
    getLat: Getter,
    getLon: Getter,
    deriveSeverity: (offence: string) => Severity | undefined,
    weapons: Map<string, Weapon>,
    weaponsReadAsOther: Record<string, number>,
    dateCache: Map<string, ParsedDate | null>,
    nowIso: string,
  ): Incident | [string, string, string] {
    const o = this.o;
    // Date.
    const rawDate = getDate(i);
    let parsed: ParsedDate | null | undefined;
    if (typeof rawDate === 'string') {
      parsed = dateCache.get(rawDate);
      if (parsed === undefined) {
        parsed = this.readDate(rawDate) ?? null;
        dateCache.set(rawDate, parsed);
      }
    } else {
      parsed = this.readDate(rawDate) ?? null;
    }
    if (parsed === null) {
      const v = show(rawDate).trim();
      if (v === '') return ['date', '', 'date is empty'];
      const hint =
        o.dateFormat === 'iso' && looksSlashed(v)
          ? "; dates are read as ISO (YYYY-MM-DD): set dateFormat: 'dmy' (or 'mdy') for day/month/year dates"
          : '';
      return ['date', v, `date '${v}' is not a valid date${hint}`];
    }
    // A separate time-of-day column completes a plain date (local wall clock).
    const rawTime = getTime?.(i);
    if (rawTime !== undefined && !isEmpty(rawTime)) {
      const t = show(rawTime).trim();
      const fraction = parseTime(rawTime);
      if (fraction === undefined) {
        return ['time', t, `time '${t}' is not a time of day (expected HH:MM, HH:MM:SS or HHMM)`];
      }
      if (parsed.date.length > 10) {
        return [
          'time',
          t,
          `date '${parsed.date}' already carries a time; leave the time cell empty`,
        ];
      }
      parsed = withTimeOfDay(parsed, fraction, o.timeZone);
    }
    if (parsed.day > o.nowDay) {
      const v = show(rawDate).trim();
      return ['date', v, `date '${v}' is in the future (after ${nowIso})`];
    }
    // Severity, given or derived from the offence.
    const offence = getOffence ? text(getOffence(i)) : '';
    let derived = false;
    let severity: Severity | undefined;
    const rawSev = getSeverity?.(i);
    if (!isEmpty(rawSev)) {
      let n: number;
      if (typeof rawSev === 'string') {
        const s = rawSev.trim();
        // Fast path for the common single-digit cell.
        const c = s.length === 1 ? s.charCodeAt(0) - 48 : -1;
        n = c >= 0 && c <= 9 ? c : NUMERIC.test(s) ? Number(s) : Number.NaN;
      } else n = typeof rawSev === 'number' ? rawSev : Number.NaN;
      const v = show(rawSev).trim();
      if (Number.isNaN(n))
        return [
          'severity',
          v,
          `severity '${v}' is not a number (expected a whole number from 0 to 4)`,
        ];
      if (!Number.isInteger(n))
        return ['severity', v, `severity '${v}' is not a whole number (expected 0 to 4)`];
      if (n < 0 || n > 4)
        return ['severity', v, `severity '${v}' is out of range (expected 0 to 4)`];
      severity = n as Severity;
    } else {
      if (offence === '') {
        return ['severity', '', 'severity is missing and there is no offence to derive it from'];
      }
      severity = deriveSeverity(offence);
      if (severity === undefined) {
        return [
          'offence',
          offence,
          `offence '${offence}' has no severity: the row has none and no severityMap entry or rule matches it; ` +
            `add it, e.g. severityMap: { '${offence}': 0 }`,
        ];
      }
      derived = true;
    }
    const incident: Incident = {
      incident_id: id,
      date: parsed.date,
      day: parsed.day,
      offence,
      severity,
    };
    let lat: number | undefined;
    let lon: number | undefined;
    if (getLat) {
      const r = coordinate(getLat(i), 'lat', 90);
      if (Array.isArray(r)) return r;
      lat = r;
    }
    if (getLon) {
      const r = coordinate(getLon(i), 'lon', 180);
      if (Array.isArray(r)) return r;
      lon = r;
    }
    // Weapon: unknown texts are kept as 'other' and counted, never dropped.
    if (getWeapon) {
      const w = text(getWeapon(i));
      if (w !== '') {
        let weapon = weapons.get(w);
        if (weapon === undefined) {
          weapon = weapons.get(weaponKey(w));
          if (weapon === undefined) {
            weapon = 'other';
            weaponsReadAsOther[w] = (weaponsReadAsOther[w] ?? 0) + 1;
          } else weapons.set(w, weapon);
        }
        incident.weapon = weapon;
      }
    }
    if (getArea) {
      const a = text(getArea(i));
      if (a !== '') incident.area = a;
    }
    if (lat !== undefined) incident.lat = lat;
    if (lon !== undefined) incident.lon = lon;
    this.lastDerived = derived;
    return incident;
  }
}

/** The nested form's people list of one incident: an array, JSON text of one, or empty. */
function peopleList(v: unknown): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isEmpty(v)) return [];
  if (typeof v === 'string') {
    try {
      const parsed = parseJsonText(v, 'people');
      return Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The incidents of a flat table (one row per person per incident, incident columns on each row):
 * one per distinct incident id, read from its first row, with the first disagreement of a later
 * row of the same incident in any incident column (as a rejection reason, by incident).
 */
function flatIncidents(
  src: SourceTable,
  mapping: Partial<Record<CanonicalField, string>>,
): { table: SourceTable; conflicts: Map<number, [string, string, string]> } {
  const cols = resolveColumns(src, [...INCIDENT_FIELDS, 'time'], mapping) as Partial<
    Record<CanonicalField, string>
  >;
  const table = 'involvements (a flat table: incident columns on each row)';
  requireColumn(table, src, cols, 'incident_id', mapping);
  requireColumn(table, src, cols, 'date', mapping);
  const getId = src.column(cols.incident_id!);
  const fields = Object.entries(cols)
    .filter(([f]) => f !== 'incident_id')
    .map(([f, c]) => [f, c!, src.column(c!)] as const);
  const where = (i: number) => (src.line ? `line ${src.line(i)}` : `row ${i + 1}`);
  const first: number[] = [];
  const byId = new Map<string, number>();
  const conflicts = new Map<number, [string, string, string]>();
  for (let i = 0; i < src.length; i++) {
    if (src.blank(i) || src.surplus?.(i) !== undefined) continue;
    const id = idText(getId(i));
    if (!id) continue; // rejected as an involvement row
    const k = byId.get(id);
    if (k === undefined) {
      byId.set(id, first.length);
      first.push(i);
      continue;
    }
    if (conflicts.has(k)) continue;
    for (const [f, c, get] of fields) {
      const a = show(get(first[k])).trim();
      const b = show(get(i)).trim();
      if (a === b) continue;
      conflicts.set(k, [
        f,
        b,
        `the rows of incident '${id}' disagree about ${f} (column ${c}): '${a}' on ${where(first[k])}, '${b}' on ${where(i)}; every row of an incident must give the same incident columns (or split the table into incidents and involvements)`,
      ]);
      break;
    }
  }
  return {
    table: {
      columns: src.columns,
      length: first.length,
      column: (name) => {
        const get = src.column(name);
        return (k) => get(first[k]);
      },
      blank: () => false,
      ...(src.line ? { line: (k: number) => src.line!(first[k]) } : {}),
    },
    conflicts,
  };
}
