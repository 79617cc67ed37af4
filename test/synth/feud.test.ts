import { describe, expect, it } from 'vitest';
import { synthCity } from '../../src/synth/index.js';

describe('synthCity: feuds with retaliation truth', () => {
  const city = synthCity({
    people: 4000,
    seed: 9,
    contagion: false,
    feud: { rivalries: 12, attacksPerRivalryPerYear: 4, pRetaliate: 0.5, lagMeanDays: 20 },
  });
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

  it("every link B answers A: B's offenders are A's victims or their group, B's victims A's offenders or their group, 1 ≤ lag < 90 days", () => {
    const feud = new Set(truth.feudIncidents);
    const bad = truth.retaliations.filter(({ from, to, lagDays }) => {
      const a = roles.get(from)!;
      const b = roles.get(to)!;
      const aVictimGroup = group.get(a.victims[0]);
      const aOffenderGroup = group.get(a.offenders[0]);
      return (
        !feud.has(from) ||
        !feud.has(to) ||
        lagDays !== incident.get(to)!.day - incident.get(from)!.day ||
        lagDays < 1 ||
        lagDays >= 90 ||
        !b.offenders.every((p) => a.victims.includes(p) || group.get(p) === aVictimGroup) ||
        !b.victims.every((p) => a.offenders.includes(p) || group.get(p) === aOffenderGroup)
      );
    });
    expect(truth.retaliations.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  it('retaliation follows the options: about pRetaliate of incidents answered, mean lag ≈ lagMeanDays, chains longer than one link', () => {
    const answered = new Set(truth.retaliations.map((l) => l.from));
    const answers = new Set(truth.retaliations.map((l) => l.to));
    expect(answers.size).toBe(truth.retaliations.length); // each incident answers at most one
    const share = answered.size / truth.feudIncidents.length;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.55);
    const meanLag = truth.retaliations.reduce((s, l) => s + l.lagDays, 0) / answered.size;
    expect(meanLag).toBeGreaterThan(17);
    expect(meanLag).toBeLessThan(24.5);
    // A retaliation that is itself answered makes a chain.
    expect([...answers].filter((id) => answered.has(id)).length).toBeGreaterThan(20);
    // Some answers come from the very people attacked (direct), some from their group (proxy).
    let direct = 0;
    for (const { from, to } of truth.retaliations) {
      if (roles.get(to)!.offenders.some((p) => roles.get(from)!.victims.includes(p))) direct++;
    }
    expect(direct / truth.retaliations.length).toBeGreaterThan(0.4);
    expect(direct / truth.retaliations.length).toBeLessThan(0.8);
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
