// The morning after a shooting: who should the outreach team reach, and through whom?
//   node examples/06-trace-from-a-shooting.mjs
import { exportList, fitNetworkHawkes, synthCity, traceContacts } from '../dist/index.js';

const { data } = synthCity({ people: 3000, seed: 6 });

// The most recent shooting in the records.
const shooting = data.incidents
  .filter((i) => i.severity >= 3 && i.weapon === 'firearm')
  .sort((a, b) => b.day - a.day)[0];
const people = data.involvements.filter((v) => v.incident_id === shooting.incident_id);
console.log(`${shooting.incident_id} on ${shooting.date}: ${shooting.offence} in ${shooting.area}`);
for (const v of people) console.log(`  ${v.role}: ${v.person_id}`);

// The model knows only what happened before the shooting's date; its risk column ranks the
// contacts. (asOf is a date: a date-time, as records with a time of day have, is refused.)
const model = fitNetworkHawkes(data, { asOf: shooting.date.slice(0, 10) });
const contacts = traceContacts(data, shooting.incident_id, {
  model,
  maxDistance: 2,
  responseDays: 14,
});

console.log(`\n${contacts.numRows()} people to reach within 14 days; the first ten:`);
contacts
  .select('priority', 'person_id', 'side', 'distance', 'path', 'risk', 'respond_by')
  .print(10);

// Shared with the team as CSV, with the purpose label on top.
console.log(exportList(contacts, { format: 'csv' }).split('\n')[0]);
