/**
 * Formats rows as an aligned plain-text table for the terminal; long cells are shortened, except
 * in the last column with `fullLast` (a reason whose advice is at its end must be read whole).
 */
export function textTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  options: { maxWidth?: number; fullLast?: boolean } = {},
): string {
  const maxWidth = options.maxWidth ?? 48;
  const last = columns.length - 1;
  const cell = (v: unknown, j: number) => {
    const s = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ');
    return s.length > maxWidth && !(options.fullLast && j === last)
      ? `${s.slice(0, maxWidth - 1)}…`
      : s;
  };
  const body = rows.map((r) => columns.map((c, j) => cell(r[c], j)));
  const widths = columns.map((c, j) => Math.max(c.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((s, j) => s.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
