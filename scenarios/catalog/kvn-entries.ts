/**
 * A KVN OMM catalog as catalog entries: parseOmmKvn's records, then the same checks and shape as the GP
 * JSON reader (omm.ts), each entry pointing at its record's NORAD_CAT_ID line in the KVN file. This is
 * how a picture exported by `vigil run --export-picture` is read back into a scenario.
 */
import { parseOmmKvn } from './omm-kvn.js';
import { parseOmmJson, type OmmEntry, type OmmProblem } from './omm.js';
import { toOmmJson } from './write.js';

export function parseOmmKvnEntries(text: string, file: string, entriesMax = Infinity): { entries: OmmEntry[]; problems: OmmProblem[]; truncated: boolean } {
  const kvn = parseOmmKvn(text, file);
  const problems: OmmProblem[] = kvn.problems.map((p) => ({ line: p.line, col: p.col, message: p.message.slice(`${file}:${p.line}:${p.col}: `.length) }));
  const json = parseOmmJson(toOmmJson(kvn.records), entriesMax);
  // Lines of the NORAD_CAT_ID keywords, in file order, to point each entry back into the KVN file.
  const noradLines = new Map<number, number[]>();
  text.split('\n').forEach((line, i) => {
    const m = /^\s*NORAD_CAT_ID\s*=\s*(\d+)/.exec(line);
    if (m) noradLines.set(Number(m[1]), [...(noradLines.get(Number(m[1])) ?? []), i + 1]);
  });
  const lineOf = (norad: number): number => noradLines.get(norad)?.shift() ?? 1;
  for (const p of json.problems) problems.push({ ...p, line: 1, col: 1, message: `an OMM record: ${p.message}` });
  return { entries: json.entries.map((e) => ({ ...e, lineNo: lineOf(e.noradId) })), problems, truncated: json.truncated };
}
