// Build the co-offending network of a synthetic city and measure it: who bridges groups, who
// sits in the dense core, which communities there are.  node examples/02-network-and-metrics.mjs
import {
  betweenness,
  coOffendingGraph,
  coreNumber,
  degree,
  egoNetwork,
  louvain,
  networkSummary,
  synthCity,
} from '../dist/index.js';

const { data } = synthCity({ people: 2000, seed: 1 });
const graph = coOffendingGraph(data, { asOf: '2024-01-01', halfLifeDays: 365 });

const summary = networkSummary(graph).objects()[0];
console.log('The network as a whole:');
for (const key of ['nodes', 'edges', 'components', 'largest_component_share', 'transitivity']) {
  console.log(`  ${key}: ${+summary[key].toFixed(4)}`);
}

// Tie counts are strengths; betweenness reads weights as distances, so it is left unweighted
// here, and sampled from 256 seeded pivots (scaled to estimate the exact value).
const bridge = betweenness(graph, { k: 256, seed: 1, normalized: true });
const deg = degree(graph);
const core = coreNumber(graph);
const community = louvain.detailed(graph, { seed: 1 });
console.log(`\n${community.count} communities, modularity ${community.modularity.toFixed(3)}`);

const top = Object.entries(bridge)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
console.log('\nThe five people who bridge most (sampled betweenness):');
for (const [id, b] of top) {
  console.log(
    `  ${id}: betweenness ${b.toFixed(4)}, degree ${deg[id]}, core ${core[id]}, community ${community.communities[id]}`,
  );
}

const ego = egoNetwork(graph, top[0][0], { radius: 2 });
console.log(
  `\n${top[0][0]} reaches ${ego.order - 1} people within two steps (${ego.size} ties among them).`,
);
