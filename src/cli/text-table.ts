/** Formats rows as an aligned plain-text table for the terminal; long cells are shortened. */
export function textTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  options: { maxWidth?: number } = {},
): string {
  const maxWidth = options.maxWidth ?? 48;
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, j) => Math.max(c.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((s, j) => s.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
