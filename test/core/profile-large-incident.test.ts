import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { profileData } from '../../src/core/profile.js';
import { coOffendingEdges } from '../../src/graph/index.js';
import { ingest } from '../../src/ingest/index.js';
import { misspecifiedWorld, synthCity } from '../../src/synth/index.js';

// A real export can hold one record that ties everyone to everyone: a mass arrest, a
// public-order incident, or a placeholder incident id ("UNKNOWN") that unrelated records share.
// Its n offenders make n(n−1)/2 co-offending pairs, which then decide the network.

/** A synthetic city's export with `extra` incidents of `size` offenders each added. */
function cityWith(extra: { id: string; date: string; size: number; repeat?: number }[]) {
  const city = synthCity({ people: 600, years: 4, seed: 5 });
  const incidents = city.data.incidents.map(({ day: _day, ...rest }) => rest);
  const involvements = [...city.data.involvements];
  const ids = city.data.people.map((p) => p.person_id);
  for (const { id, date, size, repeat = 0 } of extra) {
    incidents.push({ incident_id: id, date, offence: 'violent disorder', severity: 1 });
    for (let i = 0; i < size; i++) {
      involvements.push({ incident_id: id, person_id: ids[i], role: 'offender' });
      // The same person listed again as an offender of the same incident counts once.
      if (i < repeat) involvements.push({ incident_id: id, person_id: ids[i], role: 'offender' });
    }
  }
  return ingest({ incidents, involvements, people: city.data.people }).data;
}

function pairsOf(data: ReturnType<typeof cityWith>) {
  // Pairs per incident, from the records: the profile's share is of these.
  const offenders = new Map<string, Set<string>>();
  for (const v of data.involvements) {
    if (v.role !== 'offender') continue;
    let s = offenders.get(v.incident_id);
    if (!s) offenders.set(v.incident_id, (s = new Set()));
    s.add(v.person_id);
  }
  let all = 0;
  for (const s of offenders.values()) all += (s.size * (s.size - 1)) / 2;
  return all;
}

describe('profileData: incidents that tie everyone to everyone', () => {
  it('warns when one incident of many offenders makes most of the co-offending pairs', () => {
    const data = cityWith([{ id: 'UNKNOWN', date: '2021-06-01', size: 400, repeat: 3 }]);
    const p = profileData(data);
    expect(p.largestIncident).toBe('UNKNOWN');
    expect(p.largestIncidentOffenders).toBe(400);
    expect(p.largeIncidents).toBe(1);
    const all = pairsOf(data);
    expect(p.largeIncidentPairShare).toBeCloseTo((400 * 399) / 2 / all, 12);
    expect(p.largeIncidentPairShare).toBeGreaterThan(0.5);
    const w = p.warnings.find((x) => x.includes("'UNKNOWN'"));
    expect(w).toBeDefined();
    expect(w).toMatch(
      /^One incident \('UNKNOWN'\) names 400 offenders and makes \d+% of the co-offending pairs/,
    );
    expect(w).toContain('mass arrest');
    // The network is what the warning is about: the one incident's pairs are its ties.
    const e = coOffendingEdges(data);
    expect(e.source.length).toBeGreaterThanOrEqual((400 * 399) / 2);
  });

  it('says how many when several are large, and names the largest', () => {
    const data = cityWith([
      { id: 'march-1', date: '2021-06-01', size: 150 },
      { id: 'march-2', date: '2021-07-01', size: 220 },
    ]);
    const p = profileData(data);
    expect(p.largeIncidents).toBe(2);
    expect(p.largestIncident).toBe('march-2');
    expect(
      p.warnings.some((x) =>
        x.startsWith("2 incidents name 20 or more offenders each (the largest, 'march-2', 220)"),
      ),
    ).toBe(true);
  });

  it('counts a large incident that makes few of the pairs, without a warning', () => {
    // 21 offenders: 210 pairs, a few percent of a 600-person city's co-offending pairs.
    const data = cityWith([{ id: 'fight', date: '2021-06-01', size: 21 }]);
    const p = profileData(data);
    expect(p.largeIncidents).toBe(1);
    expect(p.largestIncidentOffenders).toBe(21);
    expect(p.largeIncidentPairShare).toBeLessThan(0.1);
    expect(p.largeIncidentPairShare).toBeGreaterThan(0);
    expect(p.warnings.some((x) => x.includes('offenders and makes'))).toBe(false);
  });

  it('counts distinct offenders: 19 people listed 25 times is not large', () => {
    const data = cityWith([{ id: 'dup', date: '2021-06-01', size: 19, repeat: 6 }]);
    const p = profileData(data);
    expect(p.largeIncidents).toBe(0);
    expect(p.largeIncidentPairShare).toBe(0);
  });

  it('travels with a fit, and only for the records the fit uses', () => {
    const data = cityWith([{ id: 'UNKNOWN', date: '2021-06-01', size: 400 }]);
    const warningsAsOf = (asOf: string) =>
      fitNetworkHawkes(data, { asOf, standardErrors: false, kernel: 'exponential' }).warnings;
    expect(warningsAsOf('2021-10-01').some((w) => w.includes("'UNKNOWN'"))).toBe(true);
    // As of a date before it, the incident is not in the records the fit reads.
    expect(warningsAsOf('2021-05-01').some((w) => w.includes("'UNKNOWN'"))).toBe(false);
  });

  it('synthetic cities have no large incidents (their incidents name 1 to 4 offenders)', () => {
    const p = profileData(synthCity({ people: 2000, seed: 2 }).data);
    expect(p.largeIncidents).toBe(0);
    expect(p.largestIncidentOffenders).toBeGreaterThanOrEqual(2);
    expect(p.largestIncidentOffenders).toBeLessThan(20);
  });
});

describe('profileData: a person id in far more incidents than anyone', () => {
  /** A synthetic city's export where every `every`-th offender row names `ids` in turn instead. */
  function withPlaceholders(ids: string[], every: number) {
    const city = synthCity({ people: 3000, seed: 4 });
    const incidents = city.data.incidents.map(({ day: _day, ...rest }) => rest);
    let turn = 0;
    const involvements = city.data.involvements.map((v, i) =>
      v.role === 'offender' && i % every === 0 ? { ...v, person_id: ids[turn++ % ids.length] } : v,
    );
    return ingest({ incidents, involvements, people: city.data.people }).data;
  }

  it('a person in two roles of one incident counts once in it, and once as its offender', () => {
    // The offenders and the incidents per person are counted in one pass with one stamp per
    // person (met in the incident; met as its offender): a victim row before the offender row of
    // the same person must still make them an offender of it.
    const incidents = 'incident_id,date,severity\nI1,2021-01-01,2\nI2,2021-01-02,2\n';
    const involvements =
      'incident_id,person_id,role\nI1,A,victim\nI1,A,offender\nI1,B,offender\nI2,A,offender\nI2,A,victim\n';
    const { data } = ingest({ incidents, involvements }, { conflictingRoles: 'keep' });
    const p = profileData(data);
    expect(p.largestIncident).toBe('I1');
    expect(p.largestIncidentOffenders).toBe(2);
    expect(p.mostInvolvedPersonIncidents).toBe(2);
  });

  it('warns about a placeholder id for unknown offenders, without naming it', () => {
    const data = withPlaceholders(['ZZPLACEHOLDER'], 7);
    const p = profileData(data);
    // The id is not kept in the profile (it travels in lists' metadata, pseudonymised or not).
    expect(JSON.stringify(p)).not.toContain('ZZPLACEHOLDER');
    // Its incidents, counted from the records (an incident once).
    const mine = new Set(
      data.involvements.filter((v) => v.person_id === 'ZZPLACEHOLDER').map((v) => v.incident_id),
    );
    expect(p.mostInvolvedPersonIncidents).toBe(mine.size);
    expect(p.placeholderLikePeople).toBe(1);
    expect(p.mostInvolvedPersonIncidents).toBeGreaterThan(5 * p.topPeopleMedianIncidents);
    const w = p.warnings.find((x) =>
      x.startsWith('One person id is in over 5 times as many incidents'),
    );
    expect(w).toBeDefined();
    expect(w).toContain(
      `(${mine.size} of ${p.incidents} incidents, against a median of ${p.topPeopleMedianIncidents})`,
    );
    expect(w).not.toContain('ZZPLACEHOLDER');
  });

  it('counts two placeholders among the 20 most involved', () => {
    const p = profileData(withPlaceholders(['UNKNOWN', 'Unknown suspect'], 7));
    expect(p.placeholderLikePeople).toBe(2);
    expect(p.warnings.some((x) => x.startsWith('2 person ids are each in over 5 times'))).toBe(
      true,
    );
  });

  it('does not take prolific people of synthetic cities for placeholders', () => {
    // synthCity's most involved people have up to 3.4 times the median of the 20 most involved
    // (100-person cities); every world here stays under 5.
    for (const world of ['all', 'heterogeneous'] as const)
      for (const people of [100, 3000])
        for (let seed = 1; seed <= 2; seed++) {
          const p = profileData(
            synthCity(misspecifiedWorld(world, { seed, people, contagion: true })).data,
          );
          expect(p.placeholderLikePeople).toBe(0);
          expect(p.mostInvolvedPersonIncidents).toBeLessThan(5 * p.topPeopleMedianIncidents);
          expect(p.mostInvolvedPersonIncidents).toBeGreaterThan(0);
        }
  });
});
