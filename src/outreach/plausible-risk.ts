import { riskStates } from '../contagion/hawkes/model.js';
import { DataRefusedError } from '../core/errors.js';
import { count } from '../core/plural.js';
import { forecastFit, type RiskModel } from '../core/risk.js';
import { dayToIso } from '../core/time.js';

/**
 * The most serious-violence events (the fit's events: its roles, minSeverity and filter) the
 * whole city had in any `horizonDays` of the window a fitted network Hawkes model was fitted on
 * (for an update, its base fit's), with that window; for a horizon longer than the window, the
 * window's events scaled up to the horizon. Null for a model without a fit (the exposure score, a
 * model of one's own: their scores need not be expected events).
 */
export function cityEventCeiling(
  model: RiskModel,
  horizonDays: number,
): { events: number; windowDays: number; since: number; asOf: number } | null {
  const { fit } = forecastFit(model);
  const state = riskStates.get(fit as RiskModel)?.state;
  if (!state) return null;
  const d = state.data;
  const days = d.end - d.start;
  if (!(days > 0) || !(horizonDays > 0)) return null;
  const w = Math.min(horizonDays, days);
  let most = 0;
  for (let i = d.firstModelled, j = d.firstModelled; j < d.evDay.length; j++) {
    while (d.evDay[j] - d.evDay[i] >= w) i++;
    if (j - i + 1 > most) most = j - i + 1;
  }
  return {
    events: most * Math.max(1, horizonDays / days),
    windowDays: w,
    since: d.start,
    asOf: d.end,
  };
}

/** An expected count as read: whole above 100 (with separators), else 3 significant digits. */
function events(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-GB') : String(Number(x.toPrecision(3)));
}

/**
 * Refuses (code `not-identified`) a list or trace whose model expects anyone to have more
 * serious-violence events in the horizon than the whole city had in any window of that length
 * of the records the model was fitted on ({@link cityEventCeiling}): no person's forecast can
 * plausibly exceed the city's, and one that does comes from a fit gone wrong (a covariate that
 * ran off, read as e^30 on someone's background: 4,697 expected events in 90 days on a city
 * whose busiest 90 days held 2) or from parameters given rather than fitted. `expected` are the
 * people's expected events over the horizon. Models without a fit pass.
 */
export function assertPlausibleRisks(
  fn: string,
  model: RiskModel,
  horizonDays: number,
  expected: ArrayLike<number>,
  instead: string,
): void {
  let top = 0;
  for (let i = 0; i < expected.length; i++) if (expected[i] > top) top = expected[i];
  if (!(top > 0)) return;
  const c = cityEventCeiling(model, horizonDays);
  if (!c || !(top > c.events)) return;
  let over = 0;
  for (let i = 0; i < expected.length; i++) if (expected[i] > c.events) over++;
  const window = `${dayToIso(c.since)} to ${dayToIso(c.asOf)}`;
  const city =
    c.windowDays < horizonDays
      ? `the whole city had in the ${count(Math.round(c.windowDays), 'day')} of the records it was fitted on (${window}), scaled to ${count(horizonDays, 'day')} (${events(c.events)})`
      : `the whole city had in any ${count(horizonDays, 'day')} of the records it was fitted on (at most ${events(c.events)}, ${window})`;
  throw new DataRefusedError(
    'not-identified',
    `${fn}: the model '${model.name}' expects ${over === 1 ? '1 person' : `${over} people`} to have more serious-violence events in ${count(horizonDays, 'day')} (up to ${events(top)}) than ${city}. No one person's forecast can exceed the whole city's: these come from a fit gone wrong (a covariate that ran off, parameters given rather than fitted; see the model's warnings) and are no basis for outreach. ${instead ? `${instead}fit` : 'Fit'} the model on more records`,
  );
}

/**
 * Below this many expected events a year (1 in 10,000), the highest forecast of a fitted model's
 * list is no current risk: a list whose first person is under it is ordered by traces of old
 * events decayed to nothing (a 20-person city's list read 3.6e-16 expected events in 90 days at
 * its top), not by who is more at risk.
 */
export const NEGLIGIBLE_RATE_PER_YEAR = 1e-4;

/**
 * The warning for a list of a fitted model whose highest forecast (`top`: the largest
 * `expected_events` of the listed people, the model's expected events in `horizonDays`, not the
 * `score`, which drops parts older than retention) is negligible
 * ({@link NEGLIGIBLE_RATE_PER_YEAR}); undefined otherwise, and for a model without a fit (the
 * exposure score, a model of one's own: their scores need not be expected events).
 */
export function negligibleRiskWarning(
  model: RiskModel,
  horizonDays: number,
  top: number,
): string | undefined {
  if (!(top >= 0) || !(horizonDays > 0)) return undefined;
  if (top * (365.25 / horizonDays) >= NEGLIGIBLE_RATE_PER_YEAR) return undefined;
  if (!cityEventCeiling(model, horizonDays)) return undefined;
  return (
    `The model forecasts at most ${Number(top.toPrecision(2))} serious-violence events in the ${count(horizonDays, 'day')} for anyone on this list (the expected_events column; a chance below 1 in 10,000 a year): ` +
    'it sees no current risk for anyone here, so the order reflects traces of old records too small to tell people apart, not who is more at risk. ' +
    "Read the list as 'nobody stands out', and see the model's other warnings for why (no recent serious violence, a background fitted at 0)."
  );
}
