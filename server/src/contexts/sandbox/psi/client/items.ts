/** The buyer's file as a list of raw items: shared by the CLI and the web page (the file never leaves the buyer). */

/** The header of a CSV file (first line with a comma), or null for a plain one-item-per-line file. */
export function csvHeader(text: string): string[] | null {
  const first = text.split(/\r?\n/).find((l) => l.trim());
  return first?.includes(',') ? first.split(',').map((h) => h.trim().replace(/^"|"$/g, '')) : null;
}

/** Lines of a text file, or one column of a CSV with a header row (simple CSV: no quoted commas). */
export function itemsOf(text: string, column?: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines[0]?.includes(',')) return lines;
  const header = lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const idx = column ? header.indexOf(column) : 0;
  if (idx < 0) throw new Error(`column ${column} not in ${header.join(', ')}`);
  return lines.slice(1).map((l) => (l.split(',')[idx] ?? '').trim().replace(/^"|"$/g, ''));
}
