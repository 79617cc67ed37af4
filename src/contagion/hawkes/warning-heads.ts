/**
 * How the fit's victim–offender check's warning begins ({@link victimOffenderCheck} in fit.ts): the
 * report reads it to call the share a lower bound, without importing the fit. @internal
 */
export const VICTIM_OFFENDER_WARNING =
  'Harm also follows victim–offender ties, which this fit does not model';
