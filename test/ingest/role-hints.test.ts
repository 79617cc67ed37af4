import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { columnarFromCsv } from '../helpers.js';

// A role a spreadsheet export marked as text ('Victim) and a misspelt one (Vicitm, Suspect.) were
// refused as "role ''Victim' is not recognised; accepted roles: …; add it with roleSynonyms: {
// ''Victim': … }" — an entry whose quotes do not close — naming neither the mark nor the
// spelling meant.
const incidents = 'incident_id;date;severity\nI1;2023-01-05;3\n';
const roles = [
  "'Victim",
  'Vicitm',
  'Suspect.',
  'Suspect/Victim',
  'VICTIM (DECEASED)',
  '2',
  'Subject',
];
const involvements = `incident_id;person_id;role\n${roles.map((r, i) => `I1;P${i};${r}`).join('\n')}\nI1;Q;witness\n`;
const ACCEPTED =
  'accused, aggrieved, arrested, arrestee, charged, co arrestee, co offender, complainant, defendant, informant, injured party, involved party, offender, other, perpetrator, person reporting, reporter, reporting person, susp, suspect, vic, victim, witness';
const add = (r: string) =>
  `; accepted roles: ${ACCEPTED}; add it with roleSynonyms: { '${r}': 'offender' | 'victim' | 'other' }`;

describe('an unknown role names the mark, or the spelling it is closest to', () => {
  it('on the row and columnar paths alike', () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { rejected, data } = ingest(input, { now: '2025-01-01' });
      expect(data.involvements.map((v) => [v.person_id, v.role])).toEqual([['Q', 'other']]);
      expect(rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
        [
          1,
          'role',
          "role ''Victim' is not recognised; without its leading ' it reads as 'Victim' (victim): a spreadsheet export marked the cell as text; save the column without the marks",
        ],
        [
          2,
          'role',
          `role 'Vicitm' is not recognised (did you mean 'victim', read as victim?)${add('Vicitm')}`,
        ],
        [
          3,
          'role',
          `role 'Suspect.' is not recognised (did you mean 'suspect', read as offender?)${add('Suspect.')}`,
        ],
        // Two roles in one cell: neither is offered.
        [
          4,
          'role',
          `role 'Suspect/Victim' is not recognised: it names more than one role ('suspect', offender; 'victim', victim), so it is not guessed${add('Suspect/Victim')}`,
        ],
        [5, 'role', `role 'VICTIM (DECEASED)' is not recognised${add('VICTIM (DECEASED)')}`],
        // A role among other words is not offered ("Victim's friend" is no victim); a code is
        // no misspelling, nor a word two slips from one ('Subject' is not 'suspect').
        [6, 'role', `role '2' is not recognised${add('2')}`],
        [7, 'role', `role 'Subject' is not recognised${add('Subject')}`],
      ]);
    }
  });

  it("a role synonym of the caller's is offered too; a ' in the role is escaped in the entry", () => {
    const { rejected } = ingest(
      {
        incidents,
        involvements:
          "incident_id,person_id,role\nI1,A,Bystandr\nI1,B,Victim's friend\nI1,C,victim\n",
      },
      { now: '2025-01-01', roleSynonyms: { Bystander: 'other' } },
    );
    expect(rejected.map((r) => r.reason.replace(/; accepted roles: [^;]*/, ''))).toEqual([
      "role 'Bystandr' is not recognised (did you mean 'bystander', read as other?); add it with roleSynonyms: { 'Bystandr': 'offender' | 'victim' | 'other' }",
      "role 'Victim's friend' is not recognised; add it with roleSynonyms: { 'Victim\\'s friend': 'offender' | 'victim' | 'other' }",
    ]);
  });
});
