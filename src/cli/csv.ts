/**
 * CSV for plain rows. Arrays become `;`-joined text, objects JSON. Text that a spreadsheet would
 * run as a formula (starting with `=`, `+`, `@`, a tab, or `-` followed by a non-digit) gets a
 * leading `'`, because these files are opened in spreadsheets by people who did not write them.
 */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const names = columns ?? unionOfKeys(rows);
  const lines = [names.map((n) => csvCell(n)).join(',')];
  for (const r of rows)
    lines.push(names.map((n) => csvCell((r as Record<string, unknown>)[n])).join(','));
  return `${lines.join('\n')}\n`;
}

function unionOfKeys(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** One CSV field, quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (Array.isArray(value))
    s = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(';');
  else if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'object') s = JSON.stringify(value);
  else s = String(value);
  if (typeof value === 'string' && /^([=+@\t\r]|-[^0-9.])/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
