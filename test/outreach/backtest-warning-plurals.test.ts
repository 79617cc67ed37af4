import { describe, expect, it } from 'vitest';
import { count } from '../../src/core/plural.js';
import { backtest, warningKind } from '../../src/outreach/backtest.js';
import type { Ranker } from '../../src/outreach/ranker.js';
import { synthCity } from '../../src/synth/city.js';

/** The fit's last-trend-bin warning, as the fit words it for `n` events. */
const lastBin = (n: number) =>
  `Only ${count(n, 'serious-violence event')} ${n === 1 ? 'falls' : 'fall'} in the last trend bin (2023-0${n}-01 to 2023-10-03), whose rate sets the level of every background forecast past the window.`;
/** The fit's zero-rate last-bin warning, as the fit words it (is/are agreeing with the count). */
const zeroBin = (n: number) =>
  `The background rate of the last trend bin (2023-04-06 to 2023-10-03) was fitted at 0: its ${count(n, 'serious-violence event')} ${n === 1 ? 'is' : 'are'} all taken for contagion.`;

/**
 * backtest gathered each kind of model warning across its cuts by its words with the figures
 * left out, so a count of 1 at one cut and of 3 at another ("Only 1 serious-violence event
 * falls …", "Only 3 serious-violence events fall …") read as two warnings: they are one.
 */
describe("backtest's model warnings: a count's singular and plural are one kind", () => {
  it('gathers the singular and plural of one warning across cuts', () => {
    const { data } = synthCity({ people: 600, seed: 3 });
    // A count by the day ranked: 1 at the first cut, 3 and 2 at the others (the cut before each,
    // at which a cut's calibration ranks, 5 where it is no cut).
    const counts = new Map([
      [19453, 1],
      [19543, 3],
      [19633, 2],
    ]);
    const ranker: Ranker = {
      name: 'mine',
      rank: (input) => {
        const n = counts.get(input.asOf as number) ?? 5;
        return {
          score: new Float64Array(input.population.length),
          modelWarnings: [lastBin(n), zeroBin(n), 'The covariate x has no spread.'],
        };
      },
    };
    const r = backtest(data, { cuts: 3, rankers: [ranker] });
    const fitted = r.warnings.filter((w) => w.includes('the model fitted there warned'));
    expect(fitted).toHaveLength(3);
    expect(fitted[0]).toMatch(
      /^'mine' at all 3 cuts \(.*\), the model fitted there warned: Only 1 serious-violence event falls in the last trend bin \(2023-01-01 to 2023-10-03\), .* \(The figures are those at \d{4}-\d\d-\d\d; they differ at the other cuts\.\)$/,
    );
    expect(fitted[1]).toMatch(
      /^'mine' at all 3 cuts \(.*\), the model fitted there warned: The background rate of the last trend bin \(2023-04-06 to 2023-10-03\) was fitted at 0: its 1 serious-violence event is all taken for contagion\. \(The figures are those at/,
    );
    expect(fitted[2]).toMatch(/warned: The covariate x has no spread\.$/);
  });

  it('reads a word in either number alike, and other words apart', () => {
    expect(warningKind(lastBin(1))).toBe(warningKind(lastBin(3)));
    expect(warningKind(zeroBin(1))).toBe(warningKind(zeroBin(4)));
    expect(warningKind('1 person is out; it was named, its case kept.')).toBe(
      warningKind('3 people are out; they were named, their cases kept.'),
    );
    expect(warningKind('2 matches were found; they are kept.')).toBe(
      warningKind('1 match was found; it is kept.'),
    );
    expect(warningKind(lastBin(1))).not.toBe(
      warningKind(
        'No serious-violence event falls in the last trend bin (2023-01-01 to 2023-10-03), whose rate sets the level of every background forecast past the window.',
      ),
    );
    expect(warningKind('The covariate x has no spread.')).not.toBe(
      warningKind('The covariate y has no spread.'),
    );
  });
});
