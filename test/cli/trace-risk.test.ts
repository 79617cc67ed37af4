import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { dayToIso, toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { synthCity } from '../../src/synth/index.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * A small synthetic city and a shooting the day after its last record, whose victim V has a
 * co-offender C. `trace` fitted its model as of the shooting's date, so the shooting was in
 * neither the fit nor C's risk, while its help called the column the current risk.
 */
function cityWithShooting(): { data: Dataset; victim: string; contact: string; date: string } {
  const { data } = synthCity({ people: 400, seed: 3, years: 4 });
  const last = Math.max(...data.incidents.map((i) => i.day));
  // The latest co-offence: its first offender is the victim, the second the contact.
  const byId = new Map(data.incidents.map((i) => [i.incident_id, i]));
  const offenders = new Map<string, string[]>();
  for (const v of data.involvements)
    if (v.role === 'offender')
      offenders.set(v.incident_id, [...(offenders.get(v.incident_id) ?? []), v.person_id]);
  const [, pair] = [...offenders.entries()]
    .filter(([, ps]) => ps.length === 2)
    .sort((a, b) => byId.get(b[0])!.day - byId.get(a[0])!.day)[0];
  const date = dayToIso(Math.floor(last) + 1);
  data.incidents.push({
    incident_id: 'SHOT',
    date,
    day: toDay(date),
    offence: 'Shooting',
    severity: 3,
  });
  data.involvements.push(
    { incident_id: 'SHOT', person_id: 'NEWCOMER', role: 'offender' },
    { incident_id: 'SHOT', person_id: pair[0], role: 'victim' },
  );
  return { data, victim: pair[0], contact: pair[1], date };
}

describe("trace's risk column counts the shooting it traces from", () => {
  const { data, victim, contact, date } = cityWithShooting();

  it('the CLI: a contact of the victim has a higher risk than before the shooting', async () => {
    const args = datasetCsvArgs(join(tempDir(), 'd'), data);
    const r = await cli(['trace', 'SHOT', ...args, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (
      JSON.parse(r.stdout) as {
        rows: { person_id: string; distance: number; risk: number; linked_to: string }[];
      }
    ).rows;
    const c = rows.find((x) => x.person_id === contact)!;
    expect(c).toMatchObject({ distance: 1, linked_to: victim });
    const before = fitNetworkHawkes(data, { asOf: date }).risk([contact], {
      from: date,
      horizonDays: 90,
    })[0].expected;
    expect(c.risk).toBeGreaterThan(before * 1.05);
  });

  it('the library: with a model fitted before the shooting, the list says its risk is from before it', () => {
    const before = traceContacts(data, 'SHOT', { model: fitNetworkHawkes(data, { asOf: date }) });
    const meta = listMetadata(before)!;
    expect((meta.warnings ?? []).join('\n')).toContain(
      "The risk column is each person's risk before incident SHOT: the model 'network-hawkes' has read records up to",
    );
    expect(meta.summary).toContain('before incident SHOT (the model has not read it)');
    const next = dayToIso(toDay(date) + 1);
    const after = traceContacts(data, 'SHOT', { model: fitNetworkHawkes(data, { asOf: next }) });
    expect(listMetadata(after)!.summary).toContain(
      `in the 90 days from ${next} (model: network-hawkes), counting incident SHOT.`,
    );
    const riskOf = (t: typeof before) =>
      (t.objects() as { person_id: string; risk: number }[]).find((x) => x.person_id === contact)!
        .risk;
    expect(riskOf(after)).toBeGreaterThan(riskOf(before) * 1.05);
  });
});
