import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { profileData } from '../../src/core/profile.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

// Some exports give each person-row an incident id of its own (the shooting once per victim and
// once per offender): no incident then names two people, and no tie can form.

function city(perPerson: boolean) {
  const c = synthCity({ people: 600, years: 4, seed: 5 });
  const incidents = c.data.incidents.map(({ day: _day, ...rest }) => rest);
  if (!perPerson) return ingest({ incidents, involvements: c.data.involvements }).data;
  const byId = new Map(incidents.map((i) => [i.incident_id, i]));
  const rows = c.data.involvements.map((v, k) => ({ ...v, incident_id: `${v.incident_id}-${k}` }));
  const split = c.data.involvements.map((v, k) => ({
    ...(byId.get(v.incident_id) as (typeof incidents)[number]),
    incident_id: `${v.incident_id}-${k}`,
  }));
  return ingest({ incidents: split, involvements: rows }).data;
}

describe('profileData: incidents that each name one person', () => {
  it('says nothing of a synthetic city as recorded', () => {
    const p = profileData(city(false));
    expect(p.multiPersonIncidents).toBeGreaterThan(0.5 * p.incidentsWithPeople);
    expect(p.warnings.some((w) => w.includes('name more than one person'))).toBe(false);
  });

  it('warns when every person-row has an incident id of its own', () => {
    const data = city(true);
    const p = profileData(data);
    expect(p.multiPersonIncidents).toBe(0);
    const w = `Only 0 of the ${p.incidentsWithPeople} incidents naming anyone name more than one person: no co-offending or victim–offender tie can form, so the network is empty and the contagion model cannot see spread. If the export gives each person-row an incident id of its own, give the rows of one event one id before ingest.`;
    expect(p.warnings).toContain(w);
    // It travels with the fit (of the records before its asOf).
    const fit = fitNetworkHawkes(data, { asOf: '2021-12-01' });
    expect(fit.warnings.some((x) => x.startsWith('Only 0 of the '))).toBe(true);
  });
});
