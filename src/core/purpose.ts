/**
 * The purpose label written into every list this library makes and heading every file it writes.
 * Lists of people are for offering voluntary support; the label travels with the table and heads
 * every export. (Re-exported from the outreach stage as `PURPOSE_LABEL`.)
 */
export const PURPOSE_LABEL =
  'For voluntary outreach and support; not for enforcement or investigative use.' as const;
