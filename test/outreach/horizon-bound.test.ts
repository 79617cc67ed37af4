import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, updateNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import { analyse } from '../../src/outreach/analyse.js';
import { auditList } from '../../src/outreach/audit-list.js';
import { backtest } from '../../src/outreach/backtest.js';
import { exposureRiskModel } from '../../src/outreach/exposure-risk-model.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { synthCity } from '../../src/synth/index.js';

const { data } = synthCity({ people: 400, years: 3, seed: 2 });
const asOf = data.incidents.at(-1)!.date;
const refusal = (fn: string, got: number, whole = false) =>
  expect.objectContaining({
    name: 'OptionError',
    option: 'horizonDays',
    message: `${fn}: option 'horizonDays' must be ${whole ? 'a whole number' : 'a number'} > 0 and ≤ 3650 (a horizon beyond ten years is not a forecast from these records), got ${got}.`,
  });

describe('horizonDays is at most ten years wherever a forecast takes it', () => {
  it('every function refuses a longer horizon, naming the option and why', () => {
    // Before: rankForOutreach with horizonDays 1e9 listed 57,054 expected events for one person
    // ('background: 57054.319'), the records' rates carried millennia past them.
    const model = fitNetworkHawkes(data, { asOf, standardErrors: false });
    const list = rankForOutreach(data, { asOf, limit: 5 });
    const cases: [string, (h: number) => unknown, boolean?][] = [
      ['rankForOutreach', (h) => rankForOutreach(data, { asOf, horizonDays: h })],
      ['planOutreach', (h) => planOutreach(data, { asOf, model, capacity: 10, horizonDays: h })],
      [
        'traceContacts',
        (h) => traceContacts(data, data.incidents[0].incident_id, { horizonDays: h }),
      ],
      ['auditList', (h) => auditList(data, list, { horizonDays: h })],
      ['analyse', (h) => analyse(data, { asOf, horizonDays: h }), true],
      ['backtest', (h) => backtest(data, { cuts: 1, horizonDays: h }), true],
      ['model.risk', (h) => model.risk(undefined, { from: asOf, horizonDays: h })],
      [
        'updateNetworkHawkes',
        (h) => updateNetworkHawkes(model, { incidents: [], involvements: [] }, { horizonDays: h }),
      ],
    ];
    for (const [fn, call, whole] of cases) {
      expect(() => call(1e9), fn).toThrow(refusal(fn, 1000000000, whole));
      expect(() => call(3651), fn).toThrow(refusal(fn, 3651, whole));
    }
    expect(() =>
      exposureRiskModel(data, { asOf }).risk(undefined, { from: asOf, horizonDays: 1e9 }),
    ).toThrow(
      "model.risk: option 'horizonDays' must be a number > 0 and ≤ 3650 (a horizon beyond ten years is not a forecast from these records), got 1000000000.",
    );
  });

  it('ten years is taken, with a warning when it is longer than the records read', () => {
    const first = data.incidents[0].date;
    const span = Math.round((Date.parse(asOf) - Date.parse(first)) / 86_400_000);
    const long = rankForOutreach(data, { asOf, limit: 5, horizonDays: 3650 });
    expect(listMetadata(long)!.warnings).toContain(
      `The 3650-day horizon is longer than the ${span} days of records read (${first} to ${asOf}): its expected events carry those records' rates past anything they show; a horizon of at most ${span} days is a firmer forecast.`,
    );
    const usual = rankForOutreach(data, { asOf, limit: 5 });
    expect((listMetadata(usual)!.warnings ?? []).join(' ')).not.toMatch(/horizon is longer/);
  });
});

describe('the command line bounds --horizon-days as the library does', () => {
  it('rank, plan and backtest take at most 3650 days, naming the flag', async () => {
    const { cli, EXPORT_ARGS } = await import('../cli/helpers.js');
    for (const cmd of ['rank', 'plan', 'backtest']) {
      const r = await cli([cmd, ...EXPORT_ARGS, '--horizon-days', '5000']);
      expect([cmd, r.code]).toEqual([cmd, 2]);
      expect(r.stderr).toContain(
        "option '--horizon-days <days>' argument '5000' is invalid. must be at most 3650.",
      );
    }
  });
});
