/**
 * Coverage and size of hawkesInference on misspecified worlds (issue 10), on 2 worker threads.
 *
 *   npx tsx bench/inference.ts coverage [seeds=20] [people=1500] [replicates=39]
 *       (WORLD=all, KERNEL=exponential|gamma) → bench/results/inference-coverage-<world>-<kernel>.md
 *       and the replicate values in bench/results/inference-coverage-<world>-<kernel>.json
 *   npx tsx bench/inference.ts recompute <results/….json>
 *       coverage of the 'normal' and 'basic' intervals (and percentile) from the saved refits
 *   npx tsx bench/inference.ts null [seeds=20] [people=1500] [nullReplicates=19]
 *       (NULL_WORLDS=heterogeneous,hot-periods,all; THREADS=2; OUT=inference-null)
 *       → bench/results/<OUT>.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { hawkesInferenceParallel } from '../src/node/parallel-hawkes-inference.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

const mode = process.argv[2] ?? 'coverage';
const [seeds, people, reps] = [20, 1500, mode === 'null' ? 19 : 39].map((d, i) =>
  Number(process.argv[3 + i] ?? d),
);
const load0 = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const pct = (x: number) => (100 * x).toFixed(1);
const header = (cmd: string) => {
  const cpu = process.cpuUsage(cpu0);
  const load1 = loadavg();
  return `\`${cmd}\` — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, \`hawkesInferenceParallel\` on 2 worker threads.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${load1.map((x) => x.toFixed(1)).join(' / ')} at the end (other agents' work on the same 2 cores). Wall ${((performance.now() - t0) / 1000).toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s (all threads).`;
};

if (mode === 'recompute') {
  type Saved = {
    truth: Record<string, number>;
    estimate: Record<string, number | null>;
    boot: number[][];
  };
  const saved = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Saved[];
  const q = (xs: number[], p: number) => {
    const s = xs.slice().sort((a, b) => a - b);
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * (s[Math.min(s.length - 1, lo + 1)] - s[lo]);
  };
  const z = 1.959964;
  const rows: string[] = [];
  for (const [name, col] of [
    ['share', 0],
    ['delay', 1],
    ['alpha', 2],
  ] as const) {
    const cover = { normal: 0, basic: 0, percentile: 0 };
    for (const r of saved) {
      const est = r.estimate[name];
      if (est === null || !(est > 0)) continue;
      const log = name !== 'share';
      const f = (x: number) => (log ? Math.log(x) : x);
      const g = (x: number) => (log ? Math.exp(x) : x);
      const b = r.boot
        .map((x) => x[col])
        .filter((x) => Number.isFinite(x) && (!log || x > 0))
        .map(f);
      const m = b.reduce((a, x) => a + x, 0) / b.length;
      const sd = Math.sqrt(b.reduce((a, x) => a + (x - m) ** 2, 0) / (b.length - 1));
      const t = r.truth[name];
      const fe = f(est);
      const inside = (lo: number, hi: number) => +(g(lo) <= t && t <= g(hi));
      cover.normal += inside(2 * fe - m - z * sd, 2 * fe - m + z * sd);
      cover.basic += inside(2 * fe - q(b, 0.975), 2 * fe - q(b, 0.025));
      cover.percentile += inside(q(b, 0.025), q(b, 0.975));
    }
    rows.push(
      `| ${name} | ${cover.normal}/${saved.length} | ${cover.basic}/${saved.length} | ${cover.percentile}/${saved.length} |`,
    );
  }
  console.log(
    `| quantity | normal (bias-corrected) | basic | percentile |\n|---|---|---|---|\n${rows.join('\n')}`,
  );
} else if (mode === 'coverage') {
  const world = (process.env.WORLD ?? 'all') as MisspecifiedWorldName;
  const kernel = (process.env.KERNEL ?? 'exponential') as 'exponential' | 'gamma';
  const lines: string[] = [];
  const dump: unknown[] = [];
  const cover = { share: 0, delay: 0, alpha: 0 };
  let done = 0;
  const placebos: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const { data, truth } = synthCity(misspecifiedWorld(world, { seed, people }));
    const inf = await hawkesInferenceParallel(data, {
      fit: { kernel },
      ...(process.env.INTERVAL ? { interval: process.env.INTERVAL as 'normal' | 'basic' } : {}),
      replicates: reps,
      nullReplicates: 0,
      placeboReplicates: 3,
      seed,
    });
    const iv = inf.intervals;
    if (!iv) continue;
    done++;
    const trueDelay = truth.kernelMeanDelay ?? 60;
    const inS = iv.share.lo <= truth.triggeredShare && truth.triggeredShare <= iv.share.hi;
    const d = iv.meanDelayDays;
    const inD = !!d && d.lo <= trueDelay && trueDelay <= d.hi;
    const inA = iv.alpha.lo <= 0.05 && 0.05 <= iv.alpha.hi;
    cover.share += +inS;
    cover.delay += +inD;
    cover.alpha += +inA;
    const pl = inf.placebo!;
    placebos.push(pl.median);
    const kc = inf.kernelCheck;
    const boot = (inf.replicates.objects() as Record<string, number | string>[]).filter(
      (r) => r.kind === 'bootstrap' && !r.error,
    );
    dump.push({
      seed,
      truth: { share: truth.triggeredShare, delay: trueDelay, alpha: 0.05 },
      estimate: { share: iv.share.estimate, delay: d?.estimate ?? null, alpha: iv.alpha.estimate },
      boot: boot.map((r) => [r.share, r.mean_delay_days, r.alpha]),
    });
    const line = `| ${seed} | ${inf.model.diagnostics.events} | ${pct(truth.triggeredShare)}% | ${pct(iv.share.estimate)}% [${pct(iv.share.lo)}, ${pct(iv.share.hi)}] ${inS ? '✓' : '✗'} | ${d ? `${d.estimate.toFixed(0)} [${d.lo.toFixed(0)}, ${d.hi.toFixed(0)}] ${inD ? '✓' : '✗'}` : '—'} | ${iv.alpha.estimate.toFixed(3)} [${iv.alpha.lo.toFixed(3)}, ${iv.alpha.hi.toFixed(3)}] ${inA ? '✓' : '✗'} | ${pct(pl.median)}% (${pl.identified}/${pl.shares.length}) | ${kc ? `κ ${kc.shape.toFixed(2)}, p ${kc.pValue.toPrecision(2)}` : '—'} |`;
    lines.push(line);
    console.log(line);
  }
  const name = `inference-coverage-${world}-${kernel}`;
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), JSON.stringify(dump, null, 1));
  const sorted = placebos.slice().sort((a, b) => a - b);
  const out = `# hawkesInference: 95% intervals on the \`${world}\` world, ${kernel} kernel

${header(`npx tsx bench/inference.ts coverage ${seeds} ${people} ${reps}`)} (WORLD=${world}, KERNEL=${kernel})

Cities: \`synthCity(misspecifiedWorld('${world}', { seed, people: ${people} }))\` (truth α = 0.05, kernel mean delay 60 days); inference \`hawkesInferenceParallel(data, { fit: { kernel: '${kernel}' }, replicates: ${reps}, nullReplicates: 0, placeboReplicates: 3, seed })\` (${process.env.INTERVAL ?? 'default'} intervals; rewired-ties placebo).

**Coverage over ${done} seeds: share ${cover.share}/${done}, kernel mean delay ${cover.delay}/${done}, α ${cover.alpha}/${done}** (target ≥ 90%). Placebo (rewired ties) median share over seeds ${pct(sorted[sorted.length >> 1] ?? Number.NaN)}%, worst ${pct(sorted[sorted.length - 1] ?? Number.NaN)}%.

| seed | events | true share | share [95%] | kernel mean delay, days [95%] | α [95%] | placebo share (identified) | kernel check (gamma shape, p of κ = 1) |
|---|---|---|---|---|---|---|---|
${lines.join('\n')}
`;
  writeFileSync(new URL(`./results/${name}.md`, import.meta.url), out);
  console.log(`wrote bench/results/${name}.md`);
} else {
  const worlds = (process.env.NULL_WORLDS ?? 'heterogeneous,hot-periods,all').split(
    ',',
  ) as MisspecifiedWorldName[];
  const sections: string[] = [];
  const summary: string[] = [];
  // Written after every seed, so a run stopped early keeps what it measured.
  const write = (done: boolean) => {
    const out = `# hawkesInference: the no-contagion test on worlds without contagion

${header(`npx tsx bench/inference.ts null ${seeds} ${people} ${reps}`)} (NULL_WORLDS=${worlds.join(',')})${done ? '' : ' — **partial: still running or stopped early**'}

Cities: \`synthCity(misspecifiedWorld(world, { seed, people: ${people}, contagion: false }))\`; inference \`hawkesInferenceParallel(data, { replicates: 0, nullReplicates: ${reps}, placeboReplicates: 0, kernelCheck: false, seed })\` (default fit options). With ${reps} null replicates the smallest p-value is ${(1 / (1 + reps)).toFixed(3)}, so "p ≤ 0.05" is the test at 5%. Target: rejected in ≤ 10% of seeds, and a fitted share below 5%.

| world | seeds | rejected at 5% | fitted share ≥ 5% | median / worst fitted share |
|---|---|---|---|---|
${summary.join('\n')}

${sections.join('\n\n')}
`;
    writeFileSync(
      new URL(`./results/${process.env.OUT ?? 'inference-null'}.md`, import.meta.url),
      out,
    );
  };
  for (const world of worlds) {
    const lines: string[] = [];
    const shares: number[] = [];
    let rejected = 0;
    let over5 = 0;
    summary.push('');
    sections.push('');
    for (let seed = 1; seed <= seeds; seed++) {
      const { data } = synthCity(misspecifiedWorld(world, { seed, people, contagion: false }));
      const inf = await hawkesInferenceParallel(data, {
        replicates: 0,
        nullReplicates: reps,
        placeboReplicates: 0,
        kernelCheck: false,
        seed,
        threads: Number(process.env.THREADS ?? 2),
      });
      const t = inf.noContagionTest!;
      if (t.pValue <= 0.05) rejected++;
      if (inf.model.contagionShare >= 0.05) over5++;
      shares.push(inf.model.contagionShare);
      const line = `| ${seed} | ${inf.model.diagnostics.events} | ${pct(inf.model.contagionShare)}% | ${t.statistic.toFixed(2)} | ${t.pValue.toFixed(3)} | ${pct(t.nullShares.p95)}% |`;
      lines.push(line);
      console.log(world, line);
      const sorted = shares.slice().sort((a, b) => a - b);
      summary[summary.length - 1] =
        `| ${world} | ${seed} | ${rejected} (${((100 * rejected) / seed).toFixed(0)}%) | ${over5} | ${pct(sorted[(sorted.length - 1) >> 1])}% / ${pct(sorted[sorted.length - 1])}% |`;
      sections[sections.length - 1] = `## \`${world}\` without contagion

| seed | events | fitted share | LR | p | 95th pct of null-replicate shares |
|---|---|---|---|---|---|
${lines.join('\n')}`;
      write(false);
    }
  }
  write(true);
  console.log('wrote bench/results/inference-null.md');
}
