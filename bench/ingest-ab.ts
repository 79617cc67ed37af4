/**
 * Interleaved A/B of `ingest` on 1M involvement rows of CSV (bench/ingest.ts's generator): this
 * checkout against another copy of the source, in one process, alternating which goes first each
 * round, so that both see the same machine load. Wall and CPU time (process.cpuUsage) per run.
 * Run: `mkdir /tmp/base && git archive <commit> src | tar -x -C /tmp/base && ln -s "$PWD/node_modules"
 * /tmp/base/node_modules`, then
 * `npx tsx bench/ingest-ab.ts /tmp/base [rows] [rounds]`.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../src/core/rng.js';
import { dayToIso } from '../src/core/time.js';
import { ingest as newIngest } from '../src/ingest/index.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error('usage: npx tsx bench/ingest-ab.ts <base checkout with src/> [rows] [rounds]');
const ROWS = Number(process.argv[3] ?? 1_000_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const { ingest: baseIngest } = (await import(
  pathToFileURL(join(resolve(BASE), 'src/ingest/index.ts')).href
)) as { ingest: typeof newIngest };
const OFFENCES = [
  ['Common assault', '1'],
  ['Assault with injury', '2'],
  ['Robbery', '2'],
  ['GBH with intent', '3'],
  ['Shooting', '3'],
  ['Burglary', '0'],
  ['Theft from person', '0'],
  ['Possession of drugs', '0'],
  ['Murder', '4'],
] as const;
const WEAPONS = ['', '', '', 'knife', 'handgun', 'blunt instrument'];
const ROLES = ['offender', 'Suspect', 'Arrested', 'victim', 'Victim', 'Witness'];
function generate(rows: number) {
  const rng = createRng(20261121);
  const people = Math.max(10, Math.round(rows / 10));
  const start = 17_532; // 2018-01-01
  const inc: string[] = ['incident_id,date,offence,severity,weapon,area'];
  const incNoSeverity: string[] = ['incident_id,date,offence,weapon,area'];
  const inv: string[] = ['incident_id,person_id,role'];
  let n = 0;
  let k = 0;
  while (n < rows) {
    const id = `I${(k++).toString(36).padStart(6, '0')}`;
    const [offence, severity] = OFFENCES[rng.int(OFFENCES.length)];
    const date = dayToIso(start + rng.int(6 * 365));
    const weapon = WEAPONS[rng.int(WEAPONS.length)];
    const area = `E0${1000 + rng.int(500)}`;
    inc.push(`${id},${date},${offence},${severity},${weapon},${area}`);
    incNoSeverity.push(`${id},${date},${offence},${weapon},${area}`);
    const size = Math.min(rows - n, 1 + rng.int(4));
    const used: number[] = [];
    for (let j = 0; j < size; j++) {
      let p = rng.int(people);
      while (used.includes(p)) p = (p + 1) % people;
      used.push(p);
      inv.push(`${id},N${p},${ROLES[rng.int(ROLES.length)]}`);
      n++;
    }
  }
  return {
    incidents: `${inc.join('\n')}\n`,
    incidentsNoSeverity: `${incNoSeverity.join('\n')}\n`,
    involvements: `${inv.join('\n')}\n`,
    incidentRows: k,
  };
}

const csv = generate(ROWS);
const cases = {
  'severity given': (f: typeof newIngest) =>
    f({ incidents: csv.incidents, involvements: csv.involvements }, { now: '2025-01-01' }),
  'severity derived': (f: typeof newIngest) =>
    f(
      { incidents: csv.incidentsNoSeverity, involvements: csv.involvements },
      { now: '2025-01-01' },
    ),
};
const out: Record<string, { wall: number[]; cpu: number[] }> = {};
const loads: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(cases)) {
    const order = r % 2 ? ['new', 'base'] : ['base', 'new'];
    for (const which of order) {
      const f = which === 'base' ? baseIngest : newIngest;
      const c = process.cpuUsage();
      const t = performance.now();
      const res = run(f as typeof newIngest);
      const wall = performance.now() - t;
      const u = process.cpuUsage(c);
      if (res.summary.tables.involvements.accepted !== ROWS) throw new Error('bad');
      const k = `${name} / ${which}`;
      (out[k] ??= { wall: [], cpu: [] }).wall.push(wall / 1000);
      out[k].cpu.push((u.user + u.system) / 1e6);
      loads.push(loadavg()[0]);
    }
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model} ${process.version}; ${ROWS} rows, ${ROUNDS} rounds interleaved; 1-min load during: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const [k, v] of Object.entries(out))
  console.log(
    `${k}: median wall ${med(v.wall).toFixed(2)} s (${v.wall.map((x) => x.toFixed(2)).join(', ')}), median CPU ${med(v.cpu).toFixed(2)} s (${v.cpu.map((x) => x.toFixed(2)).join(', ')})`,
  );
