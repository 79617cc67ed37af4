/**
 * The tail score's one scoring step (2026-12-05, issue #10): the default fit (standardErrors: false) on cities,
 * its kernel mean and the two-part kernel's mean one step from it (`diagnostics.tailScore`).
 *   nice -n 19 npx tsx bench/delaytail-onestep.ts <from> <to> <worlds> [out]
 * worlds as bench/heavytail.ts: w2:<delay>[:no], sc:<world>[:no].
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';
import { type DelayShape, world2 } from './worlds-unseen2-harness.js';

const from = Number(process.argv[2] ?? 101);
const to = Number(process.argv[3] ?? 110);
const worlds = (process.argv[4] ?? 'w2:lognormal1,w2:exp60').split(',');
const out = process.argv[5] ?? '/tmp/delaytail-onestep.jsonl';
const people = Number(process.env.PEOPLE ?? 3000);
for (const wname of worlds)
  for (let seed = from; seed <= to; seed++) {
    const [kind, name, c] = wname.split(':');
    const contagion = c !== 'no';
    let w: {
      data: Parameters<typeof fitNetworkHawkes>[0];
      kernelMean: number | null;
      trueShareRecorded: number;
    };
    if (kind === 'w2')
      w = world2({ seed, people, delay: name as DelayShape, alpha: contagion ? 0.05 : 0 });
    else {
      const city = synthCity(
        misspecifiedWorld(name as MisspecifiedWorldName, { seed, people, contagion }),
      );
      w = {
        data: city.data,
        kernelMean: contagion ? city.truth.kernelMeanDelay : null,
        trueShareRecorded: city.truth.triggeredShare,
      };
    }
    const t = performance.now();
    const m = fitNetworkHawkes(w.data, { standardErrors: false });
    const ts = m.diagnostics.tailScore;
    const row = {
      world: wname,
      seed,
      trueDelay: w.kernelMean,
      trueShare: w.trueShareRecorded,
      share: m.contagionShare,
      kernel: m.kernel.type + (m.kernel.shape ? m.kernel.shape : ''),
      kmean: m.kernel.meanDays,
      identified: m.identified,
      z: ts?.z ?? null,
      tmean: ts?.meanDays ?? null,
      alpha: m.parameters.alpha,
      warned: m.warnings.some((x) => x.startsWith('The delays have a longer tail')),
      s: (performance.now() - t) / 1000,
      load: loadavg()[0],
    };
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    console.log(
      `${wname} ${seed}: ${row.kernel} kmean ${row.kmean.toFixed(1)} two-part ${row.tmean?.toFixed(1)} (true ${row.trueDelay?.toFixed(1)}) z ${row.z?.toFixed(2)} ${row.s.toFixed(1)}s load ${row.load.toFixed(1)}`,
    );
  }
