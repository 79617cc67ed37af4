/**
 * Hashes of ingest's output and of the dataset index built from it, to show that a speed change
 * leaves results identical: the records (each as JSON, key order included), the rejected rows,
 * the summary, and every array of the index (incident order by id, person ids, CSR arrays).
 *
 *   npx tsx bench/ingest-hash.ts city 100000        # bench/pipeline.ts's city as rows (row path)
 *   npx tsx bench/ingest-hash.ts arrow 1000000      # bench/data/city-1000000-*.arrow (columnar path)
 *   npx tsx bench/ingest-hash.ts parquet 100000     # readParquet's tables (arquero, row path)
 *   npx tsx bench/ingest-hash.ts arrow-rows 100000  # the Arrow tables through the row path
 *   npx tsx bench/ingest-hash.ts messy 100000       # the city as rows, made messy (below)
 *   npx tsx bench/ingest-hash.ts csv 100000         # the city as CSV text
 *
 * "messy": incidents shuffled, half of the involvements shuffled, people reversed, and planted
 * problems: a duplicate incident id, a bad date, a future date, two date-times, an incident id as
 * a number, padded ids, a duplicate and a conflicting involvement, a dangling one, an unknown
 * person, an unknown role, an empty person id, an unknown weapon, a blank offence with a severity.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from '@uwdata/flechette';
import { indexDataset, isExactIndex } from '../src/core/dataset-index.js';
import { createRng } from '../src/core/rng.js';
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
} else if (mode === 'csv') {
  // The city as CSV text (no cell of it needs quoting).
  const city = synthCity({
    people,
    incidentsPerPersonYear: 1.5,
    seed: 1,
    feud: { rivalries: 100 },
  });
  const csv = (rows: readonly object[], cols: string[]) =>
    [
      cols.join(','),
      ...rows.map((r) =>
        cols.map((c) => String((r as Record<string, unknown>)[c] ?? '')).join(','),
      ),
    ].join('\n');
  input = {
    incidents: csv(city.data.incidents, [
      'incident_id',
      'date',
      'offence',
      'severity',
      'weapon',
      'area',
    ]),
    involvements: csv(city.data.involvements, ['incident_id', 'person_id', 'role']),
    people: csv(city.data.people, ['person_id', 'birth_year', 'group']),
  };
} else if (mode === 'messy') {
  const city = synthCity({
    people,
    incidentsPerPersonYear: 1.5,
    seed: 1,
    feud: { rivalries: 100 },
  });
  const rng = createRng(17);
  const shuffle = <T>(a: T[], from = 0, to = a.length) => {
    for (let i = to - 1; i > from; i--) {
      const j = from + rng.int(i - from + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const inc: Record<string, unknown>[] = shuffle(
    city.data.incidents.map(({ day: _day, ...rest }) => rest as Record<string, unknown>),
  );
  const inv: Record<string, unknown>[] = city.data.involvements.map((r) => ({ ...r }));
  shuffle(inv, 0, inv.length >> 1);
  const ppl: Record<string, unknown>[] = city.data.people.map((r) => ({ ...r })).reverse();
  inc.push({ ...inc[5] }); // duplicate incident id
  inc[7] = { ...inc[7], date: '2021-13-45' };
  inc[8] = { ...inc[8], date: '2031-01-01' };
  inc[9] = { ...inc[9], date: `${inc[9].date}T10:30:00Z` };
  inc[10] = { ...inc[10], date: `${inc[10].date} 23:59` };
  inc[11] = { ...inc[11], incident_id: ` ${inc[11].incident_id} ` };
  inc[12] = { ...inc[12], weapon: 'crossbow' };
  inc[13] = { ...inc[13], offence: '' };
  inc.push({ incident_id: 123456789, date: '2020-02-02', offence: 'Robbery', severity: 2 });
  inv.push({ ...inv[3] }); // duplicate involvement
  inv.push({ ...inv[4], role: inv[4].role === 'victim' ? 'offender' : 'victim' }); // conflict
  inv.push({ incident_id: 'NO-SUCH-INCIDENT', person_id: inv[0].person_id, role: 'victim' });
  inv.push({ incident_id: inv[20].incident_id, person_id: 'NOBODY-1', role: 'offender' });
  inv.push({ incident_id: inv[21].incident_id, person_id: inv[40].person_id, role: 'bystander' });
  inv.push({ incident_id: inv[22].incident_id, person_id: '', role: 'victim' });
  inv.push({ incident_id: 123456789, person_id: inv[50].person_id, role: 'suspect' });
  inv.push({
    incident_id: ` ${inv[60].incident_id}`,
    person_id: ` ${inv[61].person_id} `,
    role: 'Victim',
  });
  input = { incidents: inc, involvements: inv, people: ppl };
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
