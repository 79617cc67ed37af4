import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A records system that grades incidents 0 (or 1) for the most serious — a priority, a harm
// grade — exported as `severity`: every homicide was read as non-violent and every theft as a
// homicide, with no word, and fits and lists then modelled thefts as the serious violence.
const NOW = '2025-01-01';
const OFFENCES: [string, number][] = [
  ['Murder', 4],
  ['GBH with intent', 3],
  ['Wounding', 3],
  ['Robbery of personal property', 2],
  ['ABH', 2],
  ['Common assault', 1],
  ['Affray', 1],
  ['Theft from vehicle', 0],
  ['Burglary dwelling', 0],
  ['Criminal damage', 0],
];

function tables(severityOf: (rule: number, i: number) => number | '') {
  const ids: string[] = [];
  const dates: string[] = [];
  const offences: string[] = [];
  const severities: string[] = [];
  for (let i = 0; i < 40; i++) {
    const [offence, rule] = OFFENCES[i % OFFENCES.length];
    ids.push(`I${i}`);
    dates.push(`2023-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    offences.push(offence);
    severities.push(String(severityOf(rule, i)));
  }
  const csv = `incident_id,date,offence,severity\n${ids
    .map((id, i) => `${id},${dates[i]},${offences[i]},${severities[i]}`)
    .join('\n')}\n`;
  const involvements = {
    incident_id: ids,
    person_id: ids.map((_, i) => `P${i % 9}`),
    role: ids.map(() => 'offender'),
  };
  return {
    csv,
    arrow: tableFromArrays({
      incident_id: ids,
      date: dates,
      offence: offences,
      severity: severities,
    }),
    involvements,
  };
}

const reversedWarning = (warnings: string[]) =>
  warnings.find((w) => w.includes('run against the offences'));

describe('a severity scale that runs against the offences', () => {
  it('reversed (0 the most serious): warned, with an example of each end, on both paths', () => {
    const t = tables((rule) => 4 - rule);
    const rows = ingest(
      { incidents: t.csv, involvements: tableFromArrays(t.involvements) },
      { now: NOW },
    );
    const w = reversedWarning(rows.summary.warnings);
    expect(w).toBe(
      "incidents: the severities given run against the offences: of the 40 incidents whose offence the severity rules read, 'Murder' (incidents row 1) has severity 0 where the rules read 4, and 'Theft from vehicle' (incidents row 8) has 4 where they read 0. " +
        'Is the scale reversed (0 or 1 the most serious: a priority or harm grade)? Severity here is 4 for a homicide down to 0 for no violence, and fits and lists take 3 and above as the serious violence they model: recode the column (4 − severity) before ingest, or leave it out so that the severity is derived from the offence.',
    );
    const columnar = ingest(
      { incidents: t.arrow, involvements: tableFromArrays(t.involvements) },
      { now: NOW },
    );
    expect(reversedWarning(columnar.summary.warnings)).toBe(w);
    // The records are read as given: the warning only says so.
    expect(rows.data.incidents[0].severity).toBe(0);
  });

  it('a scale of 1 to 4 the other way up (1 the most serious) is warned of too', () => {
    const t = tables((rule) => Math.max(1, 4 - rule));
    const r = ingest(
      { incidents: t.csv, involvements: tableFromArrays(t.involvements) },
      { now: NOW },
    );
    expect(reversedWarning(r.summary.warnings)).toContain(
      "'Murder' (incidents row 1) has severity 1 where the rules read 4",
    );
  });

  it('severities that agree with the offences, or differ from them now and then, say nothing', () => {
    for (const severityOf of [
      (rule: number) => rule,
      // A force's own grading: one step higher or lower here and there, same direction.
      (rule: number, i: number) => Math.min(4, Math.max(0, rule + ((i % 3) - 1))),
      // Only some rows carry a severity; the rest are derived.
      (rule: number, i: number) => (i % 2 ? rule : ''),
    ]) {
      const t = tables(severityOf);
      const r = ingest(
        { incidents: t.csv, involvements: tableFromArrays(t.involvements) },
        { now: NOW },
      );
      expect(reversedWarning(r.summary.warnings)).toBeUndefined();
    }
  });

  it('too few incidents with a readable offence say nothing', () => {
    const t = tables((rule) => 4 - rule);
    const csv = t.csv.split('\n').slice(0, 9).join('\n');
    const r = ingest(
      { incidents: `${csv}\n`, involvements: 'incident_id,person_id,role\nI0,A,offender\n' },
      { now: NOW },
    );
    expect(r.summary.totals.rejected).toBe(0);
    expect(reversedWarning(r.summary.warnings)).toBeUndefined();
  });
});

describe('a grading that differs from the rules only in the middle is not a reversed scale', () => {
  // Found in review: a force that grades possession of a firearm 3 (the rules read possession
  // as 0) and assaults 1 or 0 was told "Is the scale reversed?", with no serious violence read by
  // the rules at all, or only two robberies.
  function warningOf(spec: [string, number, number][]) {
    const rows: string[] = [];
    let i = 0;
    for (const [offence, severity, n] of spec)
      for (let j = 0; j < n; j++, i++)
        rows.push(`I${i},2023-01-${String(1 + (i % 28)).padStart(2, '0')},${offence},${severity}`);
    const inv = rows.map((_, k) => `I${k},P${k % 7},offender`).join('\n');
    const r = ingest(
      {
        incidents: `incident_id,date,offence,severity\n${rows.join('\n')}\n`,
        involvements: `incident_id,person_id,role\n${inv}\n`,
      },
      { now: NOW },
    );
    return r.summary.warnings.filter((w) => w.includes('run against the offences'));
  }

  it('says nothing without both ends of the rules read, or with them in order', () => {
    expect(
      warningOf([
        ['Possession of firearm', 3, 20],
        ['Common assault', 1, 8],
        ['Robbery', 1, 2],
        ['Theft', 0, 1],
      ]),
    ).toEqual([]);
    expect(
      warningOf([
        ['Possession of offensive weapon', 2, 15],
        ['Common assault', 1, 8],
        ['Assault without injury', 0, 3],
      ]),
    ).toEqual([]);
  });

  it('still warns on the same offences graded the other way up at both ends', () => {
    expect(
      warningOf([
        ['Murder', 0, 6],
        ['Wounding', 1, 6],
        ['Common assault', 3, 8],
        ['Theft', 4, 6],
      ]),
    ).toHaveLength(1);
  });
});

describe('the scale check reads only severities given', () => {
  // With no severity column the check derived every incident's severity from its offence a second
  // time, to compare the rules with themselves: 0.8–1.2 s per 1M incidents of free-text offences.
  class Counted extends RegExp {
    static tests = 0;
    override test(s: string): boolean {
      Counted.tests++;
      return super.test(s);
    }
  }
  const rules = [{ pattern: new Counted('.'), severity: 1 as const }];
  const n = 50;
  const ids = Array.from({ length: n }, (_, i) => `I${i}`);
  const offences = ids.map((_, i) => `Assault outside shop number ${i}`);
  const involvements = {
    incident_id: ids,
    person_id: ids.map((_, i) => `P${i % 9}`),
    role: ids.map(() => 'offender'),
  };

  it('no severity column: each distinct offence read once, on both paths', () => {
    const csv = `incident_id,date,offence\n${ids.map((id, i) => `${id},2023-01-02,${offences[i]}`).join('\n')}\n`;
    Counted.tests = 0;
    const r = ingest(
      { incidents: csv, involvements: tableFromArrays(involvements) },
      { now: NOW, severityRules: rules },
    );
    expect(r.summary.severityDerived).toBe(n);
    expect(Counted.tests).toBe(n);
    Counted.tests = 0;
    const arrow = tableFromArrays({
      incident_id: ids,
      date: ids.map(() => '2023-01-02'),
      offence: offences,
    });
    ingest(
      { incidents: arrow, involvements: tableFromArrays(involvements) },
      { now: NOW, severityRules: rules },
    );
    expect(Counted.tests).toBe(n);
  });

  it('a severity column with every cell empty: the same', () => {
    const csv = `incident_id,date,offence,severity\n${ids.map((id, i) => `${id},2023-01-02,${offences[i]},`).join('\n')}\n`;
    Counted.tests = 0;
    const r = ingest(
      { incidents: csv, involvements: tableFromArrays(involvements) },
      { now: NOW, severityRules: rules },
    );
    expect(r.summary.severityDerived).toBe(n);
    expect(Counted.tests).toBe(n);
  });
  it('read through severityLevels the wrong way up: the advice is to reverse its levels', () => {
    // A force's 1–5 priority (1 the most serious) given levels for 5 the most serious.
    const t = tables((rule) => 5 - rule);
    const levels = { '5': 4, '4': 3, '3': 2, '2': 1, '1': 0 };
    for (const incidents of [t.csv, t.arrow]) {
      const r = ingest(
        { incidents, involvements: tableFromArrays(t.involvements) },
        { now: NOW, severityLevels: levels },
      );
      const w = reversedWarning(r.summary.warnings)!;
      expect(w).toContain(
        "'Murder' (incidents row 1) has severity 0 (through severityLevels) where the rules read 4",
      );
      expect(w).toContain(
        "reverse severityLevels' levels (its most serious grade at 4), or leave it out",
      );
      expect(w).not.toContain('4 − severity');
    }
  });
});
