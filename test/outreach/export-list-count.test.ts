import { describe, expect, it } from 'vitest';
import { exportList } from '../../src/outreach/purpose.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { makeDataset } from '../helpers.js';

/** exportList's CSV notes read 'data window: … (1 incidents)' for a window of one incident. */
describe('exportList counts the incidents of its data window in words', () => {
  it('1 incident', () => {
    const data = makeDataset([
      ['I1', '2023-01-10', 3, ['A'], ['B']],
      ['I2', '2023-02-10', 3, ['B'], ['C']],
    ]);
    const csv = exportList(traceContacts(data, 'I2'), { format: 'csv' });
    // Before: '# data window: … (1 incidents)'.
    expect(csv).toMatch(/^# data window: .* \(1 incident\)$/m);
  });
});
