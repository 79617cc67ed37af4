/**
 * Ingest benchmark: 1M involvement rows (and their incidents) from CSV text.
 * Run: `npx tsx bench/ingest.ts [involvementRows]`. Writes bench/results/ingest.md.
 * Goal (issue 2): under 10 s for 1M involvement rows.
 */

import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse, csvParseRows } from 'd3';
import { z } from 'zod';
import { createRng } from '../src/core/rng.js';
import { dayToIso } from '../src/core/time.js';
import { ingest } from '../src/ingest/index.js';
import { median, time } from './timing.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 3;
const NOW = '2025-01-01';

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

/** Long-form CSV text: incidents with 1–4 people each until `rows` involvement rows exist. */
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

const gen = time(() => generate(ROWS));
const csv = gen.value;
const mb = (s: string) => (s.length / 1e6).toFixed(1);
console.log(
  `generated ${csv.incidentRows} incidents (${mb(csv.incidents)} MB) and ${ROWS} involvements ` +
    `(${mb(csv.involvements)} MB) in ${(gen.ms / 1000).toFixed(1)} s`,
);

interface Case {
  name: string;
  run: () => unknown;
  check?: (r: unknown) => string;
}
const ingestCheck = (r: unknown) => {
  const { summary } = r as ReturnType<typeof ingest>;
  const t = summary.tables;
  if (t.involvements.read !== ROWS || t.involvements.accepted + t.involvements.rejected !== ROWS) {
    throw new Error('accounting does not add up');
  }
  return `${t.incidents.accepted} incidents, ${t.involvements.accepted} involvements accepted, ${summary.totals.rejected} rejected`;
};
const cases: Case[] = [
  {
    name: 'CSV parse only (d3-dsv csvParseRows, both tables)',
    run: () => [csvParseRows(csv.incidents).length, csvParseRows(csv.involvements).length],
  },
  {
    name: 'ingest, severity column given',
    run: () => ingest({ incidents: csv.incidents, involvements: csv.involvements }, { now: NOW }),
    check: ingestCheck,
  },
  {
    name: 'ingest, severity derived from offence (default rules)',
    run: () =>
      ingest({ incidents: csv.incidentsNoSeverity, involvements: csv.involvements }, { now: NOW }),
    check: ingestCheck,
  },
  {
    name: 'ingest + pseudonymise (HMAC-SHA256 per distinct person)',
    run: () =>
      ingest(
        { incidents: csv.incidents, involvements: csv.involvements },
        { now: NOW, pseudonymise: { key: 'bench key, 16+ bytes long' } },
      ),
    check: ingestCheck,
  },
];

// Reference for the design choice "no per-row zod": validating the involvement rows alone with a
// zod schema (already parsed to objects, so parsing is not timed).
const invObjects = csvParse(csv.involvements);
const rowSchema = z.object({
  incident_id: z.string().min(1),
  person_id: z.string().min(1),
  role: z.string().min(1),
});
cases.push({
  name: 'reference (not used by ingest): zod safeParse of each involvement row',
  run: () => {
    let ok = 0;
    for (const row of invObjects) if (rowSchema.safeParse(row).success) ok++;
    return ok;
  },
});

const results: { name: string; runs: number[]; cpu: number[]; note: string }[] = [];
for (const c of cases) {
  const runs: number[] = [];
  const cpu: number[] = [];
  let note = '';
  for (let r = 0; r < RUNS; r++) {
    const { ms, cpuMs, value } = time(c.run);
    runs.push(ms);
    cpu.push(cpuMs);
    if (c.check) note = c.check(value);
  }
  results.push({ name: c.name, runs, cpu, note });
  console.log(
    `${c.name}: median ${(median(runs) / 1000).toFixed(2)} s (${runs.map((x) => (x / 1000).toFixed(2)).join(', ')})${note ? ` — ${note}` : ''}`,
  );
}

const main = results[1];
const cpu = cpus();
const lines = [
  '# Ingest benchmark',
  '',
  `Generated by \`npx tsx bench/ingest.ts\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}. Load average when it finished: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min; other work on the machine slows wall-clock times).`,
  '',
  `Input: CSV text generated in the bench (seeded), ${csv.incidentRows.toLocaleString('en')} incidents ` +
    `(${mb(csv.incidents)} MB; id, date, offence, severity, weapon, area) and ${ROWS.toLocaleString('en')} ` +
    `involvement rows (${mb(csv.involvements)} MB; role synonyms such as Suspect/Arrested/Witness), ` +
    `${Math.round(ROWS / 10).toLocaleString('en')} people. Times are wall-clock for the whole call, ` +
    `CSV parsing included; median of ${RUNS} runs in one process.`,
  '',
  '| case | median wall (s) | wall runs (s) | median CPU (s) | result |',
  '|---|---:|---|---:|---|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${(median(r.runs) / 1000).toFixed(2)} | ${r.runs.map((x) => (x / 1000).toFixed(2)).join(', ')} | ${(median(r.cpu) / 1000).toFixed(2)} | ${r.note} |`,
  ),
  '',
  'CPU time is user + system time of the process (all threads, garbage collection included); ' +
    'it is less disturbed than wall-clock time by other work on the machine.',
  '',
  `Goal: 1M involvement rows from CSV in under 10 s — ${median(main.runs) < 10_000 ? 'met' : 'NOT met'} ` +
    `(${(median(main.runs) / 1000).toFixed(2)} s).`,
  '',
];
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'ingest.md');
writeFileSync(out, lines.join('\n'));
console.log(`wrote ${out}`);
