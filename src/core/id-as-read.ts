// An id given outside the records (an exits or covariates row, an incident id typed or pasted) as
// ingest reads ids: trimmed, composed (NFC) and without characters that show as nothing. Ingest
// stores 'I3' for an 'I3' pasted with a zero-width space, so the same id pasted into an exits file
// named nobody. Browser-safe, no state.

/** Soft hyphen, zero-width space, joiners, word joiner, a BOM inside text (as ingest drops them). */
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * `id` as ingest reads an id cell: without surrounding spaces, in composed form (NFC) and
 * without characters that show as nothing. @internal
 */
export function idAsRead(id: string): string {
  return id.trim().normalize('NFC').replace(INVISIBLES, '').trim();
}

/**
 * The person number of `id` in `personIndex`: the id as given, else as ingest reads ids
 * ({@link idAsRead}); `undefined` when neither is there. @internal
 */
export function personAsRead(
  personIndex: ReadonlyMap<string, number>,
  id: string,
): number | undefined {
  const p = personIndex.get(id);
  if (p !== undefined) return p;
  const read = idAsRead(id);
  return read === id ? undefined : personIndex.get(read);
}
