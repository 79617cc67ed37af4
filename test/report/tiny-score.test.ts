import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { smallReport, smallReportWithPlan } from './fixture.js';

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

  // The same on the plan's list, the case-meeting summary and a score without a meaning: the
  // 20-person city's plan read "0 events prevented", on hover "0 serious-violence events
  // prevented in 90 days under the model (0 + 0); over the refits 0 to 0".
  it("a plan's tiny figure, on hover, in its parts and range, and on the summary", () => {
    const input = smallReportWithPlan();
    const plan = input.plan!;
    plan.ranked[0] = {
      ...plan.ranked[0],
      score: 3.6e-16,
      scoreLow: 1e-16,
      scoreHigh: 5e-16,
      reasons: [
        { text: 'harm to them it would prevent: 3e-16', value: 3e-16, kind: 'own' },
        { text: 'harm it would stop spreading: 6e-17', value: 6e-17, kind: 'onward' },
      ],
    };
    const html = renderReport(input);
    expect(html).toContain(
      'title="3.6e-16 serious-violence events prevented in 90 days under the model (3e-16 + 6e-17); over the refits 1e-16 to 5e-16;',
    );
    expect(html).toContain('<span class="vc-chance">3.6e-16</span>');
    expect(html).toContain('<td class="vc-num">3.6e-16, in the plan in 95% of refits</td>');
    expect(html).not.toMatch(/>0 events prevented|\(0 \+ 0\)|refits 0 to 0|>0, in the plan/);
  });

  it('a score without a meaning (a number only), in the list and on the summary', () => {
    const input = smallReport();
    input.score = undefined;
    input.ranked[0] = { ...input.ranked[0], score: 3.6e-16 };
    const html = renderReport(input);
    expect(html).toContain('<td class="vc-num vc-score" data-value="3.6e-16">3.6e-16</td>');
    expect(html).toContain('<td class="vc-num">3.6e-16</td>');
  });
});
