import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { rankForOutreach } from '../../../src/outreach/index.js';
import { synthCity } from '../../../src/synth/index.js';

// The default window starts 6 years (of 365.25 days) before asOf, part-way through a day: the
// fit's refusal named the day before its first whole day, so the two refusals of one window
// disagreed by a day.
describe('a refusal for an empty window names its first whole day', () => {
  const { data } = synthCity({ seed: 1, people: 300 });
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('fitNetworkHawkes and rankForOutreach give the same first day', () => {
    const fit = message(() => fitNetworkHawkes(data, { asOf: '2099-01-01' }));
    const rank = message(() => rankForOutreach(data, { asOf: '2099-01-01' }));
    // (Every record is past retention there: both refuse in the same words, outside-records.)
    expect(fit).toContain('no records between 2093-01-01 and the as-of date 2099-01-01');
    expect(rank).toBe(fit.replace('fitNetworkHawkes', 'rankForOutreach'));
  });
});
