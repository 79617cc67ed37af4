import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/outreach/analyse.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import type { ReportCascade } from '../../src/report/types.js';
import { tieAtCut } from '../../src/report/units.js';
import { synthCity } from '../../src/synth/city.js';
import { smallReport } from './fixture.js';

/**
 * "the 6 largest of the 16 retaliation cascades" drew one of eleven cascades of 2 incidents, the
 * earliest, and said nothing: a tie-break presented as a ranking. As rankForOutreach says a tie
 * across its list's cut (and keeps its length), the report keeps its 6 and says how many of that
 * size are drawn, how many are not, and what chose.
 */
describe('a top-N of cascades whose cut falls among cascades of one size says so', () => {
  it('tieAtCut: how many kept and left share the size at the cut', () => {
    expect(tieAtCut([5, 5, 3, 3, 3, 2, 2, 2], 4)).toEqual({ size: 3, kept: 2, left: 1 });
    expect(tieAtCut([5, 5, 3, 3, 3, 2], 5)).toBeUndefined(); // the cut falls between sizes
    expect(tieAtCut([5, 5, 3], 3)).toBeUndefined(); // nothing left out
    expect(tieAtCut([2, 2, 2], 1)).toEqual({ size: 2, kept: 1, left: 2 });
  });

  it('reportInput: the retaliation cascades of the size at the cut, drawn and not', () => {
    // Sizes 5 5 3 3 3, then eleven of 2 incidents: the sixth drawn is one of eleven.
    const { data } = synthCity({ people: 600, years: 4, seed: 8, feud: {} });
    const analysis = analyse(data, { asOf: '2021-12-30', limit: 20 });
    const sizes = (analysis.cascades.array('size') as number[]).slice().sort((a, b) => b - a);
    expect(sizes.slice(0, 7)).toEqual([5, 5, 3, 3, 3, 2, 2]);
    const input = reportInput(analysis);
    expect(input.cascadesNote).toContain(
      'Of the retaliation cascades, the last drawn (2 incidents) is as large as 10 more not drawn: the earlier start, not size, chose which one of these 11 is drawn.',
    );
    // The earliest of them (cascade 1) is the one drawn; the larger ones come first.
    expect(
      input.cascades?.filter((c) => c.kind === 'retaliation').map((c) => c.cascade_id),
    ).toEqual(['R2', 'R4', 'R5', 'R12', 'R14', 'R1']);
    expect(renderReport(input)).toContain('is as large as 10 more not drawn');
  });

  it('renderReport: a maxCascades cut among equal sizes is not "smaller cascades"', () => {
    const chain = (id: string, n: number): ReportCascade => ({
      cascade_id: id,
      kind: 'retaliation',
      events: Array.from({ length: n }, (_, i) => ({
        incident_id: `${id}-${i}`,
        date: `2023-0${i + 1}-01`,
        severity: 3,
        parent: i ? `${id}-${i - 1}` : null,
      })),
    });
    const cascades = [chain('A', 4), chain('B', 3), chain('C', 3), chain('D', 3), chain('E', 2)];
    const html = renderReport({ ...smallReport(), cascades }, { maxCascades: 2 });
    // Before: "3 smaller cascades are not drawn." — two of them are as large as B.
    expect(html).toContain(
      '<p class="vc-note vc-cascades-omitted">2 more cascades of 3 incidents, as large as the last drawn, are not drawn: the order of their ids, not their size, chose which one is drawn. 1 smaller cascade is not drawn.</p>',
    );
    const cut = renderReport({ ...smallReport(), cascades }, { maxCascades: 4 });
    expect(cut).toContain(
      '<p class="vc-note vc-cascades-omitted">1 smaller cascade is not drawn.</p>',
    );
  });
});
