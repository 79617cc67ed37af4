/**
 * Excitation along victim–offender ties (issue #10, 2026-12-04): the network Hawkes fit with and
 * without `victimOffenderTies` on worlds whose contagion runs along victim–offender ties
 * (bench/worlds-unseen2-harness.ts, channel 'victim-offender'), the same worlds without
 * contagion, and synthCity's feud worlds (retaliation between rival groups, severity 2) with and
 * without feuds. One JSON line per fit is appended to `out`.
 *
 *   nice -n 19 npx tsx bench/victim-offender.ts [seeds=20] [worlds=vo:yes,vo:no,feud:yes,feud:no] [out=/tmp/vo.jsonl]
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { Dataset } from '../src/core/types.js';
import { synthCity } from '../src/synth/index.js';
import { WORLD_CONTAGION } from '../src/synth/presets.js';
import { world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const which = (process.argv[3] ?? 'vo:yes,vo:no,feud:yes,feud:no').split(',');
const out = process.argv[4] ?? '/tmp/vo.jsonl';
const first = Number(process.env.FIRST ?? 1);

interface World {
  data: Dataset;
  minSeverity: number;
  truth: Record<string, number | null>;
}

function make(name: string, seed: number): World {
  if (name.startsWith('vo:')) {
    const w = world2({ seed, alpha: name === 'vo:yes' ? 0.05 : 0, channel: 'victim-offender' });
    // Of the triggered events, those whose victim is the parent incident's offender (a direct
    // victim–offender tie) and those on the offender's co-offenders.
    const off = new Map<string, string>();
    const vic = new Map<string, string>();
    for (const v of w.data.involvements) {
      if (v.role === 'offender') off.set(v.incident_id, v.person_id);
      if (v.role === 'victim') vic.set(v.incident_id, v.person_id);
    }
    let direct = 0;
    let triggered = 0;
    for (const e of w.serious) {
      if (!e.triggered || !e.parent) continue;
      triggered++;
      if (off.get(e.parent) === vic.get(e.id)) direct++;
    }
    return {
      data: w.data,
      minSeverity: 3,
      truth: {
        share: w.trueShareRecorded,
        directShare: w.recorded ? direct / w.recorded : 0,
        sideShare: w.recorded ? (triggered - direct) / w.recorded : 0,
        delayMean: w.trueDelayMean,
        events: w.recorded,
      },
    };
  }
  const feud = name === 'feud:yes';
  const c = synthCity({
    people: 3000,
    years: 6,
    seed,
    contagion: { ...WORLD_CONTAGION, alpha: 0 },
    feud: feud ? { rivalries: 20 } : false,
  });
  return {
    data: c.data,
    minSeverity: 2,
    truth: {
      feudIncidents: c.truth.feudIncidents?.length ?? 0,
      retaliations: c.truth.retaliations?.length ?? 0,
    },
  };
}

for (const name of which)
  for (let seed = first; seed < first + seeds; seed++) {
    const w = make(name, seed);
    const row: Record<string, unknown> = { world: name, seed, truth: w.truth, load: loadavg()[0] };
    for (const vo of [false, 'direct', 'sides'] as const) {
      const t0 = performance.now();
      const m = fitNetworkHawkes(w.data, { minSeverity: w.minSeverity, victimOffenderTies: vo });
      row[vo === false ? 'base' : vo] = {
        events: m.diagnostics.events,
        share: m.contagionShare,
        coOffending: m.shares.coOffending ?? m.contagionShare,
        victimOffender: m.shares.victimOffender ?? 0,
        alpha: m.parameters.alpha,
        alphaSe: m.standardErrors.alpha,
        alphaVo: m.parameters.alphaVictimOffender ?? null,
        alphaVoSe: m.standardErrors.alphaVictimOffender ?? null,
        identified: m.identified,
        kernel: m.kernel.type,
        kernelMean: m.kernel.meanDays,
        delayMean: m.delays.mean,
        branching: m.branchingRatio,
        logLik: m.logLikelihood,
        warnings: m.warnings.length,
        seconds: (performance.now() - t0) / 1000,
      };
    }
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    const b = row.base as Record<string, number>;
    const pct = (x: number) => (100 * x).toFixed(1);
    const t = w.truth;
    const f = (k: string) => {
      const v = row[k] as Record<string, number>;
      return `${k} ${pct(v.share)}% (co ${pct(v.coOffending)}, vo ${pct(v.victimOffender)}) id ${v.identified} αvo ${v.alphaVo?.toPrecision(3)}±${v.alphaVoSe?.toPrecision?.(2)} kmean ${v.kernelMean.toFixed(0)} ${v.seconds.toFixed(1)}s`;
    };
    console.log(
      `${name} ${seed}: truth ${t.share === undefined ? JSON.stringify(t) : `${pct(t.share ?? 0)}% (direct ${pct(t.directShare ?? 0)})`} | base ${pct(b.share)}% id ${b.identified} | ${f('direct')} | ${f('sides')}`,
    );
  }
