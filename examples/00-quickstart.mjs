// The README's quick start: a synthetic city through the whole pipeline in a few lines.
//   node examples/00-quickstart.mjs
import { analyse, nodeMetrics, renderReport, reportInput, synthCity } from '../dist/index.js';

const { data } = synthCity({ people: 3000, seed: 7, feud: {} }); // or: ingest(records, { mapping })
// Network → retaliation cascades → contagion model → ranked list → audit, using only records
// dated before asOf.
const results = analyse(data, { asOf: '2023-07-01', limit: 20 });
const { graph, cascades, model, list } = results;
// Per-person measures as an arquero table: person_id, degree, pagerank, community.
const measures = nodeMetrics(graph, {
  measures: ['degree', 'pagerank', 'community'],
  rankBy: 'pagerank', // a pagerank_rank column: values that differ only in their last digits tie
});
const html = renderReport(reportInput(results)); // one self-contained HTML file

const top = measures.filter((d) => d.pagerank_rank === 1).array('person_id');
console.log(`${graph.order} people, ${graph.size} ties; highest PageRank: ${top.join(', ')}`);
console.log(`${cascades.numRows()} retaliation cascades`);
console.log(`contagion share ${(100 * model.contagionShare).toFixed(1)}%`);
console.log(`report: ${Math.round(html.length / 1024)} KB`);
console.log(list.get('explanation', 0));
