/**
 * The fit's victim–offender check (2026-12-05 d): its score (victimOffenderScore) on worlds with
 * and without contagion along victim–offender ties, and what the default fit then warns.
 * One JSON line per city.
 *
 *   WORLDS=vo:yes,vo:no,co:yes,co:no,hot:no,all:yes,all:no,feud:yes,feud:no N=10 PEOPLE=3000 npx tsx bench/victim-offender-check.ts
 *
 * both: the same harness, contagion along both kinds of tie (α 0.05 each).
 * vo: bench/worlds-unseen2-harness.ts with channel 'victim-offender' (retaliation on the one who
 * harmed the parent's victim or their co-offenders), α 0.05 or 0; co: the same harness, contagion
 * along co-offending ties; hot / all: misspecifiedWorld's hot periods and all four departures
 * (synthCity, co-offending contagion); feud: synthCity with 20 rivalries (retaliation between
 * rival groups, severity 2, fitted with minSeverity 2) or none.
 */
import { loadavg } from 'node:os';
import {
  fitNetworkHawkes,
  VICTIM_OFFENDER_WARNING,
  victimOffenderScore,
} from '../src/contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import type { Dataset } from '../src/core/types.js';
import { misspecifiedWorld, synthCity } from '../src/synth/index.js';
import { WORLD_CONTAGION } from '../src/synth/presets.js';
import { world2 } from './worlds-unseen2-harness.js';

const worlds = (process.env.WORLDS ?? 'vo:yes,vo:no').split(',');
const n = Number(process.env.N ?? 10);
const first = Number(process.env.FIRST ?? 1);
const people = Number(process.env.PEOPLE ?? 3000);

function make(
  name: string,
  seed: number,
): { data: Dataset; options: NetworkHawkesOptions; truth: number | null } {
  const [kind, c] = name.split(':');
  const yes = c === 'yes';
  if (kind === 'vo' || kind === 'co' || kind === 'both') {
    const w = world2({
      seed,
      people,
      alpha: yes ? 0.05 : 0,
      channel: kind === 'vo' ? 'victim-offender' : kind === 'both' ? 'both' : 'co-offending',
    });
    return { data: w.data, options: {}, truth: w.trueShareRecorded };
  }
  if (kind === 'hot' || kind === 'all') {
    const city = synthCity(
      misspecifiedWorld(kind === 'hot' ? 'hot-periods' : 'all', {
        seed,
        people,
        ...(yes ? {} : { contagion: false }),
      }),
    );
    return { data: city.data, options: {}, truth: null };
  }
  const city = synthCity({
    people,
    years: 6,
    seed,
    contagion: { ...WORLD_CONTAGION, alpha: 0 },
    feud: { rivalries: yes ? 20 : 0 },
  });
  return { data: city.data, options: { minSeverity: 2 }, truth: null };
}

for (const world of worlds)
  for (let seed = first; seed < first + n; seed++) {
    const { data, options, truth } = make(world, seed);
    const t0 = process.cpuUsage();
    const m = fitNetworkHawkes(data, options);
    const fitCpu = process.cpuUsage(t0);
    const t1 = process.cpuUsage();
    const z = victimOffenderScore(m);
    const scoreCpu = process.cpuUsage(t1);
    const warned = m.warnings.find((w) => w.startsWith(VICTIM_OFFENDER_WARNING));
    console.log(
      JSON.stringify({
        world,
        seed,
        truth: truth === null ? null : +(100 * truth).toFixed(1),
        share: +(100 * m.contagionShare).toFixed(1),
        identified: m.identified,
        z: +z.toFixed(2),
        warned: warned ? warned.replace(/^.*finds a share of ([0-9.]+%).*$/, '$1') : null,
        fitS: +((fitCpu.user + fitCpu.system) / 1e6).toFixed(2),
        scoreS: +((scoreCpu.user + scoreCpu.system) / 1e6).toFixed(3),
        load: +loadavg()[0].toFixed(1),
      }),
    );
  }
