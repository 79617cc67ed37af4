import { describe, expect, it } from 'vitest';
import { cascades } from '../../src/contagion/cascades.js';
import { type RetaliationOptions, retaliations } from '../../src/contagion/retaliations.js';
import { synthCity } from '../../src/synth/city.js';

/**
 * Link detection against the true retaliation links of synthetic cities with feuds
 * (`synthCity({ people: 2000, seed, feud: {} })`: 10 rivalries, 6 years, default feud options).
 *
 * The generator draws answers through the victim's own network (the victim or a co-offending
 * associate strikes back at the offender or an associate; an arbitrary group member 5% of the
 * time per side), and unprovoked attacks, one per rivalry per year, from members with no
 * grievance to answer (see docs/guide/synth.md). The detector runs at its defaults: a
 * 90-day window, associates one tie away, groups, severity ≥ 2, and each incident resolved to
 * its best-supported antecedent within 2 steps. Nothing here is tuned on the truth.
 */
describe('retaliations on synthetic feuds', () => {
  const seeds = [1, 2, 3];
  const cities = seeds.map((seed) => ({ seed, ...synthCity({ people: 2000, seed, feud: {} }) }));

  const score = (city: (typeof cities)[number], options: RetaliationOptions = {}) => {
    const truth = new Set(city.truth.retaliations.map((r) => `${r.from} ${r.to}`));
    const feud = new Set(city.truth.feudIncidents);
    const t = retaliations(city.data, options);
    const from = t.array('from_incident') as string[];
    const to = t.array('to_incident') as string[];
    const kind = t.array('kind') as string[];
    let tp = 0;
    let direct = 0;
    let directTp = 0;
    let outsideFeuds = 0;
    for (let i = 0; i < from.length; i++) {
      const hit = truth.has(`${from[i]} ${to[i]}`);
      if (hit) tp++;
      else if (!feud.has(from[i]) || !feud.has(to[i])) outsideFeuds++;
      if (kind[i] === 'direct') {
        direct++;
        if (hit) directTp++;
      }
    }
    return {
      truth: truth.size,
      links: from.length,
      tp,
      outsideFeuds,
      precision: tp / from.length,
      recall: tp / truth.size,
      directPrecision: directTp / direct,
      table: t,
    };
  };
  const r3 = (x: number) => +x.toFixed(3);

  it('precision and recall are each ≥ 0.9 at the default settings, for three seeds', () => {
    const rows = cities.map((c) => {
      const d = score(c);
      const all = score(c, { antecedents: 'all' });
      return {
        seed: c.seed,
        true_links: d.truth,
        links: d.links,
        true_positives: d.tp,
        false_outside_feuds: d.outsideFeuds,
        precision: r3(d.precision),
        recall: r3(d.recall),
        direct_precision: r3(d.directPrecision),
        all_links: all.links,
        all_P: r3(all.precision),
        all_R: r3(all.recall),
      };
    });
    console.log(
      'retaliation links vs synthCity feud truth (2000 people, default feud and detector options;',
      "all_* = antecedents: 'all', every matching pair)",
    );
    console.table(rows);
    for (const r of rows) {
      expect(r.precision).toBeGreaterThanOrEqual(0.9);
      expect(r.recall).toBeGreaterThanOrEqual(0.9);
      expect(r.direct_precision).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("antecedents: 'all' finds every true link within the window, whatever the route", () => {
    for (const c of cities) {
      const t = retaliations(c.data, { antecedents: 'all' });
      const found = new Set(
        (t.objects() as { from_incident: string; to_incident: string }[]).map(
          (r) => `${r.from_incident} ${r.to_incident}`,
        ),
      );
      const missed = c.truth.retaliations.filter((r) => !found.has(`${r.from} ${r.to}`));
      expect(missed).toEqual([]);
    }
  });

  it('the default keeps at most one antecedent per incident, a subset of every matching pair', () => {
    for (const c of cities) {
      const best = retaliations(c.data).objects() as {
        from_incident: string;
        to_incident: string;
      }[];
      const all = new Set(
        (
          retaliations(c.data, { antecedents: 'all' }).objects() as {
            from_incident: string;
            to_incident: string;
          }[]
        ).map((r) => `${r.from_incident} ${r.to_incident}`),
      );
      expect(new Set(best.map((r) => r.to_incident)).size).toBe(best.length);
      expect(best.every((r) => all.has(`${r.from_incident} ${r.to_incident}`))).toBe(true);
    }
  });

  it('cascades of the detected links form a DAG whose edges all run forward in time', () => {
    const { table, graph } = cascades(retaliations(cities[0].data));
    expect(table.numRows()).toBeGreaterThan(0);
    graph.forEachEdge((_e, a, s, t) => {
      const sd = graph.getNodeAttribute(s, 'date');
      const td = graph.getNodeAttribute(t, 'date');
      expect(sd <= td).toBe(true);
      expect(a.lag_days).toBeGreaterThanOrEqual(0);
    });
    const sizes = table.array('size') as number[];
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(graph.order);
  });
});
