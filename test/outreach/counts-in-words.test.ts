import { describe, expect, it } from 'vitest';
import { profileData } from '../../src/core/profile.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { renderReport } from '../../src/report/index.js';
import { makeDataset } from '../helpers.js';
import { smallReportWithPlan } from '../report/fixture.js';

/**
 * One of each: a person with too little evidence (X), an incident past retention (I0), and a
 * shooting whose only recorded person is its victim (I5): the texts say "1 person", "1 incident".
 */
function city() {
  return makeDataset([
    ['I0', '2016-06-01', 3, ['A'], ['E']],
    ['I1', '2023-01-10', 0, ['A', 'B'], []],
    ['I2', '2023-02-01', 0, ['B', 'C'], []],
    ['I3', '2023-03-01', 0, ['C'], []],
    ['I4', '2023-12-01', 3, ['X'], ['A']],
    ['I5', '2023-12-10', 3, [], ['B']],
  ]);
}

describe('counts of one are said in the singular', () => {
  it("a list's notes: '1 person was not listed', '1 incident … was excluded'", () => {
    const summary = listMetadata(rankForOutreach(city(), { asOf: '2024-01-01' }))?.summary ?? '';
    expect(summary).toContain('1 person was not listed: too little evidence or no score.');
    expect(summary).toContain('1 incident older than the 6-year retention horizon was excluded.');
    expect(summary).not.toMatch(/\b1 (people|incidents)\b/);
  });

  it("a trace from an incident with one person: 'Contacts of the 1 person in incident'", () => {
    const summary = listMetadata(traceContacts(city(), 'I5'))?.summary ?? '';
    expect(summary).toContain('Contacts of the 1 person in incident I5 (2023-12-10)');
    expect(summary).toContain('1 incident older than the 6-year retention horizon');
    expect(summary).not.toMatch(/\b1 (people|incidents)\b/);
  });

  it("one incident in the data: 'There is one incident', not 'All 1 incidents carry the same date'", () => {
    const d = makeDataset([['I1', '2023-05-01', 3, ['A'], ['B']]]);
    expect(profileData(d).warnings[0]).toMatch(/^There is one incident \(2023-05-01\), so nothing/);
  });

  it("the report: 'highest risk (1 person)', 'The first 1 of 1 person', 'Only 1 person was seriously harmed'", () => {
    const input = smallReportWithPlan();
    input.ranked = input.ranked.slice(0, 1);
    input.plan = { ...input.plan!, ranked: input.plan!.ranked.slice(0, 1) };
    input.audit = {
      title: 'Audit',
      columns: ['attribute', 'value', 'list_n', 'list_share', 'victims_n', 'victims_share'].map(
        (key) => ({ key }),
      ),
      rows: [
        {
          attribute: 'area',
          value: 'Ñuñoa',
          list_n: 1,
          list_share: 1,
          victims_n: 1,
          victims_share: 1,
        },
      ],
    };
    const html = renderReport(input);
    expect(html).toContain('highest risk (1 person)</label>');
    expect(html).toContain('most harm prevented (1 person)</label>');
    expect(html).toContain('<h3>The first 1 of 1 person (highest risk)</h3>');
    expect(html).toContain('Only 1 person was seriously harmed in the comparison window');
    expect(html).toContain('<strong>Most harm prevented</strong>: the person whose reaching');
    expect(html).toContain('reaching the person with the highest risk instead');
    expect(html).not.toMatch(/\b1 people\b/);
  });
});
