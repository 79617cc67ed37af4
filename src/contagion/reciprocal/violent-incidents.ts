import { type DatasetIndex, ROLE_CODE } from '../../core/dataset-index.js';

/**
 * The violent incidents of a window in compact form: for each, its offenders and victims as
 * person numbers (into `index.personIds`), each listed once.
 *
 * A person recorded as both offender and victim of the same incident (a self-victimisation
 * record, or a mutual fight recorded both ways) is taken out of both lists: such a record says
 * nothing about who harmed whom, so it never makes a retaliation link or a victim-offender pair.
 */
export interface ViolentIncidents {
  index: DatasetIndex;
  /** Sorted incident positions (into `index.incidents`) of the violent incidents, by (day, id). */
  pos: Int32Array;
  /** Offenders of violent incident `i` are `off[offOffset[i] .. offOffset[i+1])`. */
  offOffset: Int32Array;
  off: Int32Array;
  /** Victims of violent incident `i` are `vic[vicOffset[i] .. vicOffset[i+1])`. */
  vicOffset: Int32Array;
  vic: Int32Array;
}

/** Collects the incidents at positions [lo, hi) with severity ≥ `minSeverity`. */
export function violentIncidents(
  index: DatasetIndex,
  lo: number,
  hi: number,
  minSeverity: number,
): ViolentIncidents {
  // One counting pass first, so that the arrays are sized to the violent incidents and their
  // involvements (a few per cent of the window), not to every incident and involvement: at a
  // million people the whole-window sizing was ~84 MB of typed arrays per call, more than the
  // ~64 MB of new external memory after which V8 starts a full mark of the caller's heap.
  let violent = 0;
  let inv = 0;
  for (let k = lo; k < hi; k++) {
    if (index.severity[k] < minSeverity) continue;
    violent++;
    inv += index.invOffset[k + 1] - index.invOffset[k];
  }
  const pos = new Int32Array(violent);
  const off = new Int32Array(inv);
  const vic = new Int32Array(inv);
  const offOffset = new Int32Array(violent + 1);
  const vicOffset = new Int32Array(violent + 1);
  let nPos = 0;
  let nOff = 0;
  let nVic = 0;
  const o: number[] = [];
  const v: number[] = [];
  for (let k = lo; k < hi; k++) {
    if (index.severity[k] < minSeverity) continue;
    o.length = 0;
    v.length = 0;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++) {
      const p = index.invPerson[e];
      const role = index.invRole[e];
      if (role === ROLE_CODE.offender && !o.includes(p)) o.push(p);
      else if (role === ROLE_CODE.victim && !v.includes(p)) v.push(p);
    }
    pos[nPos++] = k;
    for (const p of o) if (!v.includes(p)) off[nOff++] = p;
    for (const p of v) if (!o.includes(p)) vic[nVic++] = p;
    offOffset[nPos] = nOff;
    vicOffset[nPos] = nVic;
  }
  return {
    index,
    pos,
    offOffset,
    off: nOff < inv ? off.slice(0, nOff) : off,
    vicOffset,
    vic: nVic < inv ? vic.slice(0, nVic) : vic,
  };
}

/**
 * For each person, the violent incidents (ordinals into a {@link ViolentIncidents}) in which they
 * are an offender, ascending: `list[offsets[p] .. offsets[p+1])`.
 */
export function offenderIncidents(
  vi: ViolentIncidents,
  people: number,
): { offsets: Int32Array; list: Int32Array } {
  const offsets = new Int32Array(people + 1);
  for (let j = 0; j < vi.off.length; j++) offsets[vi.off[j] + 1]++;
  for (let p = 0; p < people; p++) offsets[p + 1] += offsets[p];
  const fill = offsets.slice(0, people);
  const list = new Int32Array(vi.off.length);
  for (let i = 0; i < vi.pos.length; i++) {
    for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) list[fill[vi.off[j]]++] = i;
  }
  return { offsets, list };
}

/** First position in the ascending `list[from..to)` whose value is greater than `x`. */
export function upperBound(list: Int32Array, from: number, to: number, x: number): number {
  // A hand loop, not d3-array's bisect: called per incident pair by the detector, and d3's costs
  // 1.3× per search (bench/results/bisect.md).
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
