/**
 * Tables of bench/sharedwin.ts (the shared-risk check's window) and the rule of
 * bench/results/sharedwin-2026-12-05.md applied to them, as markdown on stdout.
 *
 *   npx tsx bench/sharedwin-report.ts <sharedwin.jsonl,…>
 */
import { readFileSync } from 'node:fs';
import { medianMid as median, medianInterval } from './timing.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON rows of the bench, read as they were written
type Row = Record<string, any>;
const rows: Row[] = [];
{
  const seen = new Set<string>();
  for (const f of (process.argv[2] ?? '/tmp/sharedwin.jsonl').split(','))
    for (const l of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(l);
      const key = `${r.world}|${r.contagion}|${r.seed}`;
      if (!seen.has(key)) rows.push(r);
      seen.add(key);
    }
}

const pp = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');
const pp2 = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '—');

interface Cell {
  id: string;
  name: string;
  world: string;
  contagion: boolean;
  groups: string;
}
const CELLS: Cell[] = [
  { id: 'A', name: 'drift, area', world: 'shocks', contagion: true, groups: 'people' },
  { id: 'B', name: 'drift, Louvain', world: 'shocks', contagion: true, groups: 'louvain' },
  {
    id: 'C',
    name: "group multiplier, people table's groups",
    world: 'group-frailty',
    contagion: true,
    groups: 'people',
  },
  {
    id: 'D',
    name: 'group multiplier, Louvain',
    world: 'group-frailty',
    contagion: true,
    groups: 'louvain',
  },
  {
    id: 'E',
    name: 'ties by latent risk',
    world: 'assortative',
    contagion: true,
    groups: 'default',
  },
  { id: 'F', name: 'control', world: 'control', contagion: true, groups: 'default' },
  { id: 'N1', name: 'drift, area', world: 'shocks', contagion: false, groups: 'people' },
  { id: 'N2', name: 'drift, Louvain', world: 'shocks', contagion: false, groups: 'louvain' },
  {
    id: 'N3',
    name: "group multiplier, people table's groups",
    world: 'group-frailty',
    contagion: false,
    groups: 'people',
  },
  {
    id: 'N4',
    name: 'group multiplier, Louvain',
    world: 'group-frailty',
    contagion: false,
    groups: 'louvain',
  },
  {
    id: 'N5',
    name: 'ties by latent risk',
    world: 'assortative',
    contagion: false,
    groups: 'default',
  },
  { id: 'N6', name: 'control', world: 'control', contagion: false, groups: 'default' },
];
const windows = [
  ...new Set(rows.flatMap((r) => (r.checks as Row[]).map((k) => k.window as string))),
];
const BASE = '730';
const check = (r: Row, groups: string, win: string): Row =>
  (r.checks as Row[]).find((k) => k.groups === groups && k.window === win) as Row;
const cityRows = (c: Cell) =>
  rows.filter((r) => r.world === c.world && r.contagion === c.contagion);

interface Stat {
  n: number;
  paired: number;
  medAbs: number;
  medAbsBase: number;
  signed: number;
  ci: [number, number] | null;
  worst: number;
  worstSeed: number;
  diff: number;
  better: number;
  worse: number;
  warned: number;
  notIdentified: number;
  identified: number;
  newlyIdentified: number;
  days: string;
  cpu: number;
}
function stat(c: Cell, win: string): Stat {
  const rs = cityRows(c);
  const both = rs.filter(
    (r) => check(r, c.groups, win).report !== null && check(r, c.groups, BASE).report !== null,
  );
  const err = (r: Row, w: string) => check(r, c.groups, w).report - r.trueShare;
  const e = both.map((r) => err(r, win));
  const worst = both.reduce<Row | null>(
    (a, r) => (a === null || Math.abs(err(r, win)) > Math.abs(err(a, win)) ? r : a),
    null,
  );
  const d = both.map((r) => Math.abs(err(r, BASE)) - Math.abs(err(r, win)));
  const days = rs.filter((r) => r.runs).map((r) => check(r, c.groups, win).days as number);
  const cpu = rs.filter((r) => r.runs).map((r) => check(r, c.groups, win).cpu as number);
  return {
    n: rs.length,
    paired: both.length,
    medAbs: median(e.map(Math.abs)),
    medAbsBase: median(both.map((r) => Math.abs(err(r, BASE)))),
    signed: median(e),
    ci: medianInterval(e),
    worst: worst ? err(worst, win) : Number.NaN,
    worstSeed: worst ? worst.seed : -1,
    diff: median(d),
    better: d.filter((x) => x > 1e-9).length,
    worse: d.filter((x) => x < -1e-9).length,
    warned: rs.filter((r) => check(r, c.groups, win).warned).length,
    notIdentified: rs.filter((r) => !check(r, c.groups, win).identified).length,
    identified: rs.filter((r) => check(r, c.groups, win).identified).length,
    newlyIdentified: rs.filter(
      (r) => check(r, c.groups, win).identified && !check(r, c.groups, BASE).identified,
    ).length,
    days: days.length ? `${Math.min(...days)}–${Math.max(...days)}` : '—',
    cpu: median(cpu),
  };
}

const seeds = [...new Set(rows.map((r) => r.seed as number))].sort((a, b) => a - b);
const loads = rows.map((r) => r.load as number);
console.log(
  `Seeds ${seeds[0]}–${seeds[seeds.length - 1]} (${seeds.length}); ${rows.length} cities; load average (1 min) at each city's line ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, median ${median(loads).toFixed(1)}; the check ran on ${rows.filter((r) => r.runs).length} cities; the fit's CPU median ${median(rows.map((r) => r.fitCpu)).toFixed(2)} s.\n`,
);
console.log('### With contagion: the share to report\n');
console.log(
  '| cell | world, groups | W | days | reported (paired) | median abs error pp (730 on the same cities) | signed median [95%] | worst (seed) | paired: median gain pp, better / worse | warned | marked not identified | check CPU s (median) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const stats = new Map<string, Stat>();
for (const c of CELLS)
  for (const win of windows) {
    const s = stat(c, win);
    stats.set(`${c.id}|${win}`, s);
    if (!c.contagion) continue;
    console.log(
      `| ${c.id} | ${c.name} | ${win} | ${s.days} | ${s.paired} of ${s.n} | ${pp2(s.medAbs)} (${pp2(s.medAbsBase)}) | ${pp(s.signed)} [${s.ci ? `${pp(s.ci[0])}, ${pp(s.ci[1])}` : '—'}] | ${pp(s.worst)} (${s.worstSeed}) | ${pp2(s.diff)}, ${s.better} / ${s.worse} | ${s.warned} | ${s.notIdentified} | ${Number.isFinite(s.cpu) ? s.cpu.toFixed(2) : '—'} |`,
    );
  }
console.log('\n### Without contagion\n');
console.log(
  '| cell | world, groups | W | cities | warned | identified (newly against 730) | identified fits: shares |',
);
console.log('|---|---|---|---|---|---|---|');
for (const c of CELLS) {
  if (c.contagion) continue;
  for (const win of windows) {
    const s = stats.get(`${c.id}|${win}`)!;
    const shares = cityRows(c)
      .filter((r) => check(r, c.groups, win).identified)
      .map((r) => `${pp(r.share)}% (${r.seed})`);
    console.log(
      `| ${c.id} | ${c.name} | ${win} | ${s.n} | ${s.warned} | ${s.identified} (${s.newlyIdentified}) | ${shares.join(', ') || '—'} |`,
    );
  }
}

console.log('\n### The rule\n');
const get = (id: string, w: string) => stats.get(`${id}|${w}`)!;
const winners: { win: string; least: number }[] = [];
for (const win of windows) {
  if (win === BASE) continue;
  const fails: string[] = [];
  const gains = ['A', 'B', 'C', 'D'].map((id) => {
    const s = get(id, win);
    return { id, gain: s.medAbsBase - s.medAbs };
  });
  for (const g of gains)
    if (!(g.gain >= 0.003 - 1e-12)) fails.push(`1 (${g.id}: ${pp2(g.gain)} pp)`);
  for (const id of ['N1', 'N2', 'N3', 'N4', 'N5', 'N6']) {
    const s = get(id, win);
    if (s.newlyIdentified > 0) fails.push(`2 (${id}: ${s.newlyIdentified} newly identified)`);
  }
  for (const id of ['E', 'F']) {
    const s = get(id, win);
    if (s.medAbs - s.medAbsBase > 0.002 + 1e-12)
      fails.push(`3 (${id}: ${pp2(s.medAbs - s.medAbsBase)} pp worse)`);
  }
  const warned = (w: string) => get('F', w).warned + get('N6', w).warned;
  if (warned(win) > warned(BASE)) fails.push(`4 (control warned ${warned(win)} > ${warned(BASE)})`);
  for (const id of ['A', 'B', 'C', 'D', 'E', 'F'])
    if (get(id, win).notIdentified > get(id, BASE).notIdentified)
      fails.push(
        `5 (${id}: ${get(id, win).notIdentified} > ${get(id, BASE).notIdentified} not identified)`,
      );
  const least = Math.min(...gains.map((g) => g.gain));
  console.log(
    `- W = ${win}: gains over A–D ${gains.map((g) => `${g.id} ${pp2(g.gain)}`).join(', ')} pp; ${fails.length ? `**fails** ${fails.join('; ')}` : '**passes**'}`,
  );
  if (!fails.length) winners.push({ win, least });
}
winners.sort((a, b) => b.least - a.least);
console.log(
  `\n**Verdict:** ${winners.length ? `W = ${winners[0].win} replaces 730` : '730 stays (no candidate passes)'}.`,
);
