import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, updateNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import type { Dataset, Incident, Involvement } from '../../src/core/types.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/city.js';

// Found by review14: a list made from an update of a fit that is not identified (α under two
// standard errors) carried only the update's own warnings, so it read as if the fit were
// identified, while a list made from the fit itself says so.
describe('a list made from an updateNetworkHawkes update', () => {
  it("carries the fit's warnings, then the update's", () => {
    const city = synthCity({ people: 400, seed: 4, years: 4, contagion: { alpha: 0.05 } }).data;
    const asOf = '2021-07-01';
    const model = fitNetworkHawkes(city, { asOf });
    expect(model.identified).toBe(false);
    const caveat = model.warnings.find((w) => w.includes('under two standard errors'));
    expect(caveat).toMatch(/^α = 0\.0722 is under two standard errors \(0\.0444\)/); // 0.0718 without the co-offender count

    const incidents = city.incidents.filter((i) => i.date < asOf);
    const kept = new Set(incidents.map((i) => i.incident_id));
    const past: Dataset = {
      ...city,
      incidents,
      involvements: city.involvements.filter((v) => kept.has(v.incident_id)),
    };
    const [offender, victim] = past.involvements.map((v) => v.person_id);
    const tonight: Incident = {
      incident_id: 'TONIGHT',
      date: '2021-07-02',
      day: Date.parse('2021-07-02') / 86_400_000,
      offence: 'Shooting',
      severity: 3,
    };
    const rows: Involvement[] = [
      { incident_id: 'TONIGHT', person_id: victim, role: 'victim' },
      { incident_id: 'TONIGHT', person_id: offender, role: 'offender' },
    ];
    const live = updateNetworkHawkes(model, { incidents: [tonight], involvements: rows });
    const all: Dataset = {
      ...past,
      incidents: [...past.incidents, tonight],
      involvements: [...past.involvements, ...rows],
    };
    const warnings =
      listMetadata(rankForOutreach(all, { asOf: '2021-07-03', model: live }))?.warnings ?? [];
    // Before: only the update's own warning (the frailty one).
    expect(live.warnings.length).toBeGreaterThan(0);
    expect(warnings).toContain(caveat);
    for (const w of live.warnings) expect(warnings).toContain(w);
    expect(warnings.indexOf(caveat!)).toBeLessThan(warnings.indexOf(live.warnings[0]));
  });
});
