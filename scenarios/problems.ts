/**
 * Problems in a scenario or in a file it pulls in: collected all at once, each with a code, a position
 * and words a planner can act on. Printed as `file:line:col  CODE  message`, the source line and a caret
 * under the fault (the form yaml's own errors take).
 */

export type ProblemCode =
  // files
  | 'FILE_NOT_FOUND' | 'IS_DIRECTORY' | 'EMPTY_FILE' | 'FILE_TOO_LARGE' | 'READ_ERROR'
  // YAML syntax (yaml's own codes are kept in the message)
  | 'YAML_SYNTAX' | 'DUPLICATE_KEY' | 'NOT_A_MAPPING'
  // schema
  | 'UNKNOWN_KEY' | 'REQUIRED' | 'TYPE' | 'INVALID_VALUE' | 'OUT_OF_RANGE' | 'FORMAT' | 'UNSUPPORTED_VERSION'
  // meaning
  | 'BAD_DURATION' | 'BAD_EPOCH' | 'DUPLICATE_ID' | 'UNKNOWN_REF' | 'UNREACHABLE' | 'ORBIT_SOURCE' | 'OUT_OF_SCENARIO' | 'LIMIT' | 'BAD_CLASSIFICATION'
  // catalogs
  | 'TLE_FORMAT' | 'TLE_CHECKSUM' | 'TLE_MISSING_LINE' | 'TLE_MISMATCH' | 'OMM_FORMAT' | 'CSV_FORMAT' | 'SGP4_INIT' | 'EMPTY_CATALOG';

export interface Problem {
  readonly file: string;
  /** 1-based line and column; 0 when the problem has no position (a missing file). */
  readonly line: number;
  readonly col: number;
  /** Characters to underline (at least 1). */
  readonly length: number;
  readonly code: ProblemCode;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Raised by the loader when a scenario has errors; carries every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`scenario has ${problems.filter((p) => p.severity === 'error').length} error(s)`);
    this.name = 'ScenarioError';
  }
}

/** Sort problems by file, then position, so output reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/**
 * One problem as text: the header line, then (when the source text is known) the line and a caret.
 * `sourceOf(file)` returns the file's text, or undefined.
 */
export function formatProblem(p: Problem, sourceOf: (file: string) => string | undefined): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const head = `${where}  ${p.severity === 'warning' ? 'warning ' : ''}${p.code}  ${p.message}`;
  const text = p.line > 0 ? sourceOf(p.file) : undefined;
  if (text === undefined) return head;
  const lineText = text.split(/\r?\n/)[p.line - 1];
  if (lineText === undefined) return head;
  const gutter = String(p.line).length;
  // A tab shows as one space so the caret below stays under the column the parser counted.
  const flat = lineText.replace(/\t/g, ' ');
  // A long line shows a 160-character window that holds the column, with '...' where it is cut.
  const WIDTH = 160;
  let start = 0;
  if (flat.length > WIDTH && p.col > WIDTH - 20) start = Math.min(p.col - 1 - 40, flat.length - WIDTH + 3);
  start = Math.max(0, start);
  const lead = start > 0 ? '...' : '';
  const body = flat.slice(start, start + WIDTH - lead.length);
  const shown = lead + (start + WIDTH - lead.length < flat.length ? `${body.slice(0, body.length - 3)}...` : body);
  const col = p.col - start + lead.length;
  const caretLen = Math.max(1, Math.min(p.length, shown.length - col + 1));
  return `${head}\n ${String(p.line)} | ${shown}\n ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, col - 1))}${'^'.repeat(caretLen)}`;
}

/**
 * Edit distance for "did you mean" hints on short names: Damerau-Levenshtein (optimal string alignment),
 * so two swapped letters (EAS for ESA) count as one edit. Case-insensitive.
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const rows = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[x.length][y.length];
}

/** Spelled-out unit and bound words planners use for the short forms in key names. */
const WORD_SYNONYMS: Record<string, string> = {
  meter: 'm', meters: 'm', metre: 'm', metres: 'm', kilometer: 'km', kilometers: 'km', kilometre: 'km', kilometres: 'km',
  degree: 'deg', degrees: 'deg', minimum: 'min', maximum: 'max', second: 's', seconds: 's',
};

/**
 * The words of a key, order-free: `elevationMinDeg`, `minElevationDeg` and `elevationDegMin` all give
 * `deg elevation min` (units live in key names, and planners put them in any order).
 */
function wordKey(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.:-]+/).filter((w) => w !== '');
  return words.map((w) => WORD_SYNONYMS[w] ?? w).sort().join(' ');
}

/**
 * `; did you mean 'x'?` for a candidate with the same words in another order (or spelled out), else for
 * the closest candidate within a third of the word's length, else ''.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  const key = wordKey(word);
  for (const c of candidates) {
    if (c === word) continue; // not a misspelling (e.g. the text '1' where the number 1 belongs)
    const d = key.includes(' ') && wordKey(c) === key ? 0 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.ceil(word.length / 3));
  return best !== undefined && bestDistance <= allowed ? `; did you mean '${best}'?` : '';
}
