/**
 * CCSDS OMM in KVN ('KEYWORD = value' lines, CCSDS 502.0-B-3 sections 4 and 7), one message or several
 * concatenated as CelesTrak's FORMAT=KVN and write.ts's toOmmKvn write them: each message starts at its
 * CCSDS_OMM_VERS line. Tolerates blank lines, COMMENT lines, units in brackets after numbers
 * ('1.00273272 [rev/day]'), day-of-year times ('2020-064T10:34:41.4264'), CelesTrak's '.0006703'
 * decimals and empty CREATION_DATE / ORIGINATOR. Every problem names its line and column.
 *
 * A message becomes one OmmRecord (mean-elements.ts): the SGP4 keywords, COMMENT (the message's
 * metadata and data comments, one per line), and any further OMM keyword under its own name; numbers
 * become numbers, EPOCH is rewritten in CelesTrak's calendar form. Header keywords and the fixed
 * metadata (CENTER_NAME EARTH, REF_FRAME TEME, TIME_SYSTEM UTC, MEAN_ELEMENT_THEORY SGP4) are checked,
 * not copied. Read next: write.ts (the writer), omm.ts (the JSON reader).
 */
import { epochOfCcsdsTime, isoOfEpoch, OMM_SGP4_KEYWORDS, type OmmRecord } from './mean-elements.js';
import { didYouMean } from '../problems.js';

export interface OmmKvnProblem {
  readonly file: string;
  /** 1-based line and column of the fault (the keyword, or the value when the value is at fault). */
  readonly line: number;
  readonly col: number;
  readonly code: 'OMM_SYNTAX' | 'OMM_UNKNOWN_KEYWORD' | 'OMM_BAD_NUMBER' | 'OMM_BAD_TIME' | 'OMM_MISSING' | 'OMM_DUPLICATE' | 'OMM_UNSUPPORTED';
  /** `file:line:col: what is wrong`. */
  readonly message: string;
}

const HEADER_KEYWORDS = ['CCSDS_OMM_VERS', 'CLASSIFICATION', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID'];
/** Metadata whose only value SGP4 can use; checked, not copied into the record. */
const FIXED_METADATA: Readonly<Record<string, readonly string[]>> = {
  CENTER_NAME: ['EARTH'],
  REF_FRAME: ['TEME'],
  TIME_SYSTEM: ['UTC'],
  // Both spellings appear in CCSDS examples and CelesTrak output (KVN 'SGP/SGP4', XML 'SGP4').
  MEAN_ELEMENT_THEORY: ['SGP4', 'SGP/SGP4'],
};
const TEXT_KEYWORDS = ['OBJECT_NAME', 'OBJECT_ID', 'REF_FRAME_EPOCH', 'EPOCH', 'CLASSIFICATION_TYPE', 'COV_REF_FRAME'];
/** 502.0-B-3 tables 4-3 (mean elements, spacecraft, TLE parameters) and 4-4 (covariance). */
const NUMERIC_KEYWORDS = [
  'SEMI_MAJOR_AXIS', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'GM',
  'MASS', 'SOLAR_RAD_AREA', 'SOLAR_RAD_COEFF', 'DRAG_AREA', 'DRAG_COEFF',
  'EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'BTERM', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT', 'AGOM',
  'CX_X', 'CY_X', 'CY_Y', 'CZ_X', 'CZ_Y', 'CZ_Z', 'CX_DOT_X', 'CX_DOT_Y', 'CX_DOT_Z', 'CX_DOT_X_DOT', 'CY_DOT_X', 'CY_DOT_Y', 'CY_DOT_Z',
  'CY_DOT_X_DOT', 'CY_DOT_Y_DOT', 'CZ_DOT_X', 'CZ_DOT_Y', 'CZ_DOT_Z', 'CZ_DOT_X_DOT', 'CZ_DOT_Y_DOT', 'CZ_DOT_Z_DOT',
];
const INTEGER_KEYWORDS: ReadonlySet<string> = new Set(['EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH']);
const NUMERIC: ReadonlySet<string> = new Set(NUMERIC_KEYWORDS);
const KNOWN: ReadonlySet<string> = new Set([...HEADER_KEYWORDS, ...Object.keys(FIXED_METADATA), ...TEXT_KEYWORDS, ...NUMERIC_KEYWORDS, 'COMMENT']);
/** CelesTrak's values for TLE parameters a message may leave out (omm.ts fills the same). */
const DEFAULTS: Readonly<Record<string, string | number>> = { EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', ELEMENT_SET_NO: 999, REV_AT_EPOCH: 0 };
/** 502.0-B-3 7.5.5-7.5.7 numbers, plus a bare leading '.' as CelesTrak writes them. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A trailing unit in brackets, allowed after numbers only (names such as 'GOES 9 [P]' keep theirs). */
const UNITS = /\s*\[[^\]]*\]$/;
const KEY_VALUE = /^(\s*)([^\s=]+)\s*=[ \t]*(.*?)\s*$/;
const COMMENT_LINE = /^\s*COMMENT(?:\s(.*))?$/;

interface Message {
  readonly line: number;
  readonly values: Map<string, string | number>;
  /** Keywords met, including those whose value was bad: for duplicates, and so a bad value is not also 'missing'. */
  readonly seen: Set<string>;
  readonly comments: string[];
  /** Comments before CREATION_DATE belong to the header (7.8: after CCSDS_OMM_VERS) and are not kept. */
  headerDone: boolean;
  bad: boolean;
}

/**
 * Parse KVN OMM text (one or several messages). Returns one record per message that has every keyword
 * SGP4 needs and no problem other than unknown keywords (reported, then ignored); a message with any
 * other problem is reported and left out.
 */
export function parseOmmKvn(text: string, file: string): { records: OmmRecord[]; problems: OmmKvnProblem[] } {
  const records: OmmRecord[] = [];
  const problems: OmmKvnProblem[] = [];
  let msg: Message | null = null;
  const add = (line: number, col: number, code: OmmKvnProblem['code'], what: string) => {
    problems.push({ file, line, col, code, message: `${file}:${line}:${col}: ${what}` });
    if (code !== 'OMM_UNKNOWN_KEYWORD' && msg) msg.bad = true;
  };
  const finish = () => {
    if (msg) {
      const rec = recordOf(msg, add);
      if (rec) records.push(rec);
    }
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    const comment = COMMENT_LINE.exec(raw);
    if (comment) {
      if (msg?.headerDone) msg.comments.push((comment[1] ?? '').trimEnd());
      continue;
    }
    const kv = KEY_VALUE.exec(raw);
    if (!kv) {
      const col = raw.length - raw.trimStart().length + 1;
      add(lineNo, col, 'OMM_SYNTAX', `expected 'KEYWORD = value' or 'COMMENT text', found '${raw.trim()}'`);
      continue;
    }
    const keyword = kv[2];
    const keyCol = kv[1].length + 1;
    const equals = raw.indexOf('=', kv[1].length + keyword.length);
    const afterEquals = raw.slice(equals + 1);
    const valueCol = equals + 2 + afterEquals.length - afterEquals.trimStart().length;
    if (keyword === 'CCSDS_OMM_VERS') {
      finish();
      msg = { line: lineNo, values: new Map(), seen: new Set(), comments: [], headerDone: false, bad: false };
      if (!/^[23]\.\d+$/.test(kv[3])) add(lineNo, valueCol, 'OMM_UNSUPPORTED', `CCSDS_OMM_VERS is '${kv[3]}'; this reader knows OMM versions 2.0 and 3.0`);
      continue;
    }
    if (!msg) {
      msg = { line: lineNo, values: new Map(), seen: new Set(), comments: [], headerDone: false, bad: false };
      add(lineNo, keyCol, 'OMM_SYNTAX', `an OMM starts with 'CCSDS_OMM_VERS = 2.0' (or 3.0), found ${keyword} first`);
    }
    readValue(msg, keyword, kv[3], lineNo, keyCol, valueCol, add);
  }
  finish();
  return { records, problems };
}

type Add = (line: number, col: number, code: OmmKvnProblem['code'], what: string) => void;

function readValue(msg: Message, keyword: string, rawValue: string, line: number, keyCol: number, valueCol: number, add: Add): void {
  const userDefined = /^USER_DEFINED_[A-Z0-9_]+$/.test(keyword);
  if (!KNOWN.has(keyword) && !userDefined) {
    add(line, keyCol, 'OMM_UNKNOWN_KEYWORD', `unknown OMM keyword '${keyword}'${didYouMean(keyword, KNOWN)}`);
    return;
  }
  if (keyword === 'CREATION_DATE' || keyword === 'ORIGINATOR') msg.headerDone = true;
  if (msg.seen.has(keyword)) {
    add(line, keyCol, 'OMM_DUPLICATE', `${keyword} appears twice in the OMM that starts on line ${msg.line} (one object per OMM)`);
    return;
  }
  msg.seen.add(keyword);
  if (!HEADER_KEYWORDS.includes(keyword)) msg.headerDone = true;
  if (NUMERIC.has(keyword)) {
    const value = rawValue.replace(UNITS, '');
    const integer = INTEGER_KEYWORDS.has(keyword);
    if (!NUMBER.test(value) || (integer && !Number.isInteger(Number(value)))) {
      add(line, valueCol, 'OMM_BAD_NUMBER', `${keyword} must be ${integer ? 'an integer' : 'a number'}, found '${rawValue}'`);
      return;
    }
    msg.values.set(keyword, Number(value));
    return;
  }
  if (keyword === 'EPOCH' || (keyword === 'CREATION_DATE' && rawValue !== '')) {
    const epoch = epochOfCcsdsTime(rawValue);
    if (!epoch) {
      add(line, valueCol, 'OMM_BAD_TIME', `${keyword} must be a UTC time, yyyy-mm-ddThh:mm:ss[.f] or yyyy-dddThh:mm:ss[.f], found '${rawValue}'`);
      return;
    }
    msg.values.set(keyword, isoOfEpoch(epoch));
    return;
  }
  const allowed = FIXED_METADATA[keyword];
  if (allowed && !allowed.includes(rawValue)) {
    add(line, valueCol, 'OMM_UNSUPPORTED', `${keyword} is '${rawValue}'; SGP4 mean elements need ${allowed.map((a) => `'${a}'`).join(' or ')}`);
    return;
  }
  msg.values.set(keyword, rawValue);
}

/** Keywords every SGP4 message must carry (502.0-B-3 table 4-2 metadata, and what SGP4 reads). */
const REQUIRED = [...new Set(['OBJECT_NAME', 'OBJECT_ID', ...Object.keys(FIXED_METADATA), ...OMM_SGP4_KEYWORDS.filter((k) => !(k in DEFAULTS))])];

function recordOf(msg: Message, add: Add): OmmRecord | null {
  const missing = REQUIRED.filter((k) => !msg.seen.has(k));
  if (missing.length > 0) add(msg.line, 1, 'OMM_MISSING', `the OMM that starts here lacks ${missing.join(', ')}`);
  if (msg.bad) return null;
  const out: Record<string, string | number> = {};
  if (msg.comments.length > 0) out.COMMENT = msg.comments.join('\n');
  for (const k of OMM_SGP4_KEYWORDS) out[k] = msg.values.get(k) ?? DEFAULTS[k];
  for (const [k, v] of msg.values) {
    if (!(k in out) && !HEADER_KEYWORDS.includes(k) && !(k in FIXED_METADATA)) out[k] = v;
  }
  return out as OmmRecord;
}
