/**
 * How the fit's warning that its group options do nothing ends ("groups has no effect: …"):
 * hawkesInference reads it to say instead that the no-contagion test's fits used them. @internal
 */
export const GROUP_COVARIATE_OFF = 'the group covariate is off (set groupEventDays to turn it on).';

/**
 * How the fit's victim–offender check's warning begins ({@link victimOffenderCheck} in fit.ts): the
 * report reads it to call the share a lower bound, without importing the fit. @internal
 */
export const VICTIM_OFFENDER_WARNING =
  'Harm also follows victim–offender ties, which this fit does not model';
