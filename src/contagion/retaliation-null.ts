import { indexDataset, withIncidents } from '../core/dataset-index.js';
import { checkDataset } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { refuseSingleDate } from '../core/profile.js';
import { createRng } from '../core/rng.js';
import type { Dataset, Incident } from '../core/types.js';
import { refuseOutsideRecords, resolveWindow } from '../core/window.js';
import { groupReciprocity } from './group-reciprocity.js';
import {
  detectRetaliations,
  RETALIATION_DEFAULTS,
  RETALIATION_RULES,
} from './reciprocal/detect.js';
import type { RetaliationOptions } from './retaliations.js';

/** Options of {@link retaliationNullModel}: those of `retaliations`, plus the null model's. */
export interface RetaliationNullOptions extends RetaliationOptions {
  /** Shuffled worlds drawn. Default 99 (p-values in steps of 1/100). */
  runs?: number;
  /** Seed of the shuffles. Default 1. */
  seed?: number;
  /** Width of the interval of the null distribution reported, as a probability. Default 0.95. */
  level?: number;
}

const DEFAULTS = { runs: 99, seed: 1, level: 0.95 } as const;

const RULES: OptionRules<RetaliationNullOptions> = {
  ...RETALIATION_RULES,
  runs: rule.number({ integer: true, min: 1, max: 100_000 }),
  seed: rule.number({ integer: true }),
  level: rule.number({ above: 0, max: 0.999 }),
};

/** One statistic: what the data give, and what shuffled worlds give. */
export interface NullStatistic {
  observed: number;
  /** Mean over the shuffled worlds. */
  expected: number;
  /** Central `level` interval of the shuffled worlds' values. */
  interval: [number, number];
  /** One-sided p-value (1 + worlds with a value ≥ observed) / (1 + runs). */
  pValue: number;
}

/** Result of {@link retaliationNullModel}. */
export interface RetaliationNull {
  /** Retaliation links. */
  links: NullStatistic;
  /** Cascades (connected sets of ≥ 2 linked incidents). */
  cascades: NullStatistic;
  /** Group reciprocity index (people-table groups); `null` when there are no groups. */
  reciprocity: NullStatistic | null;
  runs: number;
  /** A sentence for a report: "53 links; about 12 expected by chance (95% 8–17), p = 0.01". */
  summary: string;
}

/**
 * How many retaliation links, cascades and how much group reciprocity chance alone would give:
 * a null model by **time shuffles**. The dates of the violent incidents (severity ≥
 * `minSeverity`) of the window are permuted among them, `runs` times (seeded), and the
 * detector is run on each shuffled world with the same options. Each incident keeps its people
 * (so everyone keeps their number of attacks and harms) and the co-offending records keep their
 * dates (so the network is unchanged); only who-came-when is broken. Links that persist in
 * shuffled worlds are what a busy network yields by chance. A window outside the records (`asOf` on or before the first record, or every record
 * past the retention horizon) is refused with a `DataRefusedError` (`outside-records`) naming the
 * records' dates, rather than read as "none found".
 *
 * @example
 * const n = retaliationNullModel(data, { asOf: '2024-01-01', runs: 99 });
 * n.summary; // "53 links; about 12 expected by chance (95% 8–17), p = 0.01"
 */
export function retaliationNullModel(
  data: Dataset,
  options: RetaliationNullOptions = {},
): RetaliationNull {
  checkDataset('retaliationNullModel', data);
  options = checkOptions('retaliationNullModel', options, RULES);
  const { runs: r, seed: s, level: l, ...detect } = options;
  const runs = r ?? DEFAULTS.runs;
  const level = l ?? DEFAULTS.level;
  const rng = createRng(s ?? DEFAULTS.seed);
  const minSeverity = options.minSeverity ?? 2;

  const index = indexDataset(data);
  refuseSingleDate('retaliationNullModel', index);
  const win = resolveWindow(index, { ...options, fn: 'retaliationNullModel' });
  refuseOutsideRecords('retaliationNullModel', index, win);
  const movable: number[] = []; // positions in data.incidents
  const pos = new Map<Incident, number>();
  for (let i = 0; i < data.incidents.length; i++) pos.set(data.incidents[i], i);
  for (let k = win.lo; k < win.hi; k++) {
    if (index.severity[k] >= minSeverity) movable.push(pos.get(index.incidents[k])!);
  }
  const groups = index.groupNames.length > 0;

  const measure = (d: Dataset) => {
    const links = detectRetaliations(d, detect);
    const rec = groups
      ? (groupReciprocity(d, {
          asOf: options.asOf,
          since: options.since,
          retentionYears: options.retentionYears,
          windowDays: options.windowDays,
          minSeverity,
          groups: 'people',
        }).reciprocity ?? Number.NaN)
      : Number.NaN;
    return { links: links.from.length, cascades: countCascades(links.from, links.to), rec };
  };

  const observed = measure(data);
  const nullLinks: number[] = [];
  const nullCascades: number[] = [];
  const nullRec: number[] = [];
  const dates = movable.map((i) => data.incidents[i]);
  for (let run = 0; run < runs; run++) {
    const order = rng.shuffle(dates.map((_, i) => i));
    const incidents = data.incidents.slice();
    movable.forEach((i, j) => {
      const from = dates[order[j]];
      incidents[i] = { ...data.incidents[i], date: from.date, day: from.day };
    });
    const m = measure(withIncidents(data, incidents));
    nullLinks.push(m.links);
    nullCascades.push(m.cascades);
    if (!Number.isNaN(m.rec)) nullRec.push(m.rec);
  }
  const stat = (obs: number, xs: number[]): NullStatistic => {
    const sorted = [...xs].sort((a, b) => a - b);
    const q = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
    let atLeast = 0;
    for (const x of xs) if (x >= obs) atLeast++;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      observed: obs,
      expected: mean,
      interval: [q((1 - level) / 2), q(1 - (1 - level) / 2)],
      pValue: (1 + atLeast) / (1 + xs.length),
    };
  };
  const links = stat(observed.links, nullLinks);
  const pct = Math.round(level * 100);
  return {
    links,
    cascades: stat(observed.cascades, nullCascades),
    reciprocity:
      groups && !Number.isNaN(observed.rec) && nullRec.length > 0
        ? stat(observed.rec, nullRec)
        : null,
    runs,
    summary:
      `${count(links.observed, 'link')}; about ${Math.round(links.expected)} expected by chance ` +
      `(${pct}% ${links.interval[0]}–${links.interval[1]}), p = ${+links.pValue.toFixed(3)}`,
  };
}
retaliationNullModel.defaults = { ...RETALIATION_DEFAULTS, ...DEFAULTS };

/** Connected sets of ≥ 2 incidents joined by links (union–find over link endpoints). */
function countCascades(from: Int32Array, to: Int32Array): number {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    for (;;) {
      const p = parent.get(x)!;
      if (p === x) return x;
      const g = parent.get(p)!;
      parent.set(x, g);
      x = g;
    }
  };
  for (let l = 0; l < from.length; l++) {
    if (!parent.has(from[l])) parent.set(from[l], from[l]);
    if (!parent.has(to[l])) parent.set(to[l], to[l]);
    const a = find(from[l]);
    const b = find(to[l]);
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  let n = 0;
  for (const x of parent.keys()) if (find(x) === x) n++;
  return n;
}
