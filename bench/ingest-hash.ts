/**
 * Hashes of ingest's output and of the dataset index built from it, to show that a speed change
 * leaves results identical: the records (each as JSON, key order included), the rejected rows,
 * the summary, and every array of the index (incident order by id, person ids, CSR arrays).
 *
 *   npx tsx bench/ingest-hash.ts city 100000        # bench/pipeline.ts's city as rows (row path)
 *   npx tsx bench/ingest-hash.ts arrow 1000000      # bench/data/city-1000000-*.arrow (columnar path)
 *   npx tsx bench/ingest-hash.ts parquet 100000     # readParquet's tables (arquero, row path)
 *   npx tsx bench/ingest-hash.ts arrow-rows 100000  # the Arrow tables through the row path
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from '@uwdata/flechette';
import { indexDataset, isExactIndex } from '../src/core/dataset-index.js';
import { ingest, readParquet } from '../src/ingest/index.js';
import { ingestRows } from '../src/ingest/ingest.js';
import { synthCity } from '../src/synth/index.js';

const [mode = 'city', peopleArg] = process.argv.slice(2);
const people = Number(peopleArg ?? 100_000);
let input: Record<string, unknown>;
if (mode === 'city') {
  const city = synthCity({
    people,
    incidentsPerPersonYear: 1.5,
    seed: 1,
    feud: { rivalries: 100 },
  });
  input = {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
} else {
  input = {};
  for (const t of ['incidents', 'involvements', 'people']) {
    const ext = mode === 'parquet' ? 'parquet' : 'arrow';
    const bytes = readFileSync(`bench/data/city-${people}-${t}.${ext}`);
    input[t] = ext === 'arrow' ? tableFromIPC(bytes) : await readParquet(bytes);
  }
}
const res = (mode === 'arrow-rows' ? ingestRows : ingest)(input as never, { now: '2030-01-01' });
const hash = (parts: (h: ReturnType<typeof createHash>) => void) => {
  const h = createHash('sha256');
  parts(h);
  return h.digest('hex').slice(0, 16);
};
const records = (rows: readonly object[]) => (h: ReturnType<typeof createHash>) => {
  for (const r of rows) h.update(JSON.stringify(r)).update('\n');
};
// The index first: built from ingest's columns (the records not yet made), as the pipeline does.
const idx = indexDataset(res.data);
const ids: string[] = [];
for (let k = 0; k < idx.day.length; k++) ids.push(idx.incidentId(k));
const out = {
  mode,
  people,
  incidents: hash(records(res.data.incidents)),
  involvements: hash(records(res.data.involvements)),
  people_: hash(records(res.data.people)),
  rejected: hash(records(res.rejected)),
  summary: hash((h) => h.update(JSON.stringify(res.summary))),
  index: hash((h) => {
    for (const id of ids) h.update(id).update('\n');
    for (const p of idx.personIds) h.update(p).update('\n');
    h.update(JSON.stringify([...idx.personIndex].slice(0, 1000)));
    h.update(JSON.stringify(idx.groupNames)).update(String(idx.undatedGroups));
    for (const a of [
      idx.day,
      idx.timed,
      idx.severity,
      idx.invOffset,
      idx.invPerson,
      idx.invRole,
      idx.personIncOffset,
      idx.personInc,
      idx.personIncRole,
      idx.group,
      idx.groupSince,
      idx.groupUntil,
    ])
      h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }),
  exact: isExactIndex(idx),
  personIndexSize: idx.personIndex.size,
  counts: res.summary.totals,
};
console.log(JSON.stringify(out));
