import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { OptionError } from '../../src/core/errors.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { synthCity } from '../../src/synth/city.js';

describe('planOutreach with a capacity of 0', () => {
  it('is refused naming the option, as the CLI refuses --capacity 0 (it printed a plan of nobody)', () => {
    const data = synthCity({ people: 600, seed: 3, years: 4 }).data;
    const model = fitNetworkHawkes(data, { asOf: '2023-06-01', standardErrors: false });
    // Before: "A plan to reach 0 people ... 0.00 against 0.00", a plan that said nothing.
    expect(() => planOutreach(data, { asOf: '2023-06-01', model, capacity: 0 })).toThrow(
      OptionError,
    );
    expect(() => planOutreach(data, { asOf: '2023-06-01', model, capacity: 0 })).toThrow(
      /'capacity' must be a whole number ≥ 1, got 0/,
    );
  });
});
