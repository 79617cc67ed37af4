import { describe, expect, it } from 'vitest';
import { auditChart } from '../../src/report/charts.js';
import type { ReportTable } from '../../src/report/types.js';

/**
 * On a 20-person synthetic city (synthCity people 20, seed 3) nobody was seriously harmed in the
 * audit's comparison window, and the chart said "Only 0 people were seriously harmed …" and drew
 * each value's dot at "0% of the people harmed (0)". It says nobody was, and draws no such dot.
 */
describe('the audit chart when nobody was harmed in the comparison window', () => {
  const table = (victims: number): ReportTable => ({
    title: 'Audit',
    columns: [
      'attribute',
      'value',
      'list_n',
      'list_share',
      'victims_n',
      'victims_share',
      'population_share',
    ].map((key) => ({ key, label: key })),
    rows: [
      {
        attribute: 'area',
        value: 'A13',
        list_n: 2,
        list_share: 0.1,
        victims_n: 0,
        victims_share: null,
        population_share: 0.1,
      },
      {
        attribute: 'area',
        value: 'A34',
        list_n: 18,
        list_share: 0.9,
        victims_n: victims,
        victims_share: victims ? 1 : null,
        population_share: 0.9,
      },
    ],
  });

  it('says nobody was, and draws no share of the people harmed', () => {
    const svg = auditChart(table(0));
    expect(svg).toContain('Nobody was seriously harmed in the comparison window');
    expect(svg).not.toMatch(/Only 0 people/);
    expect(svg).not.toContain('vc-dot-victims');
    expect(svg).not.toContain('of the people harmed (0)');
    expect(svg).not.toContain('share of the people seriously harmed');
  });

  it('with a few harmed, says how few and draws them', () => {
    const svg = auditChart(table(2));
    expect(svg).toContain('Only 2 people were seriously harmed in the comparison window');
    expect(svg).toContain('vc-dot-victims');
  });
});
