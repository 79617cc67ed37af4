// The README's quick start: a synthetic city through the whole pipeline in a few lines.
//   node examples/00-quickstart.mjs
import {
  cascades,
  coOffendingGraph,
  fitNetworkHawkes,
  pagerank,
  rankForOutreach,
  retaliations,
  synthCity,
} from '../dist/index.js';

const { data } = synthCity({ people: 3000, seed: 7, feud: {} }); // or: ingest(records, { mapping })
const asOf = '2023-07-01'; // nothing on or after this date is used
const graph = coOffendingGraph(data, { asOf }); // graphology graph of shared offences
const central = pagerank(graph, { weight: 'count' }); // { personId: score }
const chains = cascades(retaliations(data, { asOf })); // retaliation chains between incidents
const model = fitNetworkHawkes(data, { asOf }); // network contagion (Hawkes) model
const list = rankForOutreach(data, { asOf, model, limit: 20 }); // arquero table with reasons

const [top] = Object.entries(central).sort((a, b) => b[1] - a[1]);
console.log(`${graph.order} people, ${graph.size} ties; highest PageRank: ${top[0]}`);
console.log(`${chains.table.numRows()} retaliation cascades`);
console.log(`contagion share ${(100 * model.contagionShare).toFixed(1)}%`);
console.log(list.get('explanation', 0));
