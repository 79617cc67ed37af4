/**
 * `forecastLevel: 'last-bin'` where the covariates' drift is real (issue 10): a world simulated
 * from a fitted model itself, so each person's background does rise with their records and years
 * since the first record (e^(γ·x_k(t)), the fitted γ), with a flat trend (every bin's rate set to
 * the fitted last bin's) and no contagion (α = 0). A refit at each cut on the simulated records
 * before it forecasts the next 180 days with the covariates at the cut ('covariates') and with the
 * forecast held at the last bin's level ('last-bin'); observed: the simulated events of the
 * people at risk at the cut. Where the drift is real, 'covariates' should be right and
 * 'last-bin' low by about G.
 *
 *   npx tsx bench/level-rise.ts [seeds=4] [people=6000]
 */
import { atRiskAt } from '../src/contagion/hawkes/background.js';
import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import { driftInEvents, risk } from '../src/contagion/hawkes/model.js';
import { simulateNetworkHawkes, withSimulatedOutcomes } from '../src/contagion/hawkes/simulate.js';
import { dayToIso } from '../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../src/synth/index.js';

const seeds = Number(process.argv[2] ?? 4);
const people = Number(process.argv[3] ?? 6000);
const H = 180;
const CUTS = 6;
const cpu0 = process.cpuUsage();
let sumCov = 0;
let sumLevel = 0;
let sumO = 0;
let sumChecked = 0;
const perSeed: string[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const city = synthCity(misspecifiedWorld('heterogeneous', { seed, people, contagion: false }));
  const m0 = fitNetworkHawkes(city.data, { standardErrors: false, frailty: false });
  const s0 = m0.state;
  const last = s0.rates[s0.rates.length - 1];
  s0.rates.fill(last);
  s0.alpha = 0;
  s0.alphaSelf = 0;
  const from = s0.data.start;
  const days = s0.data.end - s0.data.start;
  const sim = simulateNetworkHawkes(m0, {
    from: dayToIso(from),
    days,
    runs: 1,
    keepEvents: true,
    seed,
  });
  const data = withSimulatedOutcomes(m0, sim.simulated![0], { from, days });
  const simDays = sim.simulated![0].map((e) => ({ p: e.person_id, d: e.day }));
  let sc = 0;
  let sl = 0;
  let so = 0;
  let sk = 0;
  for (let c = CUTS; c >= 1; c--) {
    const cut = s0.data.end - c * H;
    const m = fitNetworkHawkes(data, { asOf: dayToIso(cut), standardErrors: false });
    const s = m.state;
    const total = (st: typeof s) =>
      risk(st, undefined, { from: dayToIso(cut), horizonDays: H }).reduce(
        (t, r) => t + r.expected,
        0,
      );
    const eLevel = total({ ...s, forecastLevel: 'last-bin' });
    const eCov = total({ ...s, forecastLevel: 'covariates' });
    const eChecked = total({ ...s, forecastLevel: 'drift-checked' });
    const alive = new Set<string>();
    for (let k = 0; k < s.data.nPeople; k++)
      if (atRiskAt(s.bg, k, cut)) alive.add(s.data.index.personIds[k]);
    let o = 0;
    for (const e of simDays) if (e.d >= cut && e.d < cut + H && alive.has(e.p)) o++;
    console.log(
      `seed ${seed} cut ${dayToIso(cut)}: E covariates ${eCov.toFixed(1)}, E last-bin ${eLevel.toFixed(1)} (G ${(eCov / eLevel).toFixed(3)}), E drift-checked ${eChecked.toFixed(1)} (ρ ${driftInEvents(s).toFixed(2)}), O ${o}`,
    );
    sc += eCov;
    sl += eLevel;
    sk += eChecked;
    so += o;
  }
  perSeed.push(
    `| ${seed} | ${(sc / so).toFixed(3)} | ${(sl / so).toFixed(3)} | ${(sk / so).toFixed(3)} | ${so} |`,
  );
  sumChecked += sk;
  sumCov += sc;
  sumLevel += sl;
  sumO += so;
}
const cpu = process.cpuUsage(cpu0);
console.log(
  '| seed | E/O covariates | E/O last-bin | E/O drift-checked | observed |\n|---|---|---|---|---|',
);
console.log(perSeed.join('\n'));
console.log(
  `| pooled | ${(sumCov / sumO).toFixed(3)} | ${(sumLevel / sumO).toFixed(3)} | ${(sumChecked / sumO).toFixed(3)} | ${sumO} (Poisson sd of O/E ≈ ${(1 / Math.sqrt(sumO)).toFixed(3)}) |`,
);
console.log(`CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s`);
