import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

/**
 * metrics --help said "betweenness from k sampled sources (0 = exact)", where betweenness is exact
 * anyway when people × ties is within its exact budget of 1e8 (58191fe: the metrics guide and
 * nodeMetrics' TSDoc say so, and the CSV's note says which was used).
 */
describe('metrics --help says when --pivots samples', () => {
  it('only above the exact budget', async () => {
    const r = await cli(['metrics', '--help']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'betweenness from k sampled sources when people × ties is above 1e8 (exact below it, or with 0)',
    );
  });
});
