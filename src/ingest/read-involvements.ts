/**
 * The involvements reader (long and flat forms: a table; nested form: the people lists the
 * incidents reader collected). Each row must point at a known, accepted incident, name a person
 * (text or a number, not empty) and a known role (synonyms mapped); a person listed twice in one
 * incident is a duplicate (same role) or, with `conflictingRoles: 'reject'`, a conflict that
 * rejects both rows (the earlier one revoked). Every row is accounted for in the table's
 * {@link RowLedger}.
 */
import { ROLE_CODE, ROLE_NAME } from '../core/dataset-index.js';
import type { Role } from '../core/types.js';
import { RowLedger } from './accounting.js';
import {
  alikeIds,
  badIdReason,
  idText,
  show,
  surplusReason,
  text,
  unknownIncidentReason,
} from './cells.js';
import { getter, requireColumn, resolveColumns } from './columns.js';
import type { FormInput, InputForm } from './forms.js';
import { IdNumbers } from './id-numbers.js';
import { type CanonicalField, INVOLVEMENT_FIELDS } from './options.js';
import type { ReadContext } from './read-context.js';
import type { IncidentsRead } from './read-incidents.js';
import { roleKey, roleLookup, unknownRoleReasons } from './roles.js';
import { fromObjects, readSource, type SourceTable, TOUCH_BLOCK } from './source-table.js';

/** What the involvements reader found. */
export interface InvolvementsRead {
  src: SourceTable;
  ledger: RowLedger;
  /** The source column of each field. */
  columns: Partial<Record<CanonicalField, string>>;
  /**
   * The accepted involvements, in input order, as columns: each one's person as a number into
   * `numbers.ids` (ids as read, not yet pseudonymised; people met only in rejected rows may be
   * there too) and its role code ({@link ROLE_CODE}).
   */
  persons: { numbers: IdNumbers; personOf: Int32Array; role: Uint8Array };
  /**
   * Position in the incidents read of each accepted involvement's incident: handed to the
   * dataset index, which then looks no incident id up.
   */
  incidentOf: Int32Array;
}

/** Incidents with more rows than this get a Map for the same-person check (see below). */
const BIG_INCIDENT = 16;

/** Reads and checks the involvements of the input's form against the incidents read. */
export function readInvolvements(
  input: FormInput,
  form: InputForm,
  incidents: IncidentsRead,
  ctx: ReadContext,
): InvolvementsRead {
  const o = ctx.o;
  const nested = form.form === 'nested';
  const invSrc: SourceTable = nested
    ? fromObjects(incidents.entries)
    : form.flatSource
      ? form.flatSource
      : input.involvements === undefined
        ? fromObjects([])
        : readSource(input.involvements, 'involvements');
  const ledger = new RowLedger('involvements', invSrc, o.strict);
  const invFields = nested ? (['person_id', 'role'] as const) : INVOLVEMENT_FIELDS;
  const inv = resolveColumns(invSrc, invFields, o.mapping);
  // A flat table is named as its incident columns' errors name it (it read "involvements has
  // no 'role' column" for the table whose 'date' error said "a flat table").
  const invTable = nested
    ? 'involvements (the people lists of incidents)'
    : form.flatSource
      ? 'involvements (a flat table: incident columns on each row)'
      : 'involvements';
  if (!nested) requireColumn(invTable, invSrc, inv, 'incident_id', o.mapping);
  requireColumn(invTable, invSrc, inv, 'person_id', o.mapping);
  requireColumn(invTable, invSrc, inv, 'role', o.mapping);

  const incLedger = incidents.ledger;
  const { idByRow, entryParent, rowById, keyByRow, ref } = incidents;
  const nInc = incidents.src.length;
  const nInv = invSrc.length;
  const getInvInc = nested
    ? undefined
    : getter(invSrc, (inv as { incident_id?: string }).incident_id);
  const getPerson = getter(invSrc, inv.person_id)!;
  const getRole = getter(invSrc, inv.role)!;
  const roles = roleLookup(o.roleSynonyms);
  const roleCache = new Map<string, Role | null>();
  const roleReasons = unknownRoleReasons(roles);
  const acceptedRoles = roleReasons.accepted;
  // The accepted involvements as they are found (a row accepted and later revoked is taken out
  // at the end), with the row each came from and the position of its incident in the output.
  // Made at full length and cut at the end (see read-incidents.ts).
  // Each position's person (a number into `ids`, interned as met) and role code.
  const personAt = new Int32Array(nInv);
  const roleAt = new Uint8Array(nInv);
  const numbers = new IdNumbers(nInv);
  let nOut = 0;
  // The row of each position (made when a row first lands elsewhere than at its own number: until
  // then every row was accepted, and position `at` is row `at`).
  let rowAt: Int32Array | undefined;
  const rowOf = (at: number) => (rowAt ? rowAt[at] : at);
  const incidentOf = new Int32Array(nInv);
  const { outPos } = incidents;
  let revoked = false;
  // A person listed twice in one incident is looked for among the positions of that incident. The
  // rows of one incident usually come together: while each incident's rows form one run, the
  // current run (positions `runStart` to `nOut`) is all there is to walk, and `met` marks the
  // incidents whose run has begun (one bit each). The first row whose incident's run ended before
  // turns on the general case: the positions of each incident (numbered by its position in the
  // output) as a linked list (head → next), made then from the positions so far. Incidents are
  // small, so a walk beats a Map keyed by incident + person; one with more than BIG_INCIDENT rows
  // gets a person → positions Map instead (`bigIndex`, by the incident's output position, in both
  // cases).
  let runIncident = -1;
  let runStart = 0;
  const met = new Uint8Array((nInc + 7) >>> 3);
  let lists: { head: Int32Array; next: Int32Array; length: Int32Array } | undefined;
  const bigIndex = new Map<number, Map<number, number[]>>();
  // The incident row of the previous row that found one: rows of one incident usually come
  // together, and incidents in the incidents table's order, so the same row or the next one is
  // tried (checked by `keyByRow`, which says exactly what `rowById` would) before the Map.
  let lastRow = -1;
  // An incident id written another way in the incidents table ('00123' for '123'), for the reason.
  const alike = alikeIds(() => keyByRow);

  // Row objects scattered in memory are fetched a block at a time (see `TOUCH_BLOCK`).
  const touch = invSrc.toucher?.([
    (inv as { incident_id?: string }).incident_id,
    inv.person_id,
    inv.role,
  ]);
  let touchedTo = 0;
  let slotSink = 0;

  for (let i = 0; i < nInv; i++) {
    if (touch !== undefined && i >= touchedTo) {
      touchedTo = Math.min(nInv, i + TOUCH_BLOCK);
      // And the person tables' slots of the block's ids (read in a tight loop, as the rows),
      // when the block's rows were touched (plain objects).
      if (touch(i, touchedTo)) {
        let t = 0;
        for (let k = i; k < touchedTo; k++) {
          const v = getPerson(k);
          if (typeof v === 'string') t += numbers.slot(v);
        }
        slotSink += t;
      }
    }
    if (invSrc.blank(i)) {
      ledger.skipBlank(i);
      continue;
    }
    const extra = invSrc.surplus?.(i);
    if (extra !== undefined) {
      ledger.reject(i, '', extra, surplusReason(invSrc, extra, i));
      continue;
    }
    // The incident.
    let incId: string;
    let p: number;
    if (nested) {
      p = entryParent[i];
      incId = idByRow[p];
      // A later row of an id read as one incident with its first (repeated-incident.ts: the
      // same incident, another offence, severity or time of day): its people are the
      // incident's, as the flat form's rows are; they were rejected as of a rejected incident.
      if (incLedger.isRejected(p)) {
        const j = incId ? rowById(incId) : undefined;
        if (j !== undefined && j !== p && incLedger.isAccepted(j)) p = j;
        else {
          const what = incId ? `incident '${incId}'` : 'its incident';
          ledger.reject(
            i,
            'incident_id',
            incId,
            `${what} was rejected (incidents row ${p + 1}: ${incLedger.reason(p)})`,
          );
          continue;
        }
      }
    } else {
      const raw = getInvInc!(i);
      const id = idText(raw);
      if (id === undefined) {
        ledger.reject(i, 'incident_id', ...badIdReason('incident', raw));
        continue;
      }
      if (id === '') {
        ledger.reject(i, 'incident_id', '', 'incident id is empty');
        continue;
      }
      const j =
        lastRow >= 0 && keyByRow[lastRow] === id
          ? lastRow
          : lastRow + 1 < nInc && keyByRow[lastRow + 1] === id
            ? lastRow + 1
            : rowById(id);
      if (j === undefined) {
        ledger.reject(
          i,
          'incident_id',
          id,
          unknownIncidentReason(id, (x) => rowById(x) !== undefined, alike),
        );
        continue;
      }
      lastRow = j;
      if (incLedger.isRejected(j)) {
        ledger.reject(
          i,
          'incident_id',
          id,
          `incident '${id}' was rejected (${ref(j)}: ${incLedger.reason(j)})`,
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
      ledger.reject(i, 'person_id', ...badIdReason('person', rawPerson, ctx.display));
      continue;
    }
    if (personId === '') {
      ledger.reject(i, 'person_id', '', 'person id is empty');
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
        ledger.reject(i, 'role', show(rawRole), `role is empty; accepted roles: ${acceptedRoles}`);
      } else {
        ledger.reject(i, 'role', roleText, roleReasons.reason(roleText));
      }
      continue;
    }
    const x = numbers.number(personId);
    const roleCode = ROLE_CODE[role];
    // The same person twice in one incident: earliest involvement of the person, and of the same
    // role (positions, in row order).
    const q = outPos ? outPos[p] : p;
    if (lists === undefined && p !== runIncident) {
      const bit = 1 << (p & 7);
      if ((met[p >>> 3] & bit) === 0) {
        met[p >>> 3] |= bit;
        runIncident = p;
        runStart = nOut;
      } else lists = positionLists(incidentOf, nOut, nInc);
    }
    let first = -1;
    let same = -1;
    const count = lists ? lists.length[q] : nOut - runStart;
    if (count > BIG_INCIDENT) {
      let index = bigIndex.get(q);
      if (index === undefined) {
        index = new Map();
        const add = (r: number) => {
          const rows = index!.get(personAt[r]);
          if (rows) rows.push(r);
          else index!.set(personAt[r], [r]);
        };
        if (lists) for (let r = lists.head[q]; r >= 0; r = lists.next[r]) add(r);
        else for (let r = runStart; r < nOut; r++) add(r);
        bigIndex.set(q, index);
      }
      for (const r of index.get(x) ?? []) {
        if (first < 0 || r < first) first = r;
        if (roleAt[r] === roleCode && (same < 0 || r < same)) same = r;
      }
    } else if (lists) {
      // The list runs newest first, so the last hit is the earliest row.
      for (let r = lists.head[q]; r >= 0; r = lists.next[r]) {
        if (personAt[r] === x) {
          first = r;
          if (roleAt[r] === roleCode) same = r;
        }
      }
    } else {
      for (let r = nOut - 1; r >= runStart; r--) {
        if (personAt[r] === x) {
          first = r;
          if (roleAt[r] === roleCode) same = r;
        }
      }
    }
    if (first >= 0) {
      const shown = ctx.display(personId);
      if (same >= 0) {
        ledger.reject(
          i,
          'person_id',
          shown,
          `person '${shown}' is listed twice in incident '${incId}' as ${role} (rows ${rowOf(same) + 1} and ${i + 1}); row ${i + 1} is a duplicate`,
        );
        continue;
      }
      if (o.conflictingRoles === 'reject') {
        const firstRow = rowOf(first);
        const reason =
          `person '${shown}' is listed in incident '${incId}' as both ${ROLE_NAME[roleAt[first]]} (row ${firstRow + 1}) ` +
          `and ${role} (row ${i + 1}); both rows are rejected (set conflictingRoles: 'keep' to keep both)`;
        ledger.reject(i, 'role', roleText, reason);
        // The first row stays in the list (so later rows still name it) but is not output.
        if (ledger.isAccepted(firstRow)) {
          ledger.revoke(firstRow, 'role', text(getRole(firstRow)), reason);
          revoked = true;
        }
        continue;
      }
    }
    ledger.accept(i);
    const at = nOut++;
    personAt[at] = x;
    roleAt[at] = roleCode;
    if (rowAt === undefined && at !== i) {
      rowAt = new Int32Array(nInv);
      for (let a = 0; a < at; a++) rowAt[a] = a;
    }
    if (rowAt) rowAt[at] = i;
    incidentOf[at] = q;
    if (lists) {
      lists.next[at] = lists.head[q];
      lists.head[q] = at;
      lists.length[q]++;
    }
    const index = bigIndex.size === 0 ? undefined : bigIndex.get(q);
    if (index !== undefined) {
      const rows = index.get(x);
      if (rows) rows.push(at);
      else index.set(x, [at]);
    }
  }

  if (slotSink < 0) throw new Error('readInvolvements: a negative table slot');
  // Rows revoked after they were accepted are taken out.
  let n = nOut;
  if (revoked) {
    let kept = 0;
    for (let at = 0; at < n; at++) {
      if (!ledger.isAccepted(rowOf(at))) continue;
      personAt[kept] = personAt[at];
      roleAt[kept] = roleAt[at];
      incidentOf[kept] = incidentOf[at];
      kept++;
    }
    n = kept;
  }
  return {
    src: invSrc,
    ledger,
    columns: inv,
    // Cut to the accepted rows (copies when rows were rejected, so that the dataset does not keep
    // the full-length buffers).
    persons: {
      numbers,
      personOf: n === nInv ? personAt : personAt.slice(0, n),
      role: n === nInv ? roleAt : roleAt.slice(0, n),
    },
    incidentOf: n === nInv ? incidentOf : incidentOf.slice(0, n),
  };
}

/**
 * The positions `0 .. n` of each incident (by its output position, `incidentOf[at]`) as linked
 * lists, newest first: `head[q]` the last position of incident `q` (−1: none), `next[at]` the one
 * before `at`, and `length[q]` how many.
 */
function positionLists(
  incidentOf: Int32Array,
  n: number,
  nInc: number,
): { head: Int32Array; next: Int32Array; length: Int32Array } {
  const head = new Int32Array(nInc).fill(-1);
  const next = new Int32Array(incidentOf.length);
  const length = new Int32Array(nInc);
  for (let at = 0; at < n; at++) {
    const q = incidentOf[at];
    next[at] = head[q];
    head[q] = at;
    length[q]++;
  }
  return { head, next, length };
}
