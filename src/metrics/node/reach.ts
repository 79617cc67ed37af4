import { InputError } from '../../core/errors.js';
import { describeInput } from '../../core/guards.js';
import { rule } from '../../core/options.js';
import type { Csr } from '../../graph/csr.js';
import { assignRecord, checkMeasure, type GraphInput, nodeNumbers, resolveCsr } from '../shared.js';

const RULES = { maxDistance: rule.number({ min: 0, integer: true }) };

/** Options of {@link reach}. */
export interface ReachOptions {
  /** Steps to look out (ties followed in either direction on directed graphs). Default `2`. */
  maxDistance?: number;
}

const DEFAULTS = { maxDistance: 2 } as const;

/** What `reach.detailed` returns. */
export interface ReachDetailed {
  /** People within `maxDistance` steps of each person (the person excluded). */
  total: Record<string, number>;
  /** For each person, how many people sit at distance 1, 2, … `maxDistance`. */
  byDistance: Record<string, number[]>;
  /** The same counts for the group of all the given people together (each person counted once, at
   * their distance to the nearest given person; the given people excluded). */
  union: { total: number; byDistance: number[] };
}

/** Breadth-first search capped at `maxDistance`, reusing `stamp`/`queue`/`dist`; returns counts per distance. */
function ball(
  csr: Csr,
  sources: ArrayLike<number>,
  maxDistance: number,
  stamp: Int32Array,
  mark: number,
  queue: Int32Array,
  dist: Int32Array,
): number[] {
  const counts = new Array<number>(maxDistance).fill(0);
  const { offsets, targets, inOffsets, inTargets, directed } = csr;
  let head = 0;
  let tail = 0;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (stamp[s] === mark) continue;
    stamp[s] = mark;
    dist[s] = 0;
    queue[tail++] = s;
  }
  while (head < tail) {
    const u = queue[head++];
    const du = dist[u] + 1;
    if (du > maxDistance) break;
    for (let j = offsets[u], e = offsets[u + 1]; j < e; j++) {
      const v = targets[j];
      if (stamp[v] !== mark) {
        stamp[v] = mark;
        dist[v] = du;
        queue[tail++] = v;
        counts[du - 1]++;
      }
    }
    if (directed) {
      for (let j = inOffsets[u], e = inOffsets[u + 1]; j < e; j++) {
        const v = inTargets[j];
        if (stamp[v] !== mark) {
          stamp[v] = mark;
          dist[v] = du;
          queue[tail++] = v;
          counts[du - 1]++;
        }
      }
    }
  }
  return counts;
}

function compute(
  graph: GraphInput,
  people: string | readonly string[] | null | undefined,
  options: ReachOptions | undefined,
  fn: string,
) {
  options = checkMeasure(fn, graph, options, RULES);
  if (
    people !== undefined &&
    people !== null &&
    typeof people !== 'string' &&
    !Array.isArray(people)
  ) {
    throw new InputError(
      fn,
      `${fn}: expected people as an id, an array of ids or null, got ${describeInput(people)}.`,
    );
  }
  const csr = resolveCsr(graph, null, null);
  const maxDistance = options.maxDistance ?? DEFAULTS.maxDistance;
  if (!(maxDistance >= 0)) throw new RangeError(`maxDistance must be ≥ 0, got ${maxDistance}`);
  const ids = people == null ? csr.ids : typeof people === 'string' ? [people] : people;
  const nums = nodeNumbers(csr, ids, fn);
  const stamp = new Int32Array(csr.n);
  const queue = new Int32Array(csr.n);
  const dist = new Int32Array(csr.n);
  const counts: number[][] = [];
  for (let i = 0; i < nums.length; i++) {
    counts.push(ball(csr, [nums[i]], maxDistance, stamp, i + 1, queue, dist));
  }
  // Own keys through Object.fromEntries (as toRecord): `out['__proto__'] = v` would call the
  // inherited setter and leave a person named '__proto__' out.
  const byDistance: Record<string, number[]> = Object.fromEntries(
    counts.map((c, i) => [ids[i], c]),
  );
  const total: Record<string, number> = Object.fromEntries(
    counts.map((c, i) => [ids[i], c.reduce((a, b) => a + b, 0)]),
  );
  return { csr, total, byDistance, nums, maxDistance, stamp, queue, dist };
}

/**
 * n-step reach: how many people each given person can reach within `maxDistance` ties — the
 * size of their network neighbourhood. Without `people`, every person.
 *
 * @example
 * reach(graph, 'P123', { maxDistance: 2 }); // { P123: 17 }
 * reach(graph, null); // everyone's 2-step reach
 * reach.detailed(graph, victims).union.byDistance; // people 1 and 2 steps from any victim
 */
export function reach(
  graph: GraphInput,
  people?: string | readonly string[] | null,
  options?: ReachOptions,
): Record<string, number> {
  return compute(graph, people, options, 'reach').total;
}

/** Per-distance counts for each person and for the group together. */
reach.detailed = (
  graph: GraphInput,
  people?: string | readonly string[] | null,
  options?: ReachOptions,
): ReachDetailed => {
  const r = compute(graph, people, options, 'reach.detailed');
  const union = ball(r.csr, r.nums, r.maxDistance, r.stamp, -1, r.queue, r.dist);
  return {
    total: r.total,
    byDistance: r.byDistance,
    union: { total: union.reduce((a, b) => a + b, 0), byDistance: union },
  };
};

/** Writes each person's reach into a node attribute (default `'reach'`); everyone when `people` is null. */
reach.assign = (
  graph: GraphInput,
  people?: string | readonly string[] | null,
  options: ReachOptions & { attribute?: string } = {},
) => {
  const { attribute, ...rest } = options ?? {};
  const total = compute(graph, people, rest, 'reach.assign').total;
  assignRecord(graph, attribute ?? 'reach', total, 'reach.assign');
};

/** The default of each option. */
reach.defaults = DEFAULTS;
