// Fit the network contagion model (a Hawkes process on the co-offending network, after Green,
// Horel & Papachristos 2017) and compare it with the truth the synthetic city was made from;
// then simulate what offering support to the people most at risk could avert.
//   node examples/04-fit-contagion-model.mjs
import {
  fitNetworkHawkes,
  rankForOutreach,
  simulateNetworkHawkes,
  synthCity,
} from '../dist/index.js';

const { data, truth } = synthCity({
  people: 3000,
  seed: 1,
  contagion: { alpha: 0.1, beta: 1 / 125 },
});
const asOf = '2024-01-01';
const model = fitNetworkHawkes(data, { asOf });
// Read the warnings first: an explosive or unidentified fit's figures and forecasts are not findings.
for (const w of model.warnings) console.log(`warning: ${w}`);

const p = model.parameters;
const se = model.standardErrors;
console.log(`events: ${model.diagnostics.events} serious-violence victimisations`);
console.log(
  `alpha ${p.alpha.toFixed(3)} ± ${se.alpha.toFixed(3)}   (true ${truth.contagion.alpha})`,
);
console.log(`beta  ${p.beta.toFixed(4)} ± ${se.beta.toFixed(4)}  (true ${truth.contagion.beta})`);
console.log(
  `share attributed to contagion ${(model.contagionShare * 100).toFixed(1)}% (true ${(truth.triggeredShare * 100).toFixed(1)}%)`,
);
console.log(
  `infector → infectee delay: mean ${model.delays.mean.toFixed(0)} days, median ${model.delays.median.toFixed(0)}`,
);
console.log(`branching ratio ${model.branchingRatio.toFixed(2)} (events each event triggers)`);
console.log(
  `log-likelihood ${model.logLikelihood.toFixed(1)}, AIC ${model.aic.toFixed(1)}, converged ${model.converged}`,
);

console.log('\nLargest contagion cascades (by most likely infector):');
model.cascades.select('cascade_id', 'root', 'start', 'end', 'size', 'n_people').print(3);

// Offer support to the 50 people with the highest risk: halve the excitation they receive.
const list = rankForOutreach(data, { asOf, model, limit: 50 });
const sim = simulateNetworkHawkes(model, {
  from: asOf,
  days: 365,
  runs: 50,
  seed: 1,
  intervention: { people: list.array('person_id'), factor: 0.5, on: 'received' },
});
const f = (x) => x.toFixed(1);
console.log(
  `\nNext year: ${f(sim.events.mean)} events expected; reaching the top 50 could avert ${f(sim.averted.mean)} (90% interval ${f(sim.averted.lo)}–${f(sim.averted.hi)}).`,
);
