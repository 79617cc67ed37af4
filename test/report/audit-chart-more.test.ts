import { describe, expect, it } from 'vitest';
import { auditChart } from '../../src/report/charts.js';
import type { ReportTable } from '../../src/report/types.js';

// Found by review14 (beside b9d1997's "1 more warnings"): an audit panel with one value past the
// rows drawn said "1 more area values with fewer people are in the table."
describe("the audit chart's note on values not drawn", () => {
  const table = (values: number): ReportTable => ({
    title: 'Audit',
    columns: ['attribute', 'value', 'list_n', 'list_share', 'victims_n', 'victims_share'].map(
      (key) => ({ key, label: key }),
    ),
    rows: Array.from({ length: values }, (_, i) => ({
      attribute: 'area',
      value: `A${i}`,
      list_n: values - i,
      list_share: (values - i) / 100,
      victims_n: 1,
      victims_share: 0.01,
    })),
  });

  it('is in the singular for one value and the plural for more', () => {
    expect(auditChart(table(3), 2)).toContain(
      '<p class="vc-note">1 more area value with fewer people is in the table.</p>',
    );
    expect(auditChart(table(4), 2)).toContain(
      '<p class="vc-note">2 more area values with fewer people are in the table.</p>',
    );
  });
});
