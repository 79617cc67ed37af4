/**
 * Where the fitted model's over-prediction at a cut comes from (issue 10): for each cut, the
 * fitted aggregate background at the cut, Σ_k e^(γ·z_k(cut)) over the people at risk, against its
 * average over the last trend bin (Σ_rows e^(γ·z_r) A0[r, last] / bin length) — the in-sample
 * level the last bin's rate is calibrated to. A ratio above 1 is growth of the record covariates
 * inside the bin that the flat bin does not follow, carried into the forecast.
 *
 *   npx tsx bench/eo-drift.ts [world=heterogeneous] [seeds=5] [people=3000] [contagion=0]
 */

import { atRiskAt, countsBefore } from '../src/contagion/hawkes/background.js';
import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import { personFactor } from '../src/contagion/hawkes/model.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

const worldName = (process.argv[2] ?? 'heterogeneous') as MisspecifiedWorldName;
const seeds = Number(process.argv[3] ?? 5);
const people = Number(process.argv[4] ?? 3000);
const contagion = process.argv[5] === '1';
const extra: Omit<NetworkHawkesOptions, 'asOf'> = JSON.parse(process.env.FIT_OPTIONS ?? '{}');
const CUTS = 6;
const H = 180;
let sumE = 0;
let sumO = 0;
console.log('seed cut lastBinDays G(no frailty) G(frailty) E_bg/O inBinE/O');
const seedList = process.env.SEEDS
  ? process.env.SEEDS.split(',').map(Number)
  : Array.from({ length: seeds }, (_, i) => i + 1);
for (const seed of seedList) {
  const city = synthCity(misspecifiedWorld(worldName, { seed, people, contagion }));
  const days = city.data.incidents.map((i) => Date.parse(i.date) / 86400000);
  const end = Math.max(...days) + 1;
  const serious = city.data.incidents.filter((i) => i.severity >= 3).map((i) => i.incident_id);
  const seriousSet = new Set(serious);
  const dayOf = new Map(
    city.data.incidents.map((i) => [i.incident_id, Date.parse(i.date) / 86400000]),
  );
  const victimDays = city.data.involvements
    .filter((v) => v.role === 'victim' && seriousSet.has(v.incident_id))
    .map((v) => ({ p: v.person_id, d: dayOf.get(v.incident_id)! }));
  for (let c = CUTS; c >= 1; c--) {
    const cut = end - c * H;
    const m = fitNetworkHawkes(city.data, {
      asOf: new Date(cut * 86400000).toISOString().slice(0, 10),
      standardErrors: false,
      retentionYears: 6,
      ...extra,
    });
    const s = m.state;
    const bg = s.bg;
    const B = bg.B;
    const L = bg.edges[B] - bg.edges[B - 1];
    let inBin = 0;
    for (let r = 0; r < bg.nRows; r++) {
      let v = 0;
      for (let f = 0; f < bg.d; f++) v += s.theta[f] * bg.Z[r * bg.d + f];
      inBin += Math.exp(v) * bg.A0[r * B + B - 1];
    }
    const inBinPerDay = inBin / L;
    let atCut = 0;
    let atCutF = 0;
    const alive = new Set<string>();
    const ids = s.data.index.personIds;
    for (let k = 0; k < s.data.nPeople; k++) {
      if (!atRiskAt(bg, k, cut)) continue;
      const f = personFactor(s, k, countsBefore(s.data, k, cut, false, s.bg.recordDays), cut);
      atCut += f;
      atCutF += f * (s.frailty ? s.frailty[k] : 1);
      alive.add(ids[k]);
    }
    // Observed serious victimisations in the horizon among the people at risk at the cut, and
    // in the last bin (in-sample) among everyone.
    let O = 0;
    let Obin = 0;
    for (const v of victimDays) {
      if (v.d >= cut && v.d < cut + H && alive.has(v.p)) O++;
      if (v.d >= bg.edges[B - 1] && v.d < cut) Obin++;
    }
    const Ebg = s.rates[B - 1] * atCutF * H;
    const EbinIn = s.rates[B - 1] * inBin;
    sumE += Ebg;
    sumO += O;
    console.log(
      `${seed} ${c} ${L.toFixed(0)} ${(atCut / inBinPerDay).toFixed(3)} ${(atCutF / inBinPerDay).toFixed(3)} ${(Ebg / O).toFixed(3)} ${(EbinIn / Obin).toFixed(3)}`,
    );
  }
}
console.log(`pooled E_bg/O ${(sumE / sumO).toFixed(3)}`);
