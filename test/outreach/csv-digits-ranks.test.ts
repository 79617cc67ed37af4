import { csvParseRows } from 'd3';
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { leadingNotes, toCsv } from '../../src/core/csv.js';
import { tiedRanks } from '../../src/metrics/node-metrics.js';
import { exportList, planOutreach, rankForOutreach } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/city.js';

/** The header and data rows of a file toCsv wrote. */
function rows(csv: string): Record<string, string>[] {
  const [head, ...body] = csvParseRows(csv.slice(leadingNotes(csv).end));
  return body.map((r) => Object.fromEntries(head.map((h, j) => [h, r[j]])));
}

/** Rows with different ranks show different values, in the ranks' order (highest first). */
function expectRanksShown(table: Record<string, string>[], rank: string, value: string) {
  expect(table.length).toBeGreaterThan(1);
  for (let i = 1; i < table.length; i++) {
    const [a, b] = [table[i - 1], table[i]];
    if (a[rank] === b[rank]) continue;
    expect(Number(a[rank])).toBeLessThan(Number(b[rank]));
    expect(Number(a[value])).toBeGreaterThan(Number(b[value]));
  }
}

/**
 * The CSV writer's 12 significant digits against the ranks shown beside the values: rows the tie
 * rule (1e-9 of the largest value) ranks apart never show the same value.
 */
describe('CSV numbers at 12 significant digits keep every rank shown', () => {
  it('values just outside the tie tolerance: distinct ranks, distinct written values', () => {
    // 2e-9 apart (twice the tie gap): ranked 1, 2, 3. At 8 digits all three read 1.0000000.
    const values = [1, 1 - 2e-9, 1 - 4e-9, 0.5, 0.5 + 0.5e-9];
    const rank = tiedRanks(values);
    expect(Array.from(rank)).toEqual([1, 2, 3, 4, 4]);
    const csv = toCsv(
      Array.from(values, (v, i) => ({ rank: rank[i], v })).sort((a, b) => a.rank - b.rank),
    );
    const written = rows(csv);
    expect(written.map((r) => r.v)).toEqual([
      '1',
      '0.999999998',
      '0.999999996',
      '0.5',
      '0.5000000005',
    ]);
    expectRanksShown(written, 'rank', 'v');
  });

  it("the ranked list's and the plan's CSV: every change of rank is a change of the written score", () => {
    const { data } = synthCity({ people: 400, years: 3, seed: 5, feud: {} });
    const asOf = '2022-06-01';
    const model = fitNetworkHawkes(data, { asOf });
    const list = rows(
      exportList(rankForOutreach(data, { asOf, limit: 200, model }), { format: 'csv' }),
    );
    expectRanksShown(list, 'rank', 'score');
    const plan = planOutreach(data, { asOf, model, capacity: 40 });
    expectRanksShown(rows(exportList(plan.list, { format: 'csv' })), 'rank', 'averted');
  });
});
