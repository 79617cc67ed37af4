/**
 * A data window `[from, to)` as a reader takes it: both dates included, so the exclusive end
 * `to` becomes the day before it: `windowText('2018-01-01', '2024-01-01')` is
 * '2018-01-01 to 2023-12-31'. "2018-01-01 to 2024-01-01" read as if records of 2024-01-01
 * were in it. A missing `from` reads 'the start', a missing `to` 'the end'; an end that is not
 * an ISO date, or a window of no days, reads '… up to, not including, …'. The one formatter of
 * a window in every printed sentence (the report, the case-meeting summary, the lists' exports
 * and summaries).
 */
export function windowText(from: string | null | undefined, to: string | null | undefined): string {
  const start = from ? from.slice(0, 10) : 'the start';
  if (!to) return `${start} to the end`;
  const end = /^\d{4}-\d\d-\d\d$/.test(to.slice(0, 10))
    ? Date.parse(`${to.slice(0, 10)}T00:00:00Z`)
    : Number.NaN;
  // A to with a time of day ('2024-01-01T12:00') includes part of its own day: said as it is.
  const last = Number.isFinite(end) && to.length <= 10 ? new Date(end - 86_400_000) : undefined;
  const lastIso = last?.toISOString().slice(0, 10);
  if (!lastIso || (from && lastIso < from.slice(0, 10)))
    return `${start} up to, not including, ${to}`;
  return `${start} to ${lastIso}`;
}
