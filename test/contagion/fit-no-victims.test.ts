import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

// An export that records everyone in a fight as an offender (or as 'involved party') names no
// victim: the fit has no events, and the advice must point at the roles, not the window.

describe('fitNetworkHawkes: serious incidents that name no victim', () => {
  it('says the roles, not the window, are what to check', () => {
    const c = synthCity({ people: 600, years: 4, seed: 5 });
    const incidents = c.data.incidents.map(({ day: _day, ...rest }) => rest);
    const involvements = c.data.involvements.map((v) => ({ ...v, role: 'offender' as const }));
    const data = ingest({ incidents, involvements }).data;
    let message = '';
    try {
      fitNetworkHawkes(data, { asOf: '2021-12-01' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^fitNetworkHawkes: no events from \d{4}-\d\d-\d\d to 2021-12-01: \d+ incidents of severity ≥ 3 there name no one as victim \(the roles events are counted for\); check the role column and its roleSynonyms at ingest \(victims recorded as offenders or as 'involved party'\)$/,
    );
    expect(message).not.toContain('widen the window');
  });
});
