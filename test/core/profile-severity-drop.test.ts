import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { profileData } from '../../src/core/profile.js';
import type { Severity } from '../../src/core/types.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';
import { WORLD_CONTAGION } from '../../src/synth/presets.js';

// A real extract can change its severity coding from a date on (a new recording system, a
// scale written 1 = most serious, or shifted by one), or lose a severity for a year. Serious
// events then become rarer or commoner at a date, which a fit reads as a change in violence.

/**
 * A synthetic city's export (about 50 serious incidents a year; the check needs 25 or more of a
 * severity a year) with `recode` applied to the severity of incidents from `from` on. */
function cityRecoded(from: string, recode?: (s: number) => number | null, to = '9999') {
  const city = synthCity({ people: 1500, years: 6, seed: 1, contagion: WORLD_CONTAGION });
  const incidents: { incident_id: string; date: string; offence: string; severity: Severity }[] =
    [];
  const dropped = new Set<string>();
  for (const { day: _day, ...i } of city.data.incidents) {
    const s = recode && i.date >= from && i.date < to ? recode(i.severity) : i.severity;
    if (s === null) dropped.add(i.incident_id);
    else incidents.push({ ...i, severity: s as Severity });
  }
  const involvements = city.data.involvements.filter((v) => !dropped.has(v.incident_id));
  return ingest({ incidents, involvements, people: city.data.people }).data;
}

describe('profileData: a severity level that vanishes from one year to the next', () => {
  it('says nothing of a synthetic city as recorded', () => {
    const p = profileData(cityRecoded('2021-07-01'));
    expect(p.severityDrop).toBeNull();
    expect(p.warnings.some((w) => w.includes('fell from'))).toBe(false);
  });

  it('warns when severity is coded one lower from a date on (serious events 6 times rarer)', () => {
    const data = cityRecoded('2021-07-01', (s) => Math.max(0, s - 1));
    const p = profileData(data);
    expect(p.severityDrop).toMatchObject({ severity: 3, year: 2022, previousYear: 2020 });
    const d = p.severityDrop;
    if (!d) throw new Error('no drop');
    expect(d.count).toBeLessThanOrEqual(d.expected / 5);
    const w = p.warnings.find((x) => x.startsWith('Incidents of severity 3 fell from'));
    expect(w).toBe(
      `Incidents of severity 3 fell from ${d.previousCount} in 2020 to ${d.count} in 2022 (${d.expected} expected at 2020's pace over the days of records): a severity scale coded differently from a date on (a recording-system change) or serious incidents missing from part of the extract would do that, and fits and lists would read it as a change in serious violence. Check the severities by year.`,
    );
    // It travels with the fit, as the other profile warnings do.
    expect(fitNetworkHawkes(data, { asOf: '2023-06-01' }).warnings).toContain(w);
  });

  it('warns when the scale is reversed from a date on (4 = least serious)', () => {
    const p = profileData(cityRecoded('2021-07-01', (s) => 4 - s));
    expect(p.severityDrop).toMatchObject({ severity: 0, year: 2022 });
    expect(p.warnings.some((w) => w.startsWith('Incidents of severity 0 fell from'))).toBe(true);
  });

  it('warns when the serious incidents of one year are missing', () => {
    const p = profileData(cityRecoded('2021-01-01', (s) => (s >= 3 ? null : s), '2022-01-01'));
    expect(p.severityDrop).toMatchObject({ severity: 3, year: 2021, count: 0 });
  });
});
