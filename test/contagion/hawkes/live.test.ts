import { beforeAll, describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../../src/contagion/hawkes/live.js';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';
import { DataRefusedError, InputError, OptionError } from '../../../src/core/errors.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { Dataset, Incident, Involvement } from '../../../src/core/types.js';
import { traceContacts } from '../../../src/outreach/trace-contacts.js';
import { synthCity } from '../../../src/synth/city.js';
import { modelAtParameters } from '../../helpers.js';

const AS_OF = '2023-01-01';
const SHOT = '2023-01-03';
const AFTER = '2023-01-04';

/** The fixed-parameter model (no optimisation): two fits with it differ only in their records. */
function fixedModel(data: Dataset, asOf: string, alpha = 0.3): NetworkHawkesModel {
  return modelAtParameters(data, asOf, { mu: 2e-5, alpha, beta: 1 / 60 });
}

describe('updateNetworkHawkes', () => {
  let data: Dataset;
  let victim: string;
  let shooter: string;
  let tonight: Pick<Dataset, 'incidents' | 'involvements'>;
  let withTonight: Dataset;
  beforeAll(() => {
    data = synthCity({ people: 3000, seed: 4 }).data;
    const before = data.incidents.filter((i) => i.day < toDay(AS_OF));
    const keep = new Set(before.map((i) => i.incident_id));
    data = {
      ...data,
      incidents: before,
      involvements: data.involvements.filter((v) => keep.has(v.incident_id)),
    };
    // The victim: the person with the most co-offenders; the shooter: someone else on record.
    const offenders = new Map<string, string[]>();
    for (const v of data.involvements)
      if (v.role === 'offender') {
        const list = offenders.get(v.incident_id) ?? [];
        list.push(v.person_id);
        offenders.set(v.incident_id, list);
      }
    const degree = new Map<string, number>();
    for (const list of offenders.values())
      for (const p of list) degree.set(p, (degree.get(p) ?? 0) + list.length - 1);
    victim = [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    shooter = [...degree.keys()].sort().find((p) => p !== victim)!;
    const incident: Incident = {
      incident_id: 'TONIGHT-1',
      date: SHOT,
      day: toDay(SHOT),
      offence: 'Shooting',
      severity: 4,
    };
    const involvements: Involvement[] = [
      { incident_id: 'TONIGHT-1', person_id: victim, role: 'victim' },
      { incident_id: 'TONIGHT-1', person_id: shooter, role: 'offender' },
    ];
    tonight = { incidents: [incident], involvements };
    withTonight = {
      ...data,
      incidents: [...data.incidents, incident],
      involvements: [...data.involvements, ...involvements],
    };
  });

  it('equals a fit with the same parameters on the records including the new shooting (every touched person, 1e-9)', () => {
    const live = updateNetworkHawkes(fixedModel(data, AS_OF), tonight, { asOf: AFTER });
    const refit = fixedModel(withTonight, AFTER);
    const people = live.changes.array('person_id') as string[];
    expect(people.length).toBeGreaterThan(3);
    const a = live.risk(people, { from: AFTER, horizonDays: 90, generations: 'first' });
    const b = refit.risk(people, { from: AFTER, horizonDays: 90, generations: 'first' });
    for (let i = 0; i < people.length; i++) expect(a[i].expected).toBeCloseTo(b[i].expected, 9);
    // The victim's associates gained the shooting's excitation, with the shooting as the reason.
    const row = (live.changes.objects() as Record<string, number | string>[]).find(
      (r) => r.distance === 1,
    )!;
    expect(row.change).toBeGreaterThan(0);
    expect(row.via).toBe(victim);
    expect(row.intensity_after as number).toBeGreaterThan(row.intensity_before as number);
    const parts = a[people.indexOf(row.person_id as string)].contributions;
    expect(parts.some((p) => p.incidentId === 'TONIGHT-1' && p.via === victim)).toBe(true);
    // Intensity after the update equals the refit's at the same time.
    expect(row.intensity_after as number).toBeCloseTo(
      refit.intensity(row.person_id as string, AFTER),
      12,
    );
  });

  it('takes one killed tonight (the only victim of a homicide) out of the risk set: nothing more happens to them', () => {
    // The fixed-parameter model with the default homicide exit (fixedModel has none).
    const exiting = (records: Dataset, asOf: string) =>
      modelAtParameters(
        records,
        asOf,
        { mu: 2e-5, alpha: 0.3, beta: 1 / 60 },
        { homicideExit: true },
      );
    const live = updateNetworkHawkes(exiting(data, AS_OF), tonight, { asOf: AFTER });
    const row = (live.changes.objects() as Record<string, number | string>[]).find(
      (r) => r.person_id === victim,
    )!;
    // Before: risk_after and intensity_after kept the base model's exposure (only the
    // background went), and the reason read 'expected serious incidents … fall from … to …'.
    expect(row.risk_after).toBe(0);
    expect(row.intensity_after).toBe(0);
    expect(row.reason).toBe(
      'Killed in the new incident TONIGHT-1 (its only victim): no longer at risk, and left out of lists and plans.',
    );
    const [r] = live.risk([victim], { from: AFTER, horizonDays: 90 });
    expect(r.expected).toBe(0);
    expect(r.contributions).toEqual([{ kind: 'background', value: 0 }]);
    // As a fit on the records with the homicide takes them out (exposure and knock-on included).
    const [refit] = exiting(withTonight, AFTER).risk([victim], { from: AFTER, horizonDays: 90 });
    expect(refit.expected).toBe(0);
  });

  it("gives nothing of tonight's event to an associate out of the risk set (custody over the horizon), as a refit does", () => {
    // A co-offender of tonight's victim, in custody (exits) from before the fit to after the horizon.
    const incidentsOf = new Set(
      data.involvements
        .filter((v) => v.person_id === victim && v.role === 'offender')
        .map((v) => v.incident_id),
    );
    const held = data.involvements.find(
      (v) => incidentsOf.has(v.incident_id) && v.role === 'offender' && v.person_id !== victim,
    )!.person_id;
    const withCustody = (records: Dataset, asOf: string) =>
      modelAtParameters(
        records,
        asOf,
        { mu: 2e-5, alpha: 0.3, beta: 1 / 60 },
        { homicideExit: true, exits: [{ person_id: held, from: '2022-12-01', to: '2024-01-01' }] },
      );
    const live = updateNetworkHawkes(withCustody(data, AS_OF), tonight, { asOf: AFTER });
    const row = (live.changes.objects() as Record<string, number | string>[]).find(
      (r) => r.person_id === held,
    )!;
    // Before: risk_after 0.23 (an 'exposure' part through the victim) and intensity_after 0.005.
    expect(row.distance).toBe(1);
    expect(row.reason).toMatch(
      /^Tied to P-\d+, harmed in the new incident TONIGHT-1: out of the risk set \(an exit: custody, or death\) for the next 90 days, so no change\.$/,
    );
    expect(row.risk_after).toBe(0);
    expect(row.intensity_after).toBe(0);
    const [r] = live.risk([held], { from: AFTER, horizonDays: 90 });
    expect(r.expected).toBe(0);
    const [refit] = withCustody(withTonight, AFTER).risk([held], { from: AFTER, horizonDays: 90 });
    expect(refit.expected).toBe(0);
    // Custody ending inside the horizon: the event's excitation over the days after release only.
    const o = { from: '2023-12-02', horizonDays: 90, generations: 'first' } as const;
    const [later] = live.risk([held], o);
    const [refitLater] = withCustody(withTonight, AFTER).risk([held], o);
    const part = (x: typeof later) =>
      x.contributions.find((c) => c.kind === 'exposure' && c.incidentId === 'TONIGHT-1')!.value;
    expect(part(later)).toBeGreaterThan(0);
    expect(part(later)).toBeCloseTo(part(refitLater), 12);
  });

  it('agrees with a real refit of the default model within 10% on the people it touches', () => {
    const model = fitNetworkHawkes(data, { asOf: AS_OF, standardErrors: false });
    const live = updateNetworkHawkes(model, tonight, { asOf: AFTER });
    const refit = fitNetworkHawkes(withTonight, { asOf: AFTER, standardErrors: false });
    const people = live.changes.array('person_id') as string[];
    const a = live.risk(people, { from: AFTER, horizonDays: 90, generations: 'first' });
    const b = refit.risk(people, { from: AFTER, horizonDays: 90, generations: 'first' });
    let worst = 0;
    for (let i = 0; i < people.length; i++) {
      if (a[i].expected === 0 && b[i].expected === 0) continue; // the victim, out of the at-risk set
      worst = Math.max(worst, Math.abs(a[i].expected / b[i].expected - 1));
    }
    expect(a.filter((r) => r.expected > 0).length).toBeGreaterThan(3);
    console.log(
      `live update vs refit: worst relative difference ${(100 * worst).toFixed(2)}% over ${people.length} people`,
    );
    // The refit moves every parameter a little (one more event in the last trend bin, three
    // more days of window): 8.7% at worst on this city of 3,000 people with the default last bin
    // of half a year (2022-07-01 on), 5.6% with whole calendar years (lastTrendBinDays: Infinity),
    // whose last bin held twice the events. The stated tolerance is 10%; the fixed-parameter test
    // above shows the update itself is exact.
    expect(worst).toBeLessThan(0.1);
  });

  it('traceContacts with the updated model ranks contacts by risk that includes the new shooting', () => {
    // α = 0.1, a branching ratio below 1: traceContacts refuses an unidentified model (this one
    // is not optimised) that is explosive, as α = 0.3 is on this city (branching ratio 1.73).
    const model = fixedModel(data, AS_OF, 0.1);
    expect(model.branchingRatio).toBeLessThan(1);
    const live = updateNetworkHawkes(model, tonight);
    const trace = traceContacts(withTonight, 'TONIGHT-1', { model: live, asOf: AFTER });
    const base = traceContacts(withTonight, 'TONIGHT-1', { model, asOf: AFTER });
    const riskOf = (t: typeof trace, id: string) =>
      (t.objects() as Record<string, unknown>[]).find((r) => r.person_id === id)?.risk as number;
    const associate = (live.changes.objects() as Record<string, unknown>[]).find(
      (r) => r.distance === 1,
    )!.person_id as string;
    expect(riskOf(trace, associate)).toBeGreaterThan(riskOf(base, associate));
  });

  it('refuses records older than the model, a risk date not after them, and misspelt options', () => {
    const model = fixedModel(data, AS_OF);
    const old = {
      incidents: [{ ...tonight.incidents[0], date: '2022-06-01', day: toDay('2022-06-01') }],
      involvements: tonight.involvements,
    };
    expect(() => updateNetworkHawkes(model, old)).toThrow(DataRefusedError);
    const live = updateNetworkHawkes(model, tonight);
    expect(dayToIso(live.lastRecordDay)).toBe(SHOT);
    expect(() => live.risk(undefined, { from: SHOT, horizonDays: 90 })).toThrow(DataRefusedError);
    expect(() => updateNetworkHawkes(model, tonight, { horizonDay: 30 } as never)).toThrow(
      /horizonDays/,
    );
    expect(() => updateNetworkHawkes(model, tonight, { horizonDay: 30 } as never)).toThrow(
      OptionError,
    );
    expect(() => updateNetworkHawkes(model, tonight, { asOf: SHOT })).toThrow(OptionError);
  });

  it('refuses a misspelt role or a severity outside 0–4 (read as other / as an event, unsaid)', () => {
    const model = fixedModel(data, AS_OF);
    // role 'vicitm' was read as 'other': the victim made no event, and no associate's risk rose.
    const typo = {
      incidents: tonight.incidents,
      involvements: [{ ...tonight.involvements[0], role: 'vicitm' as never }],
    };
    expect(() => updateNetworkHawkes(model, typo)).toThrow(
      /new involvement 1 has person_id "[^"]+" and role "vicitm"; expected a person id and 'offender', 'victim' or 'other'/,
    );
    // severity 7 made an event.
    const seven = { ...tonight, incidents: [{ ...tonight.incidents[0], severity: 7 as never }] };
    expect(() => updateNetworkHawkes(model, seven)).toThrow(
      /new incident 1 \(TONIGHT-1\) has severity 7; expected 0 to 4/,
    );
    expect(updateNetworkHawkes(model, tonight).newEvents).toBe(1);
  });

  it('says when new records fall inside the fit window (before its asOf), which the fit read as complete', () => {
    const late = updateNetworkHawkes(fixedModel(data, '2023-03-01'), tonight);
    expect(late.warnings.join(' ')).toMatch(
      /1 new incident \(TONIGHT-1, 2023-01-03\) is dated before the model's as-of date \(2023-03-01\)/,
    );
    const onTime = updateNetworkHawkes(fixedModel(data, AS_OF), tonight);
    expect(onTime.warnings.join(' ')).not.toMatch(/before the model's as-of date/);
  });

  it('refuses an update passed back in, saying to pass its base with every record since the fit', () => {
    const model = fixedModel(data, AS_OF);
    const live = updateNetworkHawkes(model, tonight);
    const tomorrow = {
      incidents: [
        { ...tonight.incidents[0], incident_id: 'TOMORROW-1', date: AFTER, day: toDay(AFTER) },
      ],
      involvements: tonight.involvements.map((v) => ({ ...v, incident_id: 'TOMORROW-1' })),
    };
    // Before: 'updateNetworkHawkes needs a fitted network Hawkes model (fitNetworkHawkes)'.
    expect(() => updateNetworkHawkes(live as never, tomorrow)).toThrow(
      'updateNetworkHawkes takes the fitted model, not an update: pass update.base with every record since its fit (the earlier new records and these together), or refit',
    );
    const both = {
      incidents: [...tonight.incidents, ...tomorrow.incidents],
      involvements: [...tonight.involvements, ...tomorrow.involvements],
    };
    expect(updateNetworkHawkes(live.base, both).newEvents).toBe(2);
  });

  it('refuses a new incident given twice, and one the model already counted', () => {
    const model = fixedModel(data, AS_OF);
    const twice = {
      incidents: [tonight.incidents[0], tonight.incidents[0]],
      involvements: tonight.involvements,
    };
    expect(() => updateNetworkHawkes(model, twice)).toThrow(InputError);
    expect(() => updateNetworkHawkes(model, twice)).toThrow(/repeats incident_id 'TONIGHT-1'/);
    // The model's own latest record, passed again as if new.
    const last = data.incidents.reduce((a, b) => (b.day! > a.day! ? b : a));
    const again = {
      incidents: [last],
      involvements: data.involvements.filter((v) => v.incident_id === last.incident_id),
    };
    expect(() => updateNetworkHawkes(model, again)).toThrow(/already in the model's records/);
  });
});
