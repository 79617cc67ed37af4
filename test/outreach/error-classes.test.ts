import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError, OptionError } from '../../src/core/errors.js';
import {
  analyse,
  auditList,
  backtest,
  exportList,
  exposureRiskModel,
  modelRanker,
  type Ranker,
  rankForOutreach,
  traceContacts,
} from '../../src/index.js';
import { FIVE_INCIDENTS_AS_OF as asOf, fiveIncidents } from '../helpers.js';

/** The error `call` throws (fails the test when it throws none). */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

/** Asserts an OptionError of `fn` on `option` whose message is `message`. */
function optionError(call: () => unknown, fn: string, option: string, message: string) {
  const e = thrown(call);
  expect(e).toBeInstanceOf(OptionError);
  expect({ fn: (e as OptionError).fn, option: (e as OptionError).option }).toEqual({ fn, option });
  expect(e.message).toBe(message);
}

/** Asserts an InputError of `fn` whose message is `message`. */
function inputError(call: () => unknown, fn: string, message: string | RegExp) {
  const e = thrown(call);
  expect(e).toBeInstanceOf(InputError);
  expect((e as InputError).fn).toBe(fn);
  if (typeof message === 'string') expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
}

const notADate =
  "asOf 'soon' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number";

// Before, each of these was a plain RangeError or TypeError (often naming neither the function nor
// the option: "rankForOutreach needs an asOf date", "the list has no person_id column", "list
// person 'a' is not in the data", "backtest: ranker 'bad' returned a NaN score"); a program could
// not tell the caller's mistake from a fault, nor which option was wrong.
describe('the outreach functions throw the library error classes', () => {
  const data = fiveIncidents();

  it('rankForOutreach: a missing or bad asOf, weights with a model', () => {
    optionError(
      () => rankForOutreach(data, {} as never),
      'rankForOutreach',
      'asOf',
      "rankForOutreach: option 'asOf' is required: the date the list is made as of (records dated before it are used), e.g. rankForOutreach(data, { asOf: '2024-01-01' })",
    );
    optionError(
      () => rankForOutreach(data, { asOf: 'soon' }),
      'rankForOutreach',
      'asOf',
      `rankForOutreach: ${notADate}`,
    );
    optionError(
      () =>
        rankForOutreach(data, {
          asOf,
          weights: { exposure: 1 },
          model: exposureRiskModel(data, { asOf }),
        }),
      'rankForOutreach',
      'weights',
      "rankForOutreach: option 'weights' applies to the default exposure score only, not to a given 'model': leave out 'weights', or 'model' to rank by the exposure score with these weights",
    );
  });

  it('auditList: no asOf, a bad asOf, a missing key, no person_id column, a person not in the data', () => {
    const list = rankForOutreach(data, { asOf });
    optionError(
      () => auditList(data, aq.table({ person_id: ['A'] })),
      'auditList',
      'asOf',
      "auditList: option 'asOf' is required for a list that does not carry its date (a list from rankForOutreach carries it): give the date the list was made as of, e.g. { asOf: '2024-01-01' }",
    );
    optionError(
      () => auditList(data, list, { asOf: 'soon' }),
      'auditList',
      'asOf',
      `auditList: ${notADate}`,
    );
    const key = 'k'.repeat(32);
    optionError(
      () => auditList(data, rankForOutreach(data, { asOf, pseudonymise: { key } })),
      'auditList',
      'pseudonymise',
      "auditList: the list is pseudonymised (its person_id values are pseudonyms): pass option 'pseudonymise' with the key the list was made with, { pseudonymise: { key } }, to match them to the data",
    );
    inputError(
      () => auditList(data, aq.table({ person: ['A'] }), { asOf }),
      'auditList',
      "auditList: the list has no person_id column (did you mean 'person'? rename it person_id); its columns: person. Give a list from rankForOutreach, or a table with a person_id column",
    );
    inputError(
      () => auditList(data, aq.table({ person_id: ['B', 'a'] }), { asOf }),
      'auditList',
      "auditList: list row 2, person_id 'a' is not a person of the data (did you mean 'A'?): the list must be audited on the data it was made from",
    );
    inputError(
      () =>
        auditList(data, rankForOutreach(data, { asOf, pseudonymise: { key } }), {
          pseudonymise: { key: 'x'.repeat(32) },
        }),
      'auditList',
      /^auditList: list row 1, person_id '[^']+' is not a person of the data: the list must be audited on the data it was made from, with the pseudonymise key it was made with$/,
    );
  });

  it('traceContacts: an id that is not text, empty or unknown; a bad asOf or today', () => {
    inputError(
      () => traceContacts(data, 2 as never),
      'traceContacts',
      "traceContacts: the index incident must be an incident id (text), got 2 (a number): pass String(id) ('2')",
    );
    inputError(
      () => traceContacts(data, '  '),
      'traceContacts',
      'traceContacts: the index incident id is empty (only spaces); give the id of an incident in the data',
    );
    inputError(
      () => traceContacts(data, 'I9'),
      'traceContacts',
      "traceContacts: index incident 'I9' is not in the data; check the id (ids are matched exactly, as text): did you mean 'I1'?",
    );
    optionError(
      () => traceContacts(data, 'I2', { asOf: 'soon' }),
      'traceContacts',
      'asOf',
      `traceContacts: ${notADate}`,
    );
    optionError(
      () => traceContacts(data, 'I2', { today: 'soon' }),
      'traceContacts',
      'today',
      `traceContacts: ${notADate.replace('asOf', 'today')}`,
    );
  });

  it('exposureRiskModel: a bad asOf gets the window error (resolveWindow), as since does; risk options', () => {
    optionError(
      () => exposureRiskModel(data, { asOf: 'soon' }),
      'exposureRiskModel',
      'asOf',
      `exposureRiskModel: ${notADate}`,
    );
    optionError(
      () => exposureRiskModel(data, { asOf: '2023-06-01T12:00' }),
      'exposureRiskModel',
      'asOf',
      "exposureRiskModel: asOf '2023-06-01T12:00' has a time of day: asOf is a date, and records dated before it are used; give '2023-06-01' (that day's records left out) or '2023-06-02' (in)",
    );
    optionError(
      () => exposureRiskModel(data, { since: 'soon' }),
      'exposureRiskModel',
      'since',
      `exposureRiskModel: ${notADate.replace('asOf', 'since')}`,
    );
    const model = exposureRiskModel(data, { asOf });
    optionError(
      () => model.risk(['A'], { from: 'soon', horizonDays: 30 }),
      'model.risk',
      'from',
      "model.risk: option 'from' 'soon' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number",
    );
    optionError(
      () => model.risk(['A'], { from: asOf, horizon: 30 } as never),
      'model.risk',
      'horizon',
      "model.risk: unknown option 'horizon'. Did you mean 'horizonDays'? Valid options: from, horizonDays.",
    );
    optionError(
      () => model.risk(['A'], { from: asOf } as never),
      'model.risk',
      'horizonDays',
      "model.risk: options { from, horizonDays } are required: the first day of the horizon (a date) and its length in days, e.g. model.risk(people, { from: '2024-01-01', horizonDays: 90 })",
    );
    optionError(
      () => model.risk(['A'], { from: asOf, horizonDays: -1 }),
      'model.risk',
      'horizonDays',
      "model.risk: option 'horizonDays' must be a number > 0 and ≤ 3650, got -1.",
    );
    // Named as called (model.risk): it read "exposureRiskModel risk: …", a name no code has. A
    // from on or before the model's since read "exposureRiskModel: since 2023-03-01 is on or after
    // asOf 2023-02-01", an asOf the call never gave.
    const since = exposureRiskModel(data, { asOf, since: '2023-03-01' });
    optionError(
      () => since.risk(['A'], { from: '2023-02-01', horizonDays: 30 }),
      'model.risk',
      'from',
      "model.risk: option 'from' 2023-02-01 is on or before the model's since 2023-03-01: the records it reads, [since, from), are none. Give a from after since.",
    );
    expect(since.risk(['A'], { from: '2023-03-02', horizonDays: 30 })).toHaveLength(1);
  });

  it('modelRanker, exportList, analyse', () => {
    inputError(
      () => modelRanker('', () => exposureRiskModel(data)),
      'modelRanker',
      "modelRanker: the first argument is the ranker's name (text that is not empty, e.g. 'my model'), got ''",
    );
    inputError(
      () => modelRanker('mine', 3 as never),
      'modelRanker',
      'modelRanker: the second argument fits a risk model at each cut (a function ({ data, asOf }) => model), got number 3',
    );
    inputError(
      () => exportList(aq.table({ person_id: ['A'] })),
      'exportList',
      'exportList: the table carries no purpose label, parameters or data window, so it is not a list made by this library (rankForOutreach, traceContacts, planOutreach, backtest); export the list as the library returned it: a table made anew from its rows, or by an arquero verb that drops its metadata, is refused so that nothing leaves without its label',
    );
    optionError(() => analyse(data, { asOf: 'soon' }), 'analyse', 'asOf', `analyse: ${notADate}`);
  });

  it("backtest: a bad asOf or cut; a ranker that breaks the Ranker contract (option 'rankers')", () => {
    const cuts = ['2023-03-01'];
    optionError(
      () => backtest(data, { asOf: 'soon', cuts: 1 }),
      'backtest',
      'asOf',
      `backtest: ${notADate}`,
    );
    optionError(
      () => backtest(data, { cuts: ['soon'] }),
      'backtest',
      'cuts',
      `backtest: ${notADate.replace('asOf', 'cut')}`,
    );
    const ranker = (out: (n: number) => object): Ranker => ({
      name: 'mine',
      rank: ({ population }) => out(population.length) as never,
    });
    const run = (r: Ranker) => () => backtest(data, { cuts, horizonDays: 30, rankers: [r] });
    inputError(
      run(ranker(() => ({ score: new Float64Array(0) }))),
      'backtest',
      "backtest: ranker 'mine' returned 0 scores at the cut 2023-03-01, for a population of 3 people: a ranker must return one score per person of the population, in its order",
    );
    inputError(
      run(ranker((n) => ({ score: new Float64Array(n), expected: new Float64Array(1) }))),
      'backtest',
      "backtest: ranker 'mine' returned 1 expected value at the cut 2023-03-01, for a population of 3 people: a ranker must return one expected value per person of the population, or none",
    );
    inputError(
      run(ranker((n) => ({ score: new Float64Array(n).fill(Number.NaN) }))),
      'backtest',
      "backtest: ranker 'mine' returned a score that is not a number (NaN) for A at the cut 2023-03-01: a ranker must give every person a number (a low one for the least risk)",
    );
    inputError(
      run(
        ranker((n) => ({
          score: new Float64Array(n),
          expected: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
        })),
      ),
      'backtest',
      "backtest: ranker 'mine' returned expected events of Infinity for A at the cut 2023-03-01, not a finite number ≥ 0",
    );
    inputError(
      run(
        ranker((n) => ({
          score: new Float64Array(n),
          averted: { list: Number.NaN, highestRisk: 1 },
        })),
      ),
      'backtest',
      "backtest: ranker 'mine' returned events averted of NaN (its list) and 1 (the highest-risk list) at the cut 2023-03-01: both must be finite numbers",
    );
  });
});
