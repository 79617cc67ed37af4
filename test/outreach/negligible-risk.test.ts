import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/city.js';

const AS_OF = '2024-01-01';
const warningsOf = (people: number, seed: number) => {
  const { data } = synthCity({ people, seed });
  const model = fitNetworkHawkes(data, { asOf: AS_OF });
  const list = rankForOutreach(data, { asOf: AS_OF, limit: 10, model });
  return { list, warnings: listMetadata(list)?.warnings ?? [] };
};

/**
 * On a 20-person synthetic city (seed 3) the fitted model forecasts no current risk (no serious
 * event in the last trend bin): every listed score was about 3.6e-16 expected events in 90 days,
 * and the list was ranked 1–10 with nothing saying that its order is noise.
 */
describe('a list whose highest forecast is negligible says so', () => {
  it('the 20-person city: the highest forecast (expected_events) and what to read the list as', () => {
    const { list, warnings } = warningsOf(20, 3);
    expect(list.numRows()).toBeGreaterThan(0);
    const top = Math.max(...(list.array('expected_events') as Float64Array));
    expect(top * (365.25 / 90)).toBeLessThan(1e-4);
    const w = warnings.find((x) => x.startsWith('The model forecasts at most'));
    expect(w).toBeDefined();
    // It tests the model's forecast (expected_events), and says so: it read "The highest score in
    // the list is …", and `score` is another column (it drops parts older than retention).
    expect(w).toContain(
      `at most ${Number(top.toPrecision(2))} serious-violence events in the 90 days for anyone on this list (the expected_events column; a chance below 1 in 10,000 a year)`,
    );
    expect(w).not.toContain('highest score');
    expect(w).toContain("Read the list as 'nobody stands out'");
  });

  it('a 300-person city with current risk: no such warning', () => {
    const { list, warnings } = warningsOf(300, 2);
    expect((list.array('expected_events') as Float64Array)[0]).toBeGreaterThan(1e-3);
    expect(warnings.some((x) => x.startsWith('The model forecasts at most'))).toBe(false);
  });
});
