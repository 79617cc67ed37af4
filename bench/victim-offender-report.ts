/**
 * Tables of bench/victim-offender.ts's JSON lines (markdown on stdout). For the feud worlds the
 * true share is computed here: the victims of retaliation incidents (synthCity's
 * truth.retaliations) over the events the fit modelled.
 *
 *   npx tsx bench/victim-offender-report.ts /tmp/vo.jsonl
 */
import { readFileSync } from 'node:fs';
import { synthCity } from '../src/synth/index.js';
import { WORLD_CONTAGION } from '../src/synth/presets.js';

type Fit = Record<string, number | boolean | null | string>;
interface Row {
  world: string;
  seed: number;
  truth: Record<string, number | null>;
  load: number;
  base: Fit;
  direct: Fit;
  sides: Fit;
}
const rows: Row[] = readFileSync(process.argv[2] ?? '/tmp/vo.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
for (const r of rows)
  if (r.world === 'feud:yes') {
    const c = synthCity({
      people: 3000,
      years: 6,
      seed: r.seed,
      contagion: { ...WORLD_CONTAGION, alpha: 0 },
      feud: { rivalries: 20 },
    });
    const answers = new Set(c.truth.retaliations.map((x) => x.to));
    let victims = 0;
    for (const v of c.data.involvements)
      if (v.role === 'victim' && answers.has(v.incident_id)) victims++;
    r.truth.share = victims / (r.base.events as number);
  } else if (r.truth.share === undefined) r.truth.share = 0;

const med = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
const pp = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');
const worlds = [...new Set(rows.map((r) => r.world))];
console.log(
  '| world | seeds | true share (median; range) | fit | share (median; range) | error pp: median / worst | along co-offending / victim–offender ties (median) | identified | share ≥ 5% & identified | kernel mean, days (median, identified) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const w of worlds) {
  const g = rows.filter((r) => r.world === w);
  const truth = g.map((r) => r.truth.share as number);
  for (const k of ['base', 'direct', 'sides'] as const) {
    const share = g.map((r) => r[k].share as number);
    const err = share.map((x, i) => x - truth[i]);
    let worst = 0;
    for (let i = 1; i < err.length; i++) if (Math.abs(err[i]) > Math.abs(err[worst])) worst = i;
    const id = g.filter((r) => r[k].identified);
    console.log(
      `| ${w} | ${g.length} | ${pct(med(truth))}; ${pct(Math.min(...truth))}–${pct(Math.max(...truth))} | ${k === 'base' ? 'default (off)' : `'${k}'`} | ${pct(med(share))}; ${pct(Math.min(...share))}–${pct(Math.max(...share))} | ${pp(med(err.map(Math.abs)))} / ${pp(err[worst])} (seed ${g[worst].seed}) | ${k === 'base' ? '—' : `${pct(med(g.map((r) => r[k].coOffending as number)))} / ${pct(med(g.map((r) => r[k].victimOffender as number)))}`} | ${id.length} | ${g.filter((r) => r[k].identified && (r[k].share as number) >= 0.05).length} | ${id.length ? med(id.map((r) => r[k].kernelMean as number)).toFixed(0) : '—'} |`,
    );
  }
}
console.log('\n## Every fit\n');
console.log(
  '| world | seed | load | true share (direct part) | default share, id | direct: share (co / vo), α_vo (SE), id, kernel mean | sides: share (co / vo), α_vo (SE), id, kernel mean |',
);
console.log('|---|---|---|---|---|---|---|');
const f = (x: Fit) =>
  `${pct(x.share as number)} (${pct(x.coOffending as number)} / ${pct(x.victimOffender as number)}), ${typeof x.alphaVo === 'number' ? x.alphaVo.toPrecision(2) : '—'} (${typeof x.alphaVoSe === 'number' ? x.alphaVoSe.toPrecision(2) : '—'}), ${x.identified ? 'yes' : 'no'}, ${(x.kernelMean as number).toFixed(0)}`;
for (const r of rows)
  console.log(
    `| ${r.world} | ${r.seed} | ${r.load.toFixed(1)} | ${pct(r.truth.share as number)}${r.truth.directShare !== undefined ? ` (${pct(r.truth.directShare as number)})` : ''} | ${pct(r.base.share as number)}, ${r.base.identified ? 'yes' : 'no'} | ${f(r.direct)} | ${f(r.sides)} |`,
  );
