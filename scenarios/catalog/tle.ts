/**
 * Two-line element sets, 2- or 3-line (name line first), as CelesTrak and Space-Track publish them.
 * Every entry is checked column by column (the NORAD/CelesTrak TLE format: line 1 and line 2, 69
 * characters each, mod-10 checksum in column 69) before satellite.js sees it, so a corrupt line is
 * reported with its line and column in the catalog file instead of becoming NaN orbits.
 */

export interface TleEntry {
  readonly name: string;
  readonly line1: string;
  readonly line2: string;
  readonly noradId: number;
  /** 1-based line number of line 1 in the file (or block). */
  readonly lineNo: number;
}

export interface TleProblem {
  readonly line: number;
  readonly col: number;
  readonly length: number;
  readonly code: 'TLE_FORMAT' | 'TLE_CHECKSUM' | 'TLE_MISSING_LINE' | 'TLE_MISMATCH';
  readonly message: string;
}

/** The mod-10 checksum of columns 1-68: digits count their value, '-' counts 1. */
export function tleChecksum(line: string): number {
  let sum = 0;
  for (let i = 0; i < 68; i++) {
    const ch = line.charCodeAt(i);
    if (ch >= 48 && ch <= 57) sum += ch - 48;
    else if (ch === 45) sum += 1;
  }
  return sum % 10;
}

/** NORAD catalog number from columns 3-7, including the Alpha-5 form (A0000 = 100000; I and O unused). */
export function parseNoradId(field: string): number | null {
  const f = field.trim();
  if (/^\d{1,5}$/.test(f)) return Number(f);
  const m = /^([A-HJ-NP-Z])(\d{4})$/.exec(f);
  if (!m) return null;
  const letter = m[1].charCodeAt(0) - 65;
  const skip = (m[1] > 'I' ? 1 : 0) + (m[1] > 'O' ? 1 : 0);
  return (10 + letter - skip) * 10_000 + Number(m[2]);
}

const DECIMAL = /^[ ]*[-+]?\d*\.?\d+$/;
/** Sign (or blank), five digits, signed exponent digit: ' 12345-3' = 0.12345e-3 (columns as the format fixes them). */
const IMPLIED_EXP = /^[-+ ]\d{5}[-+]\d$/;

interface Field {
  from: number; // 1-based column
  to: number;
  name: string;
  pattern: RegExp;
}

const LINE1_FIELDS: Field[] = [
  { from: 19, to: 20, name: 'epoch year', pattern: /^\d{2}$/ },
  { from: 21, to: 32, name: 'epoch day of year', pattern: /^[ ]*\d{1,3}\.\d+$/ },
  { from: 34, to: 43, name: 'first derivative of mean motion', pattern: DECIMAL },
  { from: 45, to: 52, name: 'second derivative of mean motion', pattern: IMPLIED_EXP },
  { from: 54, to: 61, name: 'B* drag term', pattern: IMPLIED_EXP },
];
const LINE2_FIELDS: Field[] = [
  { from: 9, to: 16, name: 'inclination', pattern: DECIMAL },
  { from: 18, to: 25, name: 'right ascension of the ascending node', pattern: DECIMAL },
  { from: 27, to: 33, name: 'eccentricity', pattern: /^\d{7}$/ },
  { from: 35, to: 42, name: 'argument of perigee', pattern: DECIMAL },
  { from: 44, to: 51, name: 'mean anomaly', pattern: DECIMAL },
  { from: 53, to: 63, name: 'mean motion', pattern: DECIMAL },
];

function checkLine(line: string, which: 1 | 2, lineNo: number, fields: Field[]): TleProblem | null {
  if (line.length !== 69) {
    return { line: lineNo, col: 1, length: line.length || 1, code: 'TLE_FORMAT', message: `TLE line ${which} must be 69 characters, this one has ${line.length}` };
  }
  const norad = line.slice(2, 7);
  if (parseNoradId(norad) === null) {
    return { line: lineNo, col: 3, length: 5, code: 'TLE_FORMAT', message: `columns 3-7 must hold the NORAD catalog number, found '${norad}'` };
  }
  for (const f of fields) {
    const text = line.slice(f.from - 1, f.to);
    if (!f.pattern.test(text)) {
      return { line: lineNo, col: f.from, length: f.to - f.from + 1, code: 'TLE_FORMAT', message: `columns ${f.from}-${f.to} must hold the ${f.name}, found '${text}'` };
    }
  }
  if (which === 1) {
    const day = Number(line.slice(20, 32));
    if (!(day >= 1 && day < 367)) {
      return { line: lineNo, col: 21, length: 12, code: 'TLE_FORMAT', message: `columns 21-32 must hold the epoch day of year, from 1 to 366.99999999, found ${line.slice(20, 32).trim()}` };
    }
  }
  const expected = tleChecksum(line);
  if (line[68] !== String(expected)) {
    return { line: lineNo, col: 69, length: 1, code: 'TLE_CHECKSUM', message: `checksum is '${line[68]}' but columns 1-68 sum to ${expected} (mod 10): the line is corrupt` };
  }
  return null;
}

/** Check one line pair; returns the entry or the first problem found. */
export function checkTlePair(name: string, line1: string, line2: string, lineNo: number): TleEntry | TleProblem {
  const p1 = checkLine(line1, 1, lineNo, LINE1_FIELDS) ?? checkLine(line2, 2, lineNo + 1, LINE2_FIELDS);
  if (p1) return p1;
  const id1 = parseNoradId(line1.slice(2, 7))!;
  const id2 = parseNoradId(line2.slice(2, 7))!;
  if (id1 !== id2) {
    return { line: lineNo + 1, col: 3, length: 5, code: 'TLE_MISMATCH', message: `line 2 is for catalog number ${id2} but line 1 is for ${id1}` };
  }
  return { name: name || `NORAD ${id1}`, line1, line2, noradId: id1, lineNo };
}

/**
 * Parse TLE text. Lines starting '1 ' and '2 ' are element lines; any other non-blank line is the name
 * of the next pair ('0 ' prefixes of Space-Track 3LE are dropped). Stops after `entriesMax` entries.
 */
export function parseTleText(text: string, entriesMax = Infinity): { entries: TleEntry[]; problems: TleProblem[]; truncated: boolean } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trimEnd());
  const entries: TleEntry[] = [];
  const problems: TleProblem[] = [];
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Blank lines, and '#' comment lines (the exercise marking of an exported picture), carry no data.
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.startsWith('1 ')) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      if (j >= lines.length || !lines[j].startsWith('2 ')) {
        problems.push({ line: i + 1, col: 1, length: line.length, code: 'TLE_MISSING_LINE', message: `TLE line 1 is not followed by its line 2 (a line starting '2 ')` });
        name = '';
        continue;
      }
      const r = checkTlePair(name, line, lines[j], i + 1);
      if ('code' in r) problems.push(r);
      else {
        if (entries.length >= entriesMax) return { entries, problems, truncated: true };
        entries.push(r);
      }
      name = '';
      i = j;
    } else if (line.startsWith('2 ')) {
      problems.push({ line: i + 1, col: 1, length: line.length, code: 'TLE_MISSING_LINE', message: `TLE line 2 without a line 1 before it` });
      name = '';
    } else {
      name = line.replace(/^0 /, '').trim();
    }
  }
  return { entries, problems, truncated: false };
}
