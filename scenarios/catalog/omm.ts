/**
 * GP JSON: an array of OMM records (CCSDS 502.0-B-3 field names) as CelesTrak (numbers) and Space-Track
 * (strings) publish them. Each record is checked for the fields SGP4 needs; problems point at the
 * record's line in the file.
 */
import { editDistance } from '../problems.js';

export interface OmmEntry {
  readonly name: string;
  readonly noradId: number;
  readonly omm: Record<string, string | number>;
  readonly lineNo: number;
}

export interface OmmProblem {
  line: number;
  col: number;
  message: string;
  /** The OMM field at fault, when one is, and a present key that looks like a misspelling of it. */
  field?: string;
  near?: string;
}

const REQUIRED_NUMERIC = ['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'NORAD_CAT_ID', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT'] as const;

/** 1-based line and column of a character offset. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** Offsets where each element of the top-level JSON array starts (a scan that respects strings). */
function elementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    // Any value (object, array, string, number, literal) starting at depth 1 is the next element.
    if (depth === 1 && expectElement && ch !== ']') {
      out.push(i);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return out;
}

export function parseOmmJson(text: string, entriesMax = Infinity): { entries: OmmEntry[]; problems: OmmProblem[]; truncated: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const at = m ? lineColAt(text, Number(m[1])) : { line: 1, col: 1 };
    return { entries: [], problems: [{ ...at, message: `invalid JSON: ${(e as Error).message}` }], truncated: false };
  }
  if (!Array.isArray(data)) return { entries: [], problems: [{ line: 1, col: 1, message: 'GP JSON must be an array of OMM records' }], truncated: false };
  const offsets = elementOffsets(text);
  const entries: OmmEntry[] = [];
  const problems: OmmProblem[] = [];
  for (let i = 0; i < data.length; i++) {
    const at = lineColAt(text, offsets[i] ?? 0);
    const rec = data[i] as Record<string, unknown>;
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      problems.push({ ...at, message: `record ${i} is not an object` });
      continue;
    }
    const bad = REQUIRED_NUMERIC.find((k) => rec[k] === undefined || rec[k] === '' || !Number.isFinite(Number(rec[k])));
    if (bad) {
      const near = rec[bad] === undefined ? Object.keys(rec).find((k) => k !== bad && editDistance(k, bad) <= 2) : undefined;
      const hint = near ? ` (is '${near}' a misspelling of it?)` : '';
      problems.push({ ...at, field: bad, near, message: `record ${i} (${String(rec.OBJECT_NAME ?? 'unnamed')}): field ${bad} is ${rec[bad] === undefined ? `missing${hint}` : `not a number ('${String(rec[bad])}')`}` });
      continue;
    }
    if (typeof rec.EPOCH !== 'string' || !Number.isFinite(Date.parse(rec.EPOCH.endsWith('Z') ? rec.EPOCH : `${rec.EPOCH}Z`))) {
      problems.push({ ...at, field: 'EPOCH', message: `record ${i} (${String(rec.OBJECT_NAME ?? 'unnamed')}): EPOCH must be an ISO time, found '${String(rec.EPOCH)}'` });
      continue;
    }
    if (entries.length >= entriesMax) return { entries, problems, truncated: true };
    const omm: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(rec)) if (typeof v === 'string' || typeof v === 'number') omm[k] = v;
    omm.ELEMENT_SET_NO ??= 999;
    omm.OBJECT_ID ??= 'UNKNOWN';
    entries.push({ name: String(rec.OBJECT_NAME ?? `NORAD ${rec.NORAD_CAT_ID}`), noradId: Number(rec.NORAD_CAT_ID), omm, lineNo: at.line });
  }
  return { entries, problems, truncated: false };
}
