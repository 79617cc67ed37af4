import { describe, expect, it } from 'vitest';
import type { ExitRow } from '../../src/contagion/hawkes/types.js';
import { OptionError } from '../../src/core/errors.js';
import { analyse } from '../../src/outreach/analyse.js';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { planRanker } from '../../src/outreach/plan-ranker.js';
import { priorVictimisationsRanker } from '../../src/outreach/prior-victimisations-ranker.js';
import type { Ranker, RankerInput } from '../../src/outreach/ranker.js';
import { synthCity } from '../../src/synth/city.js';

/**
 * Exits (custody, moved away) in a backtest: at each cut a ranker is given only the rows known
 * then. Before, the backtest took no exits at all: `analyse` and the report ranked their list
 * with them and backtested without them, so the evidence did not describe the list.
 */
describe('backtest with exits: only what was known at each cut', () => {
  const { data } = synthCity({ people: 600, seed: 3 });
  const cut = '2023-07-05';
  const exits: ExitRow[] = [
    { person_id: 'P-000001', from: '2023-01-01', to: '2023-05-01' }, // over before the cut
    { person_id: 'P-000002', from: '2023-05-01', to: '2023-08-01', reason: 'custody' } as ExitRow,
    { person_id: 'P-000003', from: '2023-02-01' }, // open-ended
    { person_id: 'P-000004', from: cut, to: '2023-09-01' }, // starts on the cut
    { person_id: 'P-000005', from: '2023-07-06', to: '2023-09-01' }, // after the cut
  ];

  /** A ranker that records what it is given at each date it is run. */
  const recording = () => {
    const seen: { asOf: number; exits: RankerInput['exits'] }[] = [];
    const ranker: Ranker = {
      name: 'recorder',
      rank: (input) => {
        seen.push({ asOf: input.asOf, exits: input.exits });
        return { score: new Float64Array(input.population.length) };
      },
    };
    return { ranker, seen };
  };

  it('gives each ranker the rows from on or before the cut, an end after it withheld', () => {
    const { ranker, seen } = recording();
    const r = backtest(data, { cuts: [cut], rankers: [ranker], exits });
    // The cut, then its calibration run one horizon (90 days) earlier, on 2023-04-06.
    expect(seen.map((s) => s.asOf)).toEqual([19543, 19453]);
    expect(seen[0].exits).toEqual([
      exits[0],
      { person_id: 'P-000002', from: '2023-05-01', reason: 'custody' },
      exits[2],
      { person_id: 'P-000004', from: cut },
    ]);
    // One horizon before the cut, only the first and the open-ended one had begun; the first
    // was still out then, its end (2023-05-01) withheld.
    expect(seen[1].exits).toEqual([{ person_id: 'P-000001', from: '2023-01-01' }, exits[2]]);
    expect(r.exits).toEqual({ rows: 5, cuts: [{ cut, known: 4, endWithheld: 2, endKept: 0 }] });
    expect(r.summary).toContain(
      'Each ranker saw only records dated before the cut, and only the exits known by then: of 5 exit rows, the 4 that started on or before the cut (of them 2 ending after it, taken as out for the whole horizon: their end was not known then). The outcomes are as recorded.',
    );
    // Without exits: none given, none recorded.
    const plain = recording();
    const p = backtest(data, { cuts: [cut], rankers: [plain.ranker] });
    expect(plain.seen.map((s) => s.exits)).toEqual([undefined, undefined]);
    expect(p.exits).toBeUndefined();
    expect(p.summary).toContain('Each ranker saw only records dated before the cut.\n');
  });

  it('the model gives no risk to people known to be out at the cut, and sees no later exit', () => {
    const rankers = () => [priorVictimisationsRanker(), hawkesRanker()];
    const run = (x?: ExitRow[]) =>
      backtest(data, {
        cuts: [cut],
        rankers: rankers(),
        keepScores: true,
        ...(x ? { exits: x } : {}),
      }).rankings!.find((k) => k.ranker === 'network hawkes')!;
    const plain = run();
    // The three the model expects most harm of at the cut.
    const top = Array.from(plain.expected.keys())
      .sort((a, b) => plain.expected[b] - plain.expected[a])
      .slice(0, 3)
      .map((i) => plain.person_id[i]);
    const at = (k: typeof plain, id: string) => k.expected[k.person_id.indexOf(id)];
    for (const id of top) expect(at(plain, id)).toBeGreaterThan(0.05);
    const withExits = run([
      // In custody since before the cut, released 30 days into the horizon: its end was not
      // known at the cut, so they are out for the whole horizon.
      { person_id: top[0], from: '2023-06-01', to: '2023-08-04' },
      { person_id: top[1], from: '2023-06-01' },
      // Taken into custody the day after the cut: unknown there.
      { person_id: top[2], from: '2023-07-06' },
    ]);
    expect(at(withExits, top[0])).toBe(0);
    expect(at(withExits, top[1])).toBe(0);
    // Exits that begin after the cut change nothing at it (before, there was no way to give any).
    const later = run(top.map((id) => ({ person_id: id, from: '2023-07-06' })));
    expect(Array.from(later.expected)).toEqual(Array.from(plain.expected));
    expect(at(withExits, top[2])).toBeGreaterThan(0.05);
  });

  it('says when the model gave a victim no risk: out at the cut, released and harmed in the horizon', () => {
    const rankers = () => [priorVictimisationsRanker(), hawkesRanker()];
    const plain = backtest(data, { cuts: [cut], rankers: rankers(), keepScores: true });
    const k = plain.rankings!.find((x) => x.ranker === 'network hawkes')!;
    const victim = k.person_id[Array.from(k.observed).findIndex((o) => o > 0)];
    const r = backtest(data, {
      cuts: [cut],
      rankers: rankers(),
      // In custody at the cut, released the next day: the end was not known at the cut.
      exits: [{ person_id: victim, from: '2023-06-01', to: '2023-07-06' }],
    });
    const said =
      "'network hawkes' gave 1 victim no risk at all (at 2023-07-05): people held out of the risk set for the whole horizon (by exits open at the cut, whose end was not known then, or as killed) and harmed in it. Each costs ln(1e-9) ≈ −20.7 in its log-likelihood; a list ranked again after a release would have had them.";
    // Before: nothing said, the log-likelihood ~20 lower than without exits, unexplained.
    expect(r.warnings).toContain(said);
    expect(r.summary).toContain(said);
    expect(plain.warnings.join('\n')).not.toContain('no risk at all');
  });

  it('refuses exits given to a ranker (every cut would see them all) and bad rows', () => {
    expect(() => hawkesRanker({ exits })).toThrow(
      new OptionError(
        'hawkesRanker',
        'exits',
        "hawkesRanker: option 'exits' is not taken here: give the exits to backtest's option 'exits' instead, which gives each cut only the rows known then (from on or before the cut, an end after it withheld): given here, every cut would see them all, custody that began after the cut included",
      ),
    );
    expect(() => planRanker({ model: { exits } })).toThrow(
      /^planRanker: option 'model.exits' is not taken here: give the exits to backtest's option 'exits'/,
    );
    const bad = () =>
      backtest(data, {
        cuts: [cut],
        rankers: [priorVictimisationsRanker()],
        exits: [exits[0], { person_id: 'P-000002', form: '2023-01-01' } as unknown as ExitRow],
      });
    expect(bad).toThrow(OptionError);
    expect(bad).toThrow(/^backtest exits row 2: /);
    expect(() =>
      backtest(data, {
        cuts: [cut],
        rankers: [priorVictimisationsRanker()],
        exits: [{ person_id: 'P-000002', from: '2023-01-01', to: '2022-01-01' }],
      }),
    ).toThrow(
      new OptionError(
        'backtest',
        'exits',
        'backtest exits row 1: needs person_id and from, with to (if given) after from; got {"person_id":"P-000002","from":"2023-01-01","to":"2022-01-01"}',
      ),
    );
  });

  it("analyse (and so the report) backtests with the list's exits", () => {
    const a = analyse(data, {
      asOf: '2023-10-03',
      cuts: 1,
      exits,
      rankers: [priorVictimisationsRanker()],
    });
    // Before: undefined, the backtest run without them.
    expect(a.backtest?.exits).toEqual({
      rows: 5,
      cuts: [{ cut, known: 4, endWithheld: 2, endKept: 0 }],
    });
  });
});
