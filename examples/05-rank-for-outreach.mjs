// The ranked list of people to offer support to, with the reasons a caseworker can read, an
// audit of who is on it, and an export that carries its purpose label.
//   node examples/05-rank-for-outreach.mjs
import {
  auditList,
  exportList,
  fitNetworkHawkes,
  rankForOutreach,
  synthCity,
} from '../dist/index.js';

const { data } = synthCity({ people: 3000, seed: 5 });
const asOf = '2024-01-01';

// With the fitted contagion model; without `model`, a transparent exposure score is used.
const model = fitNetworkHawkes(data, { asOf });
const list = rankForOutreach(data, { asOf, model, horizonDays: 90, limit: 25 });

for (const person of list.objects().slice(0, 3)) {
  console.log(`#${person.rank} ${person.person_id} (score ${person.score.toFixed(3)})`);
  console.log(`  ${person.explanation}`);
  // The parts of the score sum exactly to it.
  for (const reason of person.reasons.slice(0, 4)) console.log(`  - ${reason}`);
  if (person.reasons.length > 4) console.log(`  - … and ${person.reasons.length - 4} more`);
}

// Who is on the list, compared with who was harmed and with the whole network, by area and group.
console.log('\nAudit (a ratio of 1 is proportionate):');
auditList(data, list, { by: ['area'] })
  .select('attribute', 'value', 'list_n', 'list_share', 'population_share', 'list_vs_population')
  .orderby((d) => -d.list_n)
  .print(5);

// What leaves the building: the purpose label, parameters and data window head the file.
const csv = exportList(list, { format: 'csv' });
console.log(`\n${csv.split('\n').slice(0, 3).join('\n')}\n…`);
