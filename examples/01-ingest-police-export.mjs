// Read a police export (UK-style columns and dates) with a column mapping, and see what was
// left out and why. Run after `npm run build`:  node examples/01-ingest-police-export.mjs
import { readFileSync } from 'node:fs';
import { problemsTable } from '../dist/index.js';
import { ingestFiles } from '../dist/node/index.js';

const dir = new URL('./data/police-export/', import.meta.url);
const path = (name) => new URL(name, dir).pathname;

// mapping.json: { mapping: { incident_id: 'URN', person_id: 'NominalID', … }, dateFormat: 'dmy', … }
const options = JSON.parse(readFileSync(path('mapping.json'), 'utf8'));

const { data, rejected, summary } = ingestFiles(
  {
    incidents: path('incidents.csv'),
    involvements: path('nominals.csv'),
    people: path('people.csv'),
  },
  options,
);

for (const [table, c] of Object.entries(summary.tables)) {
  console.log(`${table}: ${c.read} read, ${c.accepted} accepted, ${c.rejected} left out`);
}
// Every row read is accounted for: accepted + rejected = read.
console.log(
  `totals: ${summary.totals.accepted} + ${summary.totals.rejected} = ${summary.totals.read}`,
);
// Ethnicity is a protected attribute: carried for audits only, refused by every model.
console.log(`audit-only columns: ${summary.auditColumns.join(', ')}`);

console.log('\nRows left out:');
console.log(problemsTable(rejected).toMarkdown());

const shootings = data.incidents.filter((i) => i.severity >= 3);
console.log(`\n${data.incidents.length} incidents kept; serious violence (severity ≥ 3):`);
for (const i of shootings) console.log(`  ${i.incident_id} ${i.date} ${i.offence}`);
