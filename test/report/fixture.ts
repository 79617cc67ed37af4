import type { ReportInput } from '../../src/report/index.js';

export const PURPOSE =
  'For voluntary outreach and support; not for enforcement or investigative use.';
export const HOSTILE = '<script>alert("x")</script>';

/**
 * A small hand-made report: P1 and P2 are listed; P1–P3–P4 is a chain, P5 sits three steps from
 * P1 and two from nobody listed, so its tie to P4 must be pruned; X1 is isolated from everyone.
 */
export function smallReport(): ReportInput {
  return {
    purpose: PURPOSE,
    window: { from: '2019-01-01', to: '2024-01-01' },
    asOf: '2024-01-01',
    parameters: { model: 'network-hawkes', 'horizon (days)': 90 },
    summary: [{ label: 'people in the network', value: 6 }],
    score: { expectedEvents: true, horizonDays: 90 },
    warnings: [`Area is missing for 3% of incidents, e.g. ${HOSTILE}.`],
    ranked: [
      {
        rank: 1,
        person_id: 'P1',
        score: 0.052,
        explanation:
          'Recent harm close to them: P3, someone they co-offended with, was shot 12 days ago.',
        reasons: [
          {
            text: 'co-offended with P3 (shot 12 days ago): 0.050',
            value: 0.05,
            kind: 'exposure',
            via: 'P3',
            incidentId: 'I3',
          },
          { text: 'background (own record history): 0.002', value: 0.002, kind: 'background' },
          { text: 'was harmed 40 days ago: 0.0004', value: 0.0004, kind: 'own-victimisation' },
          {
            text: 'co-offended with P4 (shot 300 days ago): 0.0003',
            value: 0.0003,
            kind: 'exposure',
          },
          {
            text: 'co-offended with P8 (cut 200 days ago): 0.0002',
            value: 0.0002,
            kind: 'exposure',
          },
        ],
        group: 'G1',
        area: 'A7',
      },
      {
        rank: 2,
        person_id: HOSTILE,
        score: 0.01,
        reasons: [{ text: `co-offended with ${HOSTILE}`, value: 0.01, kind: 'exposure' }],
        group: 'G2',
      },
    ],
    people: [
      { person_id: 'P1', group: 'G1', incidents: 4, victimisations: 0, lastSeen: '2023-12-01' },
      { person_id: 'P3', group: 'G1', incidents: 2, victimisations: 1, lastSeen: '2023-12-20' },
      { person_id: 'P5', incidents: 1 },
      { person_id: 'X1', incidents: 1 },
    ],
    ties: [
      { source: 'P1', target: 'P3', count: 2, last: '2023-11-01' },
      { source: 'P3', target: 'P4', count: 1, last: '2021-05-01' },
      { source: 'P4', target: 'P5', count: 1, last: '2020-01-01' },
      { source: HOSTILE, target: 'P1', count: 1, last: '2023-06-01' },
    ],
    incidents: [
      {
        incident_id: 'I3',
        date: '2023-12-20',
        severity: 3,
        offence: 'shooting',
        offenders: ['P9'],
        victims: ['P3'],
      },
      {
        incident_id: 'I-old',
        date: '2015-01-01',
        severity: 3,
        offence: 'shooting',
        offenders: ['P4'],
        victims: ['P5'],
      },
      {
        incident_id: 'I-x',
        date: '2023-12-01',
        severity: 2,
        offence: HOSTILE,
        offenders: [HOSTILE],
        victims: ['P1'],
      },
    ],
    cascades: [
      {
        cascade_id: 'R1',
        kind: 'retaliation',
        events: [
          { incident_id: 'I-a', date: '2023-01-01', severity: 2, parent: null },
          { incident_id: 'I-b', date: '2023-01-20', severity: 3, parent: 'I-a', label: HOSTILE },
          { incident_id: 'I-c', date: '2023-02-11', severity: 4, parent: 'I-b' },
        ],
      },
    ],
    audit: {
      title: 'Audit',
      columns: [{ key: 'attribute' }, { key: 'value' }, { key: 'list_share', label: 'list share' }],
      rows: [
        { attribute: 'group', value: 'G1', list_share: 0.5 },
        { attribute: 'group', value: HOSTILE, list_share: 0.5 },
      ],
    },
    backtest: { summary: 'ranker | recall@1%\nmodel | 0.12' },
    notes: ['3 incidents older than the retention horizon were excluded.'],
  };
}

/**
 * The small report with a plan ("most harm prevented"): P3 (not on the risk list) first, then P1.
 * Each plan row's two reasons add up to its score exactly.
 */
export function smallReportWithPlan(): ReportInput {
  return {
    ...smallReport(),
    plan: {
      horizonDays: 90,
      effect: 0.2,
      expected: { without: 1.5, withPlan: 1.47, averted: 0.03 },
      highestRiskAverted: 0.021,
      refits: 20,
      warnings: [`Ties broken by ${HOSTILE}.`],
      ranked: [
        {
          rank: 1,
          person_id: 'P3',
          score: 0.0125 + 0.0075,
          explanation: 'Reaching them could prevent about 0.02 serious incidents in 90 days.',
          reasons: [
            { text: 'harm to them it would prevent: 0.0125', value: 0.0125, kind: 'own' },
            { text: 'harm it would stop spreading: 0.0075', value: 0.0075, kind: 'onward' },
          ],
          context: ['background (own record history): 0.05'],
          inListShare: 0.95,
          scoreLow: 0.015,
          scoreHigh: 0.026,
        },
        {
          rank: 2,
          person_id: 'P1',
          score: 0.0104 + 0.0001,
          reasons: [
            { text: 'harm to them it would prevent: 0.0104', value: 0.0104, kind: 'own' },
            { text: 'harm it would stop spreading: 0.0001', value: 0.0001, kind: 'onward' },
          ],
          inListShare: 0.4,
        },
      ],
    },
  };
}
