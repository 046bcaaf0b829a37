/** Small text helpers for human output: numbers with separators, the marking banner, tables. */

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

/** The exercise marking as a banner line. */
export function banner(marking: string): string {
  return `==== ${marking} ====`;
}

/** Left-aligned columns from rows of cells. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}
