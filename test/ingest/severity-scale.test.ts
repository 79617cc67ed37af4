import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { IngestError, ingest } from '../../src/ingest/index.js';
import { cli, inputArgs, tempDir, writeFiles } from '../cli/helpers.js';

/** What `run` throws (it must throw). */
function thrown(run: () => unknown): IngestError {
  try {
    run();
  } catch (e) {
    return e as IngestError;
  }
  throw new Error('did not throw');
}

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

function tables(severityOf: (rule: number, i: number) => number | '', n = 40) {
  const ids: string[] = [];
  const dates: string[] = [];
  const offences: string[] = [];
  const severities: string[] = [];
  for (let i = 0; i < n; i++) {
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

// A force that grades 1–5 (5 the most serious) had every 5 rejected one by one ("severity '5' is
// out of range (expected 0 to 4)") and its 1–4 kept as if on 0–4: every other severity one step
// too serious, with no word. A column evidently on another scale now stops ingest, once.
describe('a severity column evidently on another scale stops ingest with one error', () => {
  const OFF = ['Murder', 'Wounding', 'Robbery', 'Common assault', 'Theft'];
  function input(n: number, grade: (k: number, i: number) => string) {
    const rows: string[] = [];
    const inv: string[] = [];
    for (let i = 0; i < n; i++) {
      rows.push(
        `I${i},2023-01-${String(1 + (i % 28)).padStart(2, '0')},${OFF[i % 5]},${grade(i % 5, i)}`,
      );
      inv.push(`I${i},P${i % 7},offender`);
    }
    return {
      incidents: `incident_id,date,offence,Grade\n${rows.join('\n')}\n`,
      involvements: `incident_id,person_id,role\n${inv.join('\n')}\n`,
    };
  }
  const options = { now: NOW, mapping: { severity: 'Grade' } };

  it('a 1–5 grade: one error naming the column, the values with counts and both maps, on both paths and in strict mode', () => {
    const t = input(50, (k) => String(5 - k));
    const e = thrown(() => ingest(t, options));
    expect(e).toBeInstanceOf(IngestError);
    expect([e.code, e.table]).toEqual(['severity-scale', 'incidents']);
    expect(e.message).toBe(
      "incidents: the severity column 'Grade' is not on a 0–4 scale: its values are '1' (10), '2' (10), '3' (10), '4' (10), '5' (10), 1 to 5 with no 0 (a scale of 1 to 5?): " +
        'read as 0–4, every 5 would be rejected and the rest kept one step off (severity here is 0–4: 4 a homicide, 0 no violence). ' +
        "Set severityLevels: { '5': 4, '4': 3, '3': 2, '2': 1, '1': 0 } if 5 is the most serious, or { '1': 4, '2': 3, '3': 2, '4': 1, '5': 0 } if 1 is; " +
        "or, if it is 0–4 and its 5s are mistakes, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 } (its 5s then rejected row by row).",
    );
    expect(thrown(() => ingest(t, { ...options, strict: true })).message).toBe(e.message);
    const grades = Array.from({ length: 50 }, (_, i) => 5 - (i % 5));
    const arrow = {
      incidents: tableFromArrays({
        incident_id: grades.map((_, i) => `I${i}`),
        date: grades.map(() => '2023-01-02'),
        offence: grades.map((_, i) => OFF[i % 5]),
        Grade: grades,
      }),
      involvements: tableFromArrays({
        incident_id: grades.map((_, i) => `I${i}`),
        person_id: grades.map((_, i) => `P${i % 7}`),
        role: grades.map(() => 'offender'),
      }),
    };
    expect(thrown(() => ingest(arrow, options)).message).toBe(e.message);
    // Its 5s rare (1 in 50, a homicide grade): still a scale of 1 to 5.
    const rare = input(50, (k, i) => (i === 0 ? '5' : String(4 - Math.min(k, 3))));
    expect(thrown(() => ingest(rare, options)).message).toContain(
      "its values are '1' (20), '2' (10), '3' (10), '4' (9), '5' (1), 1 to 5 with no 0 (a scale of 1 to 5?)",
    );
  });

  it("labels ('High', 'Medium', 'Low'): the values with counts and a map of them to fill in", () => {
    const t = input(40, (k) => ['High', 'High', 'Medium', 'Low', 'Low'][k]);
    const e = thrown(() => ingest(t, options));
    expect(e.message).toBe(
      "incidents: the severity column 'Grade' is not on a 0–4 scale: its values are 'High' (16), 'Low' (16), 'Medium' (8); 40 of the 40 are not a whole number 0–4 (severity here is 0–4: 4 a homicide, 0 no violence). " +
        "Set severityLevels to each value's level 0–4: { 'High': <0–4>, 'Low': <0–4>, 'Medium': <0–4> }; or, to keep 0–4 and reject the other values row by row, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 }.",
    );
    const read = ingest(t, { ...options, severityLevels: { High: 3, Medium: 2, Low: 0 } });
    expect(read.summary.tables.incidents.accepted).toBe(40);
  });

  it('a 0–4 column with a share of stray values says how to keep them as row errors', () => {
    const t = input(40, (k, i) => (i % 10 === 9 ? '9' : String(4 - k)));
    const e = thrown(() => ingest(t, options));
    expect(e.message).toContain(
      "its values are '0' (4), '1' (8), '2' (8), '3' (8), '4' (8), '9' (4); 4 of the 40 are not a whole number 0–4",
    );
    expect(e.message).toContain(
      "{ '0': <0–4>, '1': <0–4>, '2': <0–4>, '3': <0–4>, '4': <0–4>, '9': <0–4> }; or, to keep 0–4 and reject the other values row by row, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 }.",
    );
    const kept = ingest(t, {
      ...options,
      severityLevels: { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 },
    });
    expect(kept.summary.tables.incidents).toMatchObject({ accepted: 36, rejected: 4 });
  });

  it('a few stray values, a violence-only 1–4 export, or a small file: read row by row as before', () => {
    // 2 stray values in 100 (2%): rejected row by row.
    const stray = input(100, (k, i) => (i === 3 || i === 60 ? '7' : String(4 - k)));
    const r = ingest(stray, options);
    expect(r.summary.tables.incidents).toMatchObject({ accepted: 98, rejected: 2 });
    expect(r.rejected[0].reason).toBe("severity '7' is out of range (expected 0 to 4)");
    // 1–4 with no 0 and nothing above 4: on the scale.
    const violent = input(50, (k) => String(Math.max(1, 4 - k)));
    expect(ingest(violent, options).summary.tables.incidents.accepted).toBe(50);
    // A code for unknown beside 1–4 (not a run 1 … 9) in under 5% of rows.
    const unknown = input(50, (k, i) => (i === 7 ? '9' : String(Math.max(1, 4 - k))));
    expect(ingest(unknown, options).summary.tables.incidents).toMatchObject({
      accepted: 49,
      rejected: 1,
    });
    // Fewer than 30 severities: no judgement of the scale; the 5s rejected as before.
    const small = input(25, (k) => String(5 - k));
    expect(ingest(small, options).summary.tables.incidents).toMatchObject({
      accepted: 20,
      rejected: 5,
    });
  });

  it('the command line says it as a --map file writes it', async () => {
    const t = input(50, (k) => String(5 - k));
    const p = writeFiles(tempDir(), {
      'incidents.csv': t.incidents,
      'involvements.csv': t.involvements,
      'map.json': '{ "mapping": { "severity": "Grade" } }',
    });
    const r = await cli(['validate', ...inputArgs(p), '--map', p['map.json'], '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `Set "severityLevels": { "5": 4, "4": 3, "3": 2, "2": 1, "1": 0 } if 5 is the most serious, or { "1": 4, "2": 3, "3": 2, "4": 1, "5": 0 } if 1 is; or, if it is 0–4 and its 5s are mistakes, { "0": 0, "1": 1, "2": 2, "3": 3, "4": 4 } (its 5s then rejected row by row). Put "severityLevels" in a --map file of ingest options (beside "mapping", in '${p['map.json']}').`,
    );
    expect(r.stderr.match(/out of range/g)).toBeNull();
  });

  it('a flat table: its incident columns', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `I${i},2023-01-02,${OFF[i % 5]},${5 - (i % 5)},P${i % 7},offender`,
    );
    const e = thrown(() =>
      ingest(
        { involvements: `incident_id,date,offence,Grade,person_id,role\n${rows.join('\n')}\n` },
        options,
      ),
    );
    expect([e.code, e.table]).toEqual(['severity-scale', 'incidents']);
    expect(e.message).toMatch(/^incidents: the severity column 'Grade' is not on a 0–4 scale/);
  });
});

describe('a severity scale that runs against the offences', () => {
  it('reversed (0 the most serious): ingest stops, naming each end, the values and the severityLevels to set, on both paths', () => {
    const t = tables((rule) => 4 - rule);
    const input = { incidents: t.csv, involvements: tableFromArrays(t.involvements) };
    const e = thrown(() => ingest(input, { now: NOW }));
    expect(e).toBeInstanceOf(IngestError);
    expect([e.code, e.table]).toEqual(['severity-scale', 'incidents']);
    expect(e.message).toBe(
      "incidents: the severities given run against the offences: of the 40 incidents whose offence the severity rules read, 'Murder' (incidents row 1) has severity 0 where the rules read 4, and 'Theft from vehicle' (incidents row 8) has 4 where they read 0. " +
        "The severity column 'severity' looks reversed (0 the most serious?): its values are '0' (4), '1' (8), '2' (8), '3' (8), '4' (12) (severity here is 0–4: 4 a homicide, 0 no violence). " +
        "Set severityLevels: { '0': 4, '1': 3, '2': 2, '3': 1, '4': 0 }; or, if it is right, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 } (then a warning only).",
    );
    const columnar = thrown(() =>
      ingest({ incidents: t.arrow, involvements: tableFromArrays(t.involvements) }, { now: NOW }),
    );
    expect(columnar.message).toBe(e.message);
    // The map it gives reads the column the right way up: no error, no warning.
    const fixed = ingest(input, {
      now: NOW,
      severityLevels: { '0': 4, '1': 3, '2': 2, '3': 1, '4': 0 },
    });
    expect(reversedWarning(fixed.summary.warnings)).toBeUndefined();
    expect(fixed.data.incidents[0]).toMatchObject({ offence: 'Murder', severity: 4 });
    // The scale as it is, declared: read as given, with the finding as a warning.
    const kept = ingest(input, {
      now: NOW,
      severityLevels: { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 },
    });
    expect(kept.data.incidents[0].severity).toBe(0);
    expect(reversedWarning(kept.summary.warnings)).toBe(
      "incidents: the severities given run against the offences: of the 40 incidents whose offence the severity rules read, 'Murder' (incidents row 1) has severity 0 (through severityLevels) where the rules read 4, and 'Theft from vehicle' (incidents row 8) has 4 where they read 0. " +
        "Is severityLevels the wrong way up? If so, reverse severityLevels' levels (its most serious grade at 4), or leave it out (severity here is 0–4: 4 a homicide, 0 no violence).",
    );
  });

  it('a mixed export (half the severities given, reversed; half left empty and derived) stops ingest too, on both paths', () => {
    // The derived severities agree with the rules by construction; counted with the given ones
    // they outweighed the reversed column, which was read with no word.
    const t = tables((rule, i) => (i % 2 ? '' : 4 - rule), 60);
    const rows = ingest(
      { incidents: t.csv, involvements: tableFromArrays(t.involvements) },
      { now: NOW, severityLevels: { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 } },
    );
    expect(rows.summary.severityDerived).toBe(30);
    expect(reversedWarning(rows.summary.warnings)).toBe(
      "incidents: the severities given run against the offences: of the 30 incidents whose offence the severity rules read, 'Murder' (incidents row 1) has severity 0 (through severityLevels) where the rules read 4, and 'Burglary dwelling' (incidents row 9) has 4 where they read 0. " +
        "Is severityLevels the wrong way up? If so, reverse severityLevels' levels (its most serious grade at 4), or leave it out (severity here is 0–4: 4 a homicide, 0 no violence).",
    );
    for (const incidents of [t.csv, t.arrow]) {
      const e = thrown(() =>
        ingest({ incidents, involvements: tableFromArrays(t.involvements) }, { now: NOW }),
      );
      expect(e.code).toBe('severity-scale');
      expect(e.message).toContain(
        "of the 30 incidents whose offence the severity rules read, 'Murder' (incidents row 1) has severity 0 where the rules read 4",
      );
      expect(e.message).toContain("its values are '0' (6), '1' (6), '2' (6), '3' (6), '4' (6)");
    }
  });

  it('a scale of 1 to 4 the other way up (1 the most serious) stops ingest too', () => {
    const t = tables((rule) => Math.max(1, 4 - rule));
    const e = thrown(() =>
      ingest({ incidents: t.csv, involvements: tableFromArrays(t.involvements) }, { now: NOW }),
    );
    expect(e.code).toBe('severity-scale');
    expect(e.message).toContain("'Murder' (incidents row 1) has severity 1 where the rules read 4");
    expect(e.message).toContain(
      "(1 the most serious?): its values are '1' (12), '2' (8), '3' (8), '4' (12)",
    );
    expect(e.message).toContain("severityLevels: { '1': 4, '2': 3, '3': 2, '4': 1 }");
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

  it('still stops on the same offences graded the other way up at both ends', () => {
    expect(() =>
      warningOf([
        ['Murder', 0, 6],
        ['Wounding', 1, 6],
        ['Common assault', 3, 8],
        ['Theft', 4, 6],
      ]),
    ).toThrow('looks reversed (0 the most serious?)');
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

describe('a 0–4 export with a few mistaken 5s', () => {
  // A violence-only export (1–4, no 0) with two 5s typed by mistake looks like a 1–5 grade; the
  // error offered only the two 1–5 maps, both wrong for it (the murders, 4, would have read 3).
  it('is offered the map that keeps 0–4, and with it only the 5s are rejected', () => {
    const rows: string[] = [];
    const inv: string[] = [];
    const offence = ['Common assault', 'ABH', 'GBH', 'Murder'];
    for (let i = 0; i < 60; i++) {
      const s = i < 2 ? 5 : 1 + (i % 4);
      rows.push(
        `I${i},2023-01-${String(1 + (i % 28)).padStart(2, '0')},${offence[(s - 1) % 4]},${s}`,
      );
      inv.push(`I${i},P${i % 7},victim`);
    }
    const t = {
      incidents: `incident_id,date,offence,severity\n${rows.join('\n')}\n`,
      involvements: `incident_id,person_id,role\n${inv.join('\n')}\n`,
    };
    const e = thrown(() => ingest(t, { now: NOW }));
    expect(e.message).toContain(
      "or, if it is 0–4 and its 5s are mistakes, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 } (its 5s then rejected row by row).",
    );
    const r = ingest(t, {
      now: NOW,
      severityLevels: { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 },
    });
    expect(r.data.incidents.length).toBe(58);
    expect(r.rejected.filter((x) => x.field === 'severity').map((x) => x.value)).toEqual([
      '5',
      '5',
    ]);
    expect(r.rejected.length).toBe(4); // and the two incidents' involvements
  });
});

describe('severities written as decimals (pandas: 3.0)', () => {
  // A 0–4 column exported by pandas as '0.0' … '4.0' was refused as "60 of the 60 are not a whole
  // number 0–4", though every cell reads as a whole number 0–4 (and did before the scale check).
  it('are on the scale: read, not refused', () => {
    const rows: string[] = [];
    const inv: string[] = [];
    for (let i = 0; i < 60; i++) {
      rows.push(`I${i},2023-01-${String(1 + (i % 28)).padStart(2, '0')},x,${i % 5}.0`);
      inv.push(`I${i},P${i % 7},victim`);
    }
    const r = ingest(
      {
        incidents: `incident_id,date,offence,severity\n${rows.join('\n')}\n`,
        involvements: `incident_id,person_id,role\n${inv.join('\n')}\n`,
      },
      { now: NOW },
    );
    expect(r.rejected).toEqual([]);
    expect(r.data.incidents.map((x) => x.severity).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  });
});
