import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { smallReport } from './fixture.js';

/**
 * On a 20-person synthetic city (synthCity people 20, seed 3) every listed score was below 1e-15:
 * the list read "less than 1 in 1,000 (3.6e-14%) · 0" and the exact figure on hover (and in the
 * selected person's panel) "Exact: 0 expected events …; chance of at least one = 1 − e^(−0) =
 * 0.0%", a listed person with no chance at all. A positive score is never 0, nor its chance 0.0%.
 */
describe('a tiny positive score reads as itself, not 0', () => {
  const render = (score: number) => {
    const input = smallReport();
    input.ranked[0] = { ...input.ranked[0], score };
    return renderReport(input).replaceAll('&#39;', "'");
  };

  it('below 1e-12: its two significant digits, in the cell and on hover', () => {
    const html = render(3.6e-16);
    expect(html).toContain(
      'title="3.6e-16 expected events of serious harm in 90 days; chance of at least one = 1 − e^(−3.6e-16) = 3.6e-14%"',
    );
    expect(html).toContain('<span class="vc-pct">3.6e-14% · 3.6e-16</span>');
    expect(html).not.toMatch(/1 − e\^\(−0\)|= 0\.0%/);
  });

  it('a chance under 0.05% is not rounded to 0.0%', () => {
    const html = render(4e-6);
    expect(html).toContain('chance of at least one = 1 − e^(−0.000004) = 0.0004%');
  });

  it('from 0.05% on, one decimal as before', () => {
    expect(render(0.329)).toContain('1 − e^(−0.329) = 28.0%');
  });
});
