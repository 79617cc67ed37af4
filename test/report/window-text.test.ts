import { describe, expect, it } from 'vitest';
import { windowText } from '../../src/core/window-text.js';
import { exportList, listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { renderReport } from '../../src/report/render-report.js';
import { makeDataset } from '../helpers.js';

/**
 * A data window is [from, to): "Data window 2018-01-01 to 2024-01-01" read as if the records of
 * 2024-01-01 were in it. Every printed window now names its last day.
 */
describe('data windows are printed with their last day, not the exclusive end', () => {
  it('windowText: the day before the exclusive end; the start and the end when missing', () => {
    expect(windowText('2018-01-01', '2024-01-01')).toBe('2018-01-01 to 2023-12-31');
    expect(windowText('2024-02-01', '2024-03-01')).toBe('2024-02-01 to 2024-02-29');
    expect(windowText(null, '2024-01-01')).toBe('the start to 2023-12-31');
    expect(windowText('2018-01-01', null)).toBe('2018-01-01 to the end');
    // No day in it, or an end that is not a date: said as it is.
    expect(windowText('2024-01-01', '2024-01-01')).toBe(
      '2024-01-01 up to, not including, 2024-01-01',
    );
    expect(windowText('2018-01-01', '2024-01-01T12:00')).toBe(
      '2018-01-01 up to, not including, 2024-01-01T12:00',
    );
  });

  it('the report header and the case-meeting summary', () => {
    const html = renderReport({
      purpose: 'For voluntary outreach and support; not for enforcement or investigative use.',
      window: { from: '2018-01-01', to: '2024-01-01' },
      ranked: [],
    });
    // Before: 'Data window 2018-01-01 to 2024-01-01', twice.
    expect(html).not.toContain('to 2024-01-01');
    expect(html.match(/Data window 2018-01-01 to 2023-12-31 · as of 2024-01-01/g)).toHaveLength(2);
  });

  const data = makeDataset([
    ['I1', '2023-01-10', 3, ['A'], ['B']],
    ['I2', '2023-02-10', 3, ['B'], ['C']],
    ['I3', '2023-03-10', 3, ['C'], ['A']],
  ]);

  it("the lists' exports and summaries", () => {
    const list = rankForOutreach(data, { asOf: '2024-01-01', minEvidence: 1 });
    const csv = exportList(list, { format: 'csv' });
    // Before: '# data window: 2018-01-01 to 2024-01-01 (3 incidents)'.
    expect(csv).toMatch(/^# data window: 2018-01-01 to 2023-12-31 \(3 incidents\)$/m);
    // Before: '… with records between 2018-01-01 and 2024-01-01.'
    expect(listMetadata(list)?.summary).toContain('with records from 2018-01-01 to 2023-12-31.');
    const trace = listMetadata(traceContacts(data, 'I3'))?.summary ?? '';
    // Before: 'from records between 2017-03-11 and 2023-03-10'; the network is as of the
    // incident's day, so its records end the day before.
    expect(trace).toContain('on the records from 2017-03-11 to 2023-03-09;');
  });
});
