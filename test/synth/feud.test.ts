import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { synthCity } from '../../src/synth/index.js';

type City = ReturnType<typeof synthCity>;

/** Lookups straight from a city's records and truth, independent of the generator. */
function recordsOf(city: City) {
  const { data, truth } = city;
  const incident = new Map(data.incidents.map((i) => [i.incident_id, i]));
  const group = new Map(data.people.map((p) => [p.person_id, p.group]));
  const roles = new Map<string, { offenders: string[]; victims: string[] }>();
  for (const v of data.involvements) {
    const r = roles.get(v.incident_id) ?? { offenders: [], victims: [] };
    if (v.role === 'offender') r.offenders.push(v.person_id);
    if (v.role === 'victim') r.victims.push(v.person_id);
    roles.set(v.incident_id, r);
  }
  // Co-offending ties straight from the records: person → [co-offender, day of shared incident].
  const coOffences = new Map<string, [string, number][]>();
  for (const [id, r] of roles) {
    for (const p of r.offenders) {
      for (const q of r.offenders) {
        if (p === q) continue;
        const list = coOffences.get(p) ?? [];
        list.push([q, incident.get(id)!.day]);
        coOffences.set(p, list);
      }
    }
  }
  /** Co-offenders of `people` in incidents dated before `day`, in the same group, not `people`. */
  const associates = (people: string[], day: number): Set<string> => {
    const out = new Set<string>();
    for (const p of people) {
      for (const [q, d] of coOffences.get(p) ?? []) {
        if (d < day && group.get(q) === group.get(p) && !people.includes(q)) out.add(q);
      }
    }
    return out;
  };
  const answers = new Map(truth.retaliations.map((l) => [l.to, l]));
  const unprovoked = truth.feudIncidents.filter((id) => !answers.has(id));
  return { incident, group, roles, associates, answers, unprovoked };
}

/**
 * Breaches of the unprovoked-attack rule, as "grievance incident → attack": for each unprovoked
 * attack g → h, every feud incident h → g that came before it, at most 90 days earlier, whose
 * victims (or their associates as of its day) are among the attackers, or whose offenders (or
 * their associates) are among those hit. Ids are in date order, same-day incidents in the order
 * they happened, so `e.id < id` is "before": an incident later the same day is no grievance.
 * `sameDay` counts the (grievance incident, attack) pairs looked at that share a day.
 */
function grievanceBreaches(city: City): { bad: string[]; sameDay: number } {
  const { incident, group, roles, associates, unprovoked } = recordsOf(city);
  const offendersOf = (id: string) => roles.get(id)!.offenders;
  const victimsOf = (id: string) => roles.get(id)!.victims;
  const byDay = city.truth.feudIncidents.map((id) => ({ id, day: incident.get(id)!.day }));
  const bad: string[] = [];
  let sameDay = 0;
  for (const id of unprovoked) {
    const day = incident.get(id)!.day;
    const attackers = new Set(offendersOf(id));
    const hit = new Set(victimsOf(id));
    const g = group.get(offendersOf(id)[0]);
    for (const e of byDay) {
      if (e.id >= id || e.day < day - 90) continue;
      if (group.get(offendersOf(e.id)[0]) !== group.get([...hit][0])) continue;
      if (group.get(victimsOf(e.id)[0]) !== g) continue;
      if (e.day === day) sameDay++;
      const aggrieved = new Set([...victimsOf(e.id), ...associates(victimsOf(e.id), e.day)]);
      const harmers = new Set([...offendersOf(e.id), ...associates(offendersOf(e.id), e.day)]);
      if ([...attackers].some((p) => aggrieved.has(p)) || [...hit].some((p) => harmers.has(p)))
        bad.push(`${e.id} → ${id}`);
    }
  }
  return { bad, sameDay };
}

describe('synthCity: feuds with retaliation truth', () => {
  const options = {
    rivalries: 12,
    attacksPerRivalryPerYear: 4,
    pRetaliate: 0.5,
    lagMeanDays: 20,
    pDirect: 0.5,
    pAssociate: 0.45,
  };
  const city = synthCity({ people: 4000, seed: 9, contagion: false, feud: options });
  const { data, truth } = city;
  const { incident, group, roles, associates, answers, unprovoked } = recordsOf(city);

  it('draws the requested rivalries between distinct groups', () => {
    expect(truth.rivalries).toHaveLength(12);
    const names = new Set(data.people.map((p) => p.group));
    const keys = new Set(truth.rivalries.map(([g, h]) => `${g}|${h}`));
    expect(keys.size).toBe(12);
    for (const [g, h] of truth.rivalries) {
      expect(g).not.toBe(h);
      expect(names.has(g) && names.has(h)).toBe(true);
    }
  });

  it('every feud incident is severity-2 violence between the two groups of a rivalry', () => {
    const rival = new Set(truth.rivalries.flatMap(([g, h]) => [`${g}|${h}`, `${h}|${g}`]));
    const bad = truth.feudIncidents.filter((id) => {
      const i = incident.get(id)!;
      const r = roles.get(id)!;
      const og = new Set(r.offenders.map((p) => group.get(p)));
      const vg = new Set(r.victims.map((p) => group.get(p)));
      return (
        i.severity !== 2 ||
        og.size !== 1 ||
        vg.size !== 1 ||
        !rival.has(`${[...og][0]}|${[...vg][0]}`)
      );
    });
    expect(truth.feudIncidents.length).toBeGreaterThan(300);
    expect(bad).toEqual([]);
  });

  it("every link B answers A from the other side, 1 ≤ lag < 90 days, and B's people come mostly from A's people and their associates", () => {
    const feud = new Set(truth.feudIncidents);
    const tally = { offender: [0, 0, 0], victim: [0, 0, 0] };
    const bad = truth.retaliations.filter(({ from, to, lagDays }) => {
      const a = roles.get(from)!;
      const b = roles.get(to)!;
      const day = incident.get(from)!.day;
      // The first offender of B is one of A's victims, an associate of theirs as of A's day,
      // or a member of their group; the first victim likewise from A's offenders.
      const kindOf = (p: string, core: string[]) =>
        core.includes(p) ? 0 : associates(core, day).has(p) ? 1 : 2;
      const ko = kindOf(b.offenders[0], a.victims);
      const kv = kindOf(b.victims[0], a.offenders);
      tally.offender[ko]++;
      tally.victim[kv]++;
      return (
        !feud.has(from) ||
        !feud.has(to) ||
        lagDays !== incident.get(to)!.day - day ||
        lagDays < 1 ||
        lagDays >= 90 ||
        !b.offenders.every((p) => group.get(p) === group.get(a.victims[0])) ||
        !b.victims.every((p) => group.get(p) === group.get(a.offenders[0]))
      );
    });
    expect(truth.retaliations.length).toBeGreaterThan(200);
    expect(bad).toEqual([]);
    // Expected shares per side: the person 0.5 (plus associate draws of people with no
    // associate yet), an associate ≤ 0.45, an arbitrary member 0.05 (fewer when the draw
    // happens to be an associate or the person).
    for (const [direct, associate, other] of [tally.offender, tally.victim]) {
      const n = direct + associate + other;
      expect(direct / n).toBeGreaterThan(0.45);
      expect(direct / n).toBeLessThan(0.7);
      expect(associate / n).toBeGreaterThan(0.25);
      expect(associate / n).toBeLessThan(0.5);
      expect(other / n).toBeLessThan(0.08);
    }
  });

  it('an unprovoked attack never involves people with a grievance: nobody harmed by the other group (or their associate) within 90 days before attacks, nobody who harmed them is hit', () => {
    expect(unprovoked.length).toBeGreaterThan(150);
    expect(grievanceBreaches(city).bad).toEqual([]);
  });

  it('a feud incident earlier the same day is a grievance too, one later that day is not (dense feuds, where attacks often share a day)', () => {
    const dense = synthCity({
      people: 1000,
      seed: 2,
      contagion: false,
      feud: { rivalries: 4, attacksPerRivalryPerYear: 30 },
    });
    const { bad, sameDay } = grievanceBreaches(dense);
    expect(sameDay).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });

  it('retaliation follows the options: about pRetaliate of incidents answered, mean lag ≈ lagMeanDays, chains longer than one link', () => {
    const answered = new Set(truth.retaliations.map((l) => l.from));
    expect(answers.size).toBe(truth.retaliations.length); // each incident answers at most one
    const share = answered.size / truth.feudIncidents.length;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.55);
    const meanLag = truth.retaliations.reduce((s, l) => s + l.lagDays, 0) / answered.size;
    expect(meanLag).toBeGreaterThan(17);
    expect(meanLag).toBeLessThan(24.5);
    // A retaliation that is itself answered makes a chain.
    expect([...answers.keys()].filter((id) => answered.has(id)).length).toBeGreaterThan(20);
    // Unprovoked attacks: 12 rivalries × 4 a year × 6 years = 288 expected (Poisson sd ≈ 17).
    expect(unprovoked.length).toBeGreaterThan(288 - 4 * 17);
    expect(unprovoked.length).toBeLessThan(288 + 4 * 17);
  });

  it('the default feud ({}) draws about one unprovoked attack per rivalry per year', () => {
    const plain = synthCity({ people: 2000, seed: 4, contagion: false, feud: {} });
    const to = new Set(plain.truth.retaliations.map((l) => l.to));
    const n = plain.truth.feudIncidents.filter((id) => !to.has(id)).length;
    expect(plain.truth.rivalries).toHaveLength(10);
    // 10 rivalries × 1 a year × 6 years = 60 expected (Poisson sd ≈ 7.7).
    expect(n).toBeGreaterThan(60 - 4 * 7.7);
    expect(n).toBeLessThan(60 + 4 * 7.7);
  });

  it('pDirect + pAssociate above 1 is an OptionError', () => {
    expect(() => synthCity({ people: 300, feud: { pDirect: 0.7, pAssociate: 0.4 } })).toThrow(
      /pDirect/,
    );
    expect(() => synthCity({ people: 300, feud: { pDirect: 0.7, pAssociate: 0.4 } })).toThrow(
      OptionError,
    );
  });

  it('feud: false (the default) draws no feud incidents', () => {
    const plain = synthCity({ people: 500, contagion: false });
    expect(plain.truth.feudIncidents).toEqual([]);
    expect(plain.truth.retaliations).toEqual([]);
    expect(plain.truth.rivalries).toEqual([]);
  });

  it('feud ties feed the contagion network, which is fixed before serious violence is drawn', () => {
    const withFeud = synthCity({ people: 1500, seed: 2, feud: {}, contagion: { mu: 2e-4 } });
    const feudIds = new Set(withFeud.truth.feudIncidents);
    // Serious violence is never a feud incident, and feud incidents are never serious violence.
    expect(withFeud.truth.events.some((e) => feudIds.has(e.incident_id))).toBe(false);
    expect(withFeud.truth.events.length).toBeGreaterThan(100);
  });
});
