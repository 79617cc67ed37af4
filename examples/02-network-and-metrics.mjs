// Build the co-offending network of a synthetic city and measure it: who bridges groups, who
// sits in the dense core, which communities there are.  node examples/02-network-and-metrics.mjs
import {
  betweenness,
  coOffendingGraph,
  egoNetwork,
  louvain,
  networkSummary,
  nodeMetrics,
  synthCity,
} from '../dist/index.js';

const { data } = synthCity({ people: 2000, seed: 1 });
const graph = coOffendingGraph(data, { asOf: '2024-01-01', halfLifeDays: 365 });

const summary = networkSummary(graph).objects()[0];
console.log('The network as a whole:');
for (const key of ['nodes', 'edges', 'components', 'largest_component_share', 'transitivity']) {
  console.log(`  ${key}: ${+summary[key].toFixed(4)}`);
}

const community = louvain.detailed(graph, { seed: 1 });
console.log(`\n${community.count} communities, modularity ${community.modularity.toFixed(3)}`);

// Tie counts are strengths; betweenness reads weights as distances, so it is left unweighted
// here. Asked for 256 seeded sources (pivots), the library still computes it exactly when that is
// cheap (nodes × ties up to 1e8, as in this city); betweenness.detailed says which it did.
// nodeMetrics ranks it with ties: values within 1e-9 of each other share a rank, not an order.
const pivots = 256;
const measures = nodeMetrics(graph, {
  measures: ['betweenness', 'degree', 'core_number'],
  pivots,
  seed: 1,
  rankBy: 'betweenness',
});
const { method } = betweenness.detailed(graph, { k: pivots, seed: 1, normalized: true });
const top = measures
  .filter((d) => d.betweenness_rank <= 5)
  .orderby('betweenness_rank', 'person_id')
  .objects();
console.log(`\nThe people who bridge most (betweenness ${method};\nequal values share a rank):`);
for (const p of top) {
  console.log(
    `  #${p.betweenness_rank} ${p.person_id}: betweenness ${p.betweenness.toFixed(4)}, degree ${p.degree}, core ${p.core_number}, community ${community.communities[p.person_id]}`,
  );
}
if (top.length > 5) console.log(`  (a tie at rank 5 lists ${top.length} people)`);

const first = top[0].person_id;
const ego = egoNetwork(graph, first, { radius: 2 });
console.log(
  `\n${first}${top[1]?.betweenness_rank === 1 ? ' (first by id of those ranked 1)' : ''} reaches ${ego.order - 1} people within two steps (${ego.size} ties among them).`,
);
