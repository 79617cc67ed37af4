// Find retaliation links between violent incidents, the cascades they form, and how often an
// attack by one group on another is answered.  node examples/03-retaliation-cascades.mjs
import { cascades, groupReciprocity, retaliations, synthCity } from '../dist/index.js';

// A synthetic city with feuds between rival groups, so the retaliations have a known truth.
const { data, truth } = synthCity({ people: 2000, seed: 4, feud: { rivalries: 8 } });
const asOf = '2024-01-01';

const links = retaliations(data, { asOf, windowDays: 90 });
console.log(`${links.numRows()} retaliation links (B answers A within 90 days, sides matched):`);
links.select('from_incident', 'to_incident', 'lag_days', 'kind', 'severity_change').print(5);

// How many of the city's true retaliations were found, and how many links are true.
const truePairs = new Set(truth.retaliations.map((r) => `${r.from}>${r.to}`));
const found = links
  .objects()
  .filter((l) => truePairs.has(`${l.from_incident}>${l.to_incident}`)).length;
console.log(`recall ${(found / truePairs.size).toFixed(2)} of ${truePairs.size} true links`);

const { table } = cascades(links);
console.log(`\n${table.numRows()} cascades; the largest:`);
table
  .orderby((d) => -d.size)
  .select('cascade_id', 'size', 'span_days', 'max_escalation', 'groups')
  .print(3);

const r = groupReciprocity(data, { asOf, windowDays: 90 });
console.log(
  `\nGroup reciprocity: ${r.answered} of ${r.attacks} attacks between groups answered (${(r.reciprocity * 100).toFixed(0)}%).`,
);
r.pairs.orderby((d) => -d.attacks).print(5);
console.log('A link is a temporal and relational pattern, not proof of motive.');
