import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { analyse, planOutreach } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/city.js';
import { FIVE_INCIDENTS_AS_OF, fiveIncidents } from '../helpers.js';

/** The error `f` throws (the test fails when it throws none). */
function thrown(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionError);
    return e as OptionError;
  }
  throw new Error('expected an OptionError');
}

describe("analyse's plan options are checked first, by their full path", () => {
  const data = fiveIncidents();
  const asOf = FIVE_INCIDENTS_AS_OF;
  // No stage may start: planOutreach refused these only after the model was fitted.
  const run = (plan: unknown) => {
    const steps: string[] = [];
    const e = thrown(() =>
      analyse(data, { asOf, plan: plan as never, onStep: (s) => steps.push(s) }),
    );
    expect(steps).toEqual([]);
    return e;
  };

  it("names 'plan.capacity', not planOutreach's 'capacity'", () => {
    // Before: "planOutreach: option 'capacity' must be a whole number ≥ 1, got 0." after the fit.
    const e = run({ capacity: 0 });
    expect(e.message).toBe("analyse: option 'plan.capacity' must be a whole number ≥ 1, got 0.");
    expect(e.option).toBe('plan.capacity');
    expect(e.fn).toBe('analyse');
    expect(run({ effect: 1.5 }).message).toBe(
      "analyse: option 'plan.effect' must be a number > 0 and ≤ 1, got 1.5.",
    );
  });

  it('names a misspelt plan option by its path, with the one meant', () => {
    const e = run({ capcity: 3 });
    expect(e.message).toContain(
      "analyse: unknown option 'plan.capcity'. Did you mean 'plan.capacity'? Valid options of plan: capacity, effect,",
    );
    expect(e.option).toBe('plan.capcity');
    // Nested once more: minEvidence's keys and pseudonymise's.
    expect(run({ minEvidence: { record: 3 } }).message).toBe(
      "analyse: unknown option 'plan.minEvidence.record'. Did you mean 'plan.minEvidence.records'? Valid options of plan.minEvidence: records.",
    );
    expect(run({ minEvidence: { records: 0 } }).message).toBe(
      "analyse: option 'plan.minEvidence.records' must be a whole number ≥ 1, got 0.",
    );
    expect(run({ pseudonymise: { kye: 'k' } }).message).toBe(
      "analyse: unknown option 'plan.pseudonymise.kye'. Did you mean 'plan.pseudonymise.key'? Valid options of plan.pseudonymise: key.",
    );
    expect(run(3).message).toBe(
      "analyse: option 'plan' must be true or false, or an object, got 3.",
    );
  });

  it("refuses plan.asOf and plan.model, which are the analysis's (they were overwritten unsaid)", () => {
    expect(run({ asOf: '2020-01-01' }).message).toBe(
      "analyse: option 'plan.asOf' is the analysis's own (the plan is made as of analyse's asOf, with the model it fits); leave it out of plan",
    );
    expect(run({ model: {} }).option).toBe('plan.model');
  });

  it('refuses a capacity above the cap before the pipeline, not after it', () => {
    expect(run({ capacity: 1500 }).message).toBe(
      "analyse: option 'plan.capacity' (1500) is above the cap of 1000; raise 'plan.cap' explicitly if a longer plan is really needed",
    );
    expect(run({ capacity: 30, cap: 20 }).message).toBe(
      "analyse: option 'plan.capacity' (30) is above 'plan.cap' (20); raise 'plan.cap' explicitly if a longer plan is really needed",
    );
    expect(run({ cap: 20 }).message).toBe(
      "analyse: the plan's capacity is the list's limit (100), above 'plan.cap' (20); give 'plan.capacity' or raise 'plan.cap'",
    );
    // A plan as long as a list longer than 1000 (its default capacity): planOutreach refused it
    // after the pipeline ("capacity 1500 is above the cap of 1000"), with no cap given to raise.
    const city = synthCity({ people: 400, years: 3, seed: 5, feud: {} }).data;
    const a = analyse(city, { asOf: '2022-06-01', limit: 1500, plan: true });
    expect(a.list.numRows()).toBeGreaterThan(100);
    expect(a.plan?.list.numRows()).toBeGreaterThan(100);
  });

  it('planOutreach names a misspelt minEvidence key (it was read as the default of 2 records)', () => {
    const model = {} as never;
    expect(() =>
      planOutreach(data, { asOf, model, capacity: 3, minEvidence: { record: 3 } as never }),
    ).toThrow(
      "planOutreach: unknown option 'minEvidence.record'. Did you mean 'minEvidence.records'?",
    );
    expect(() =>
      planOutreach(data, { asOf, model, capacity: 3, minEvidence: 'two' as never }),
    ).toThrow(
      "planOutreach: option 'minEvidence' must be a whole number ≥ 1, or an object, got 'two'.",
    );
  });
});
