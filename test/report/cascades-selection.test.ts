import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/outreach/analyse.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { synthCity } from '../../src/synth/city.js';
import { smallReport } from './fixture.js';

/**
 * The report drew the 6 largest retaliation cascades and the 6 largest contagion chains under
 * "Cascades (12)" and "All cascades on one time line: 12 cascades between …", while the demo's
 * summary and cascades.csv counted 36 retaliation cascades. It says what it drew is a selection,
 * and of how many.
 */
describe('the report says which cascades it draws, of how many', () => {
  const { data } = synthCity({ people: 600, years: 4, seed: 8, feud: {} });
  const analysis = analyse(data, { asOf: '2021-12-30', limit: 20 });
  const input = reportInput(analysis);
  const total = analysis.cascades.numRows();

  it('reportInput: the largest of how many retaliation cascades and contagion chains', () => {
    expect(total).toBeGreaterThan(6);
    expect(input.cascadesNote).toMatch(
      new RegExp(
        `^Drawn here: the 6 largest of the ${total} retaliation cascades \\(chained retaliation links\\), and (the one contagion chain|all \\d+ contagion chains|the 6 largest of the \\d+ contagion chains) of 3 or more serious-violence events`,
      ),
    );
  });

  it('renderReport: "the N largest", not a count read as all there are', () => {
    const html = renderReport(input);
    const n = input.cascades!.length;
    expect(html).toContain(`<h2>Cascades (the ${n} largest)</h2>`);
    expect(html).not.toContain(`<h2>Cascades (${n})</h2>`);
    expect(html).toContain('The largest cascades on one time line');
    expect(html).not.toContain('All cascades on one time line');
    expect(html).toContain(`the 6 largest of the ${total} retaliation cascades`);
  });

  it('cascades given without a note are all there are', () => {
    const small = smallReport();
    const html = renderReport(small);
    expect(html).toContain(`<h2>Cascades (${small.cascades!.length})</h2>`);
    expect(html).toContain('All cascades on one time line');
    expect(html).not.toMatch(/Cascades \(the \d+ largest\)/);
  });
});
