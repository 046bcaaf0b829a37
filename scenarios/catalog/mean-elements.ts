/**
 * An object's SGP4 mean elements as one OMM record: the CCSDS 502.0-B-3 keywords, spelled and valued as
 * CelesTrak's GP JSON spells them (https://celestrak.org/NORAD/documentation/gp-data-formats.php).
 * This is the one shape the picture writers (write.ts) and the KVN reader (omm-kvn.ts) exchange.
 *
 * Conventions, the same as the TLE's so a record and its TLE carry the same numbers:
 * - MEAN_MOTION is the Kozai mean motion in rev/day, as printed in TLE line 2 (not satrec.no, which
 *   sgp4init has un-Kozai'd: that is why a TLE is read from its columns here, never from a satrec).
 * - MEAN_MOTION_DOT and MEAN_MOTION_DDOT are the TLE line 1 numbers as printed: ndot/2 (rev/day^2) and
 *   nddot/6 (rev/day^3). CelesTrak's GP records carry these same halved / sixth-ed values, and
 *   satellite.js's json2satrec and twoline2satrec read them alike.
 * - EPOCH is UTC, ISO calendar form with six decimals of seconds and no 'Z', as CelesTrak writes it.
 *   A TLE epoch has 8 decimals of a day, and 1e-8 day is exactly 864 us, so TLE -> record -> TLE is exact.
 *
 * Read next: write.ts (TLE, KVN and JSON text), omm-kvn.ts (reading KVN back).
 */
import { ommFromElements } from '../../engine/physics/orbit-sources.js';
import type { MeanElementsModel, OrbitalObjectModel } from '../../engine/model.js';
import { parseNoradId } from './tle.js';

/**
 * One object's OMM record. The SGP4 keywords are always present; any further OMM keyword a reader kept
 * (COMMENT, GM, REF_FRAME_EPOCH, ...) sits under its own name. Numeric keywords hold numbers.
 */
export interface OmmRecord {
  readonly OBJECT_NAME: string;
  /** International designator, `yyyy-nnnP{PP}`, or 'UNKNOWN' (CelesTrak's word for none). */
  readonly OBJECT_ID: string;
  /** UTC, `yyyy-mm-ddThh:mm:ss.ffffff`, no 'Z'. */
  readonly EPOCH: string;
  /** Kozai mean motion, rev/day. */
  readonly MEAN_MOTION: number;
  readonly ECCENTRICITY: number;
  /** Degrees, TEME of epoch. */
  readonly INCLINATION: number;
  readonly RA_OF_ASC_NODE: number;
  readonly ARG_OF_PERICENTER: number;
  readonly MEAN_ANOMALY: number;
  /** 0: SGP4 (the only theory these records carry). */
  readonly EPHEMERIS_TYPE: number;
  /** 'U' unclassified. */
  readonly CLASSIFICATION_TYPE: string;
  readonly NORAD_CAT_ID: number;
  readonly ELEMENT_SET_NO: number;
  readonly REV_AT_EPOCH: number;
  /** SGP4 drag term B*, 1 / earth radii. */
  readonly BSTAR: number;
  /** ndot / 2, rev/day^2, as printed in TLE line 1. */
  readonly MEAN_MOTION_DOT: number;
  /** nddot / 6, rev/day^3, as printed in TLE line 1. */
  readonly MEAN_MOTION_DDOT: number;
  readonly [keyword: string]: string | number;
}

/** The SGP4 keywords of a GP record, in CelesTrak's order (the order every writer uses). */
export const OMM_SGP4_KEYWORDS = [
  'OBJECT_NAME',
  'OBJECT_ID',
  'EPOCH',
  'MEAN_MOTION',
  'ECCENTRICITY',
  'INCLINATION',
  'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER',
  'MEAN_ANOMALY',
  'EPHEMERIS_TYPE',
  'CLASSIFICATION_TYPE',
  'NORAD_CAT_ID',
  'ELEMENT_SET_NO',
  'REV_AT_EPOCH',
  'BSTAR',
  'MEAN_MOTION_DOT',
  'MEAN_MOTION_DDOT',
] as const;

/** The SGP4 keywords whose values are text; the others are numbers. */
export const OMM_TEXT_KEYWORDS: ReadonlySet<string> = new Set(['OBJECT_NAME', 'OBJECT_ID', 'EPOCH', 'CLASSIFICATION_TYPE']);

/**
 * What a caller publishes instead of the object's own identity, e.g. an uncorrelated track exported as an
 * analyst object (name 'ANALYST 80001', OBJECT_ID 'UNKNOWN', an analyst catalog number).
 */
export interface OverrideIdentity {
  readonly OBJECT_NAME?: string;
  readonly OBJECT_ID?: string;
  /** Non-negative integer. TLE output takes up to 339999 (Alpha-5); OMM takes any. */
  readonly NORAD_CAT_ID?: number;
  /** Free text, written as COMMENT lines (one per '\n'-separated line) in KVN. */
  readonly COMMENT?: string;
}

const MICROSECONDS_PER_DAY = 86_400_000_000;
/** 1e-8 day, the last digit of a TLE epoch, is exactly 864 microseconds. */
const MICROSECONDS_PER_TLE_EPOCH_DIGIT = 864;
const TLE_EPOCH_DIGITS_PER_DAY = 100_000_000;

/** A UTC instant as year, day of year (1-based) and integer microseconds of that day. */
export interface OmmEpoch {
  readonly year: number;
  readonly dayOfYear: number;
  readonly microsecondOfDay: number;
}

function epochFromDayCount(year: number, dayOfYear: number, microsecondOfDay: number): OmmEpoch {
  const carryDays = Math.floor(microsecondOfDay / MICROSECONDS_PER_DAY);
  // Date.UTC normalises day overflow into the next month / year, which carries across 31 December.
  const date = new Date(Date.UTC(year, 0, dayOfYear + carryDays));
  const y = date.getUTCFullYear();
  return { year: y, dayOfYear: Math.round((date.getTime() - Date.UTC(y, 0, 1)) / 86_400_000) + 1, microsecondOfDay: microsecondOfDay - carryDays * MICROSECONDS_PER_DAY };
}

/** The epoch of TLE line 1 (columns 19-32, `yyddd.dddddddd`; years 57-99 are 19xx, 00-56 are 20xx). */
export function epochOfTleField(field: string): OmmEpoch {
  const m = /^(\d{2})([ \d]{3})\.(\d{1,8})$/.exec(field.trim().padStart(14, ' '));
  if (!m) throw new Error(`vigil mean-elements - '${field}' is not a TLE epoch (yyddd.dddddddd)`);
  const yy = Number(m[1]);
  const digits = Number(m[3].padEnd(8, '0'));
  return { year: yy < 57 ? 2000 + yy : 1900 + yy, dayOfYear: Number(m[2]), microsecondOfDay: digits * MICROSECONDS_PER_TLE_EPOCH_DIGIT };
}

/** The TLE epoch field, `yyddd.dddddddd`, rounded to the nearest 1e-8 day. Throws outside 1957-2056. */
export function tleEpochField(epoch: OmmEpoch): string {
  let e = epoch;
  let digits = Math.round(e.microsecondOfDay / MICROSECONDS_PER_TLE_EPOCH_DIGIT);
  if (digits >= TLE_EPOCH_DIGITS_PER_DAY) {
    e = epochFromDayCount(e.year, e.dayOfYear + 1, 0);
    digits = 0;
  }
  if (e.year < 1957 || e.year > 2056) throw new Error(`vigil write - epoch year ${e.year} does not fit a TLE (1957-2056)`);
  const yy = String(e.year % 100).padStart(2, '0');
  return `${yy}${String(e.dayOfYear).padStart(3, '0')}.${String(digits).padStart(8, '0')}`;
}

/** The epoch as CelesTrak writes EPOCH: `yyyy-mm-ddThh:mm:ss.ffffff`, UTC, no 'Z'. */
export function isoOfEpoch(epoch: OmmEpoch): string {
  const date = new Date(Date.UTC(epoch.year, 0, epoch.dayOfYear));
  const us = epoch.microsecondOfDay;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const seconds = Math.floor(us / 1_000_000);
  const hms = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${hms}.${pad(us % 1_000_000, 6)}`;
}

/** The epoch of a UTC time in ms since 1970, to the microsecond. */
export function epochOfUtcMs(epochUtcMs: number): OmmEpoch {
  const date = new Date(epochUtcMs);
  const year = date.getUTCFullYear();
  const dayStartMs = Date.UTC(year, date.getUTCMonth(), date.getUTCDate());
  const dayOfYear = Math.round((dayStartMs - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return epochFromDayCount(year, dayOfYear, Math.round((epochUtcMs - dayStartMs) * 1000));
}

const CALENDAR_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z?$/;
const DAY_OF_YEAR_TIME = /^(\d{4})-(\d{3})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z?$/;

/**
 * A CCSDS time (7.5.10 of 502.0-B-3): calendar `yyyy-mm-ddThh:mm:ss[.f]` or day-of-year
 * `yyyy-dddThh:mm:ss[.f]`, with an optional 'Z'. Fractions beyond microseconds are rounded. Null when
 * the text is not one, or a field is out of range (month 13, day 366 of a common year, 25 h, ...).
 */
export function epochOfCcsdsTime(text: string): OmmEpoch | null {
  const t = text.trim();
  const cal = CALENDAR_TIME.exec(t);
  const doy = cal ? null : DAY_OF_YEAR_TIME.exec(t);
  if (!cal && !doy) return null;
  const year = Number((cal ?? doy)![1]);
  let dayOfYear: number;
  let rest: string[];
  if (cal) {
    const month = Number(cal[2]);
    const day = Number(cal[3]);
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (month < 1 || month > 12 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    dayOfYear = Math.round((ms - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
    rest = cal.slice(4);
  } else {
    dayOfYear = Number(doy![2]);
    const daysInYear = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000);
    if (dayOfYear < 1 || dayOfYear > daysInYear) return null;
    rest = doy!.slice(3);
  }
  const [h, m, s] = rest.slice(0, 3).map(Number);
  // 60 s is a leap second; SGP4 epochs are continuous, so it carries into the next minute.
  if (h > 23 || m > 59 || s > 60) return null;
  const fractionUs = rest[3] === undefined ? 0 : Math.round(Number(`0.${rest[3]}`) * 1_000_000);
  return epochFromDayCount(year, dayOfYear, ((h * 60 + m) * 60 + s) * 1_000_000 + fractionUs);
}

/** '64063C  ' (TLE line 1 columns 10-17) -> '1964-063C'; blank -> 'UNKNOWN'. */
function objectIdOfDesignator(field: string): string {
  const m = /^(\d{2})(\d{3})([A-Z]{1,3})\s*$/.exec(field);
  if (!m) return 'UNKNOWN';
  const yy = Number(m[1]);
  return `${yy < 57 ? 2000 + yy : 1900 + yy}-${m[2]}${m[3]}`;
}

/** ' 58848-3' -> 0.58848e-3: sign (or blank), five digits with an implied leading decimal point, exponent. */
function impliedExponent(field: string): number {
  const m = /^([-+ ]?)(\d{5})([-+]\d)$/.exec(field.padStart(8, ' '));
  if (!m) throw new Error(`vigil mean-elements - '${field}' is not an implied-exponent TLE field`);
  const v = Number(`${m[1] === '-' ? '-' : ''}0.${m[2]}e${m[3]}`);
  return v === 0 ? 0 : v; // -00000-0 means zero; keep records free of -0
}

function recordOfTle(line1: string, line2: string): OmmRecord {
  const norad = parseNoradId(line1.slice(2, 7));
  if (norad === null) throw new Error(`vigil mean-elements - '${line1.slice(2, 7)}' is not a NORAD catalog number`);
  const rec: OmmRecord = {
    OBJECT_NAME: '',
    OBJECT_ID: objectIdOfDesignator(line1.slice(9, 17)),
    EPOCH: isoOfEpoch(epochOfTleField(line1.slice(18, 32))),
    MEAN_MOTION: Number(line2.slice(52, 63)),
    ECCENTRICITY: Number(`0.${line2.slice(26, 33).replace(/ /g, '0')}`),
    INCLINATION: Number(line2.slice(8, 16)),
    RA_OF_ASC_NODE: Number(line2.slice(17, 25)),
    ARG_OF_PERICENTER: Number(line2.slice(34, 42)),
    MEAN_ANOMALY: Number(line2.slice(43, 51)),
    EPHEMERIS_TYPE: Number(line1[62].trim() || '0'),
    CLASSIFICATION_TYPE: line1[7].trim() || 'U',
    NORAD_CAT_ID: norad,
    ELEMENT_SET_NO: Number(line1.slice(64, 68).trim() || '0'),
    REV_AT_EPOCH: Number(line2.slice(63, 68).trim() || '0'),
    BSTAR: impliedExponent(line1.slice(53, 61)),
    MEAN_MOTION_DOT: Number(line1.slice(33, 43)),
    MEAN_MOTION_DDOT: impliedExponent(line1.slice(44, 52)),
  };
  const bad = OMM_SGP4_KEYWORDS.find((k) => !OMM_TEXT_KEYWORDS.has(k) && !Number.isFinite(rec[k]));
  // The loader checked these lines column by column (tle.ts), so a bad field here is a programmer error.
  if (bad) throw new Error(`vigil mean-elements - TLE field for ${bad} is not a number in '${line1}' / '${line2}'`);
  return rec;
}

function recordOfOmm(omm: Readonly<Record<string, string | number>>): OmmRecord {
  const num = (k: string, fallback: number) => (omm[k] === undefined || omm[k] === '' ? fallback : Number(omm[k]));
  const epoch = epochOfCcsdsTime(String(omm.EPOCH));
  if (!epoch) throw new Error(`vigil mean-elements - OMM EPOCH '${String(omm.EPOCH)}' is not a CCSDS time`);
  return {
    OBJECT_NAME: String(omm.OBJECT_NAME ?? ''),
    OBJECT_ID: String(omm.OBJECT_ID ?? 'UNKNOWN'),
    EPOCH: isoOfEpoch(epoch),
    MEAN_MOTION: num('MEAN_MOTION', NaN),
    ECCENTRICITY: num('ECCENTRICITY', NaN),
    INCLINATION: num('INCLINATION', NaN),
    RA_OF_ASC_NODE: num('RA_OF_ASC_NODE', NaN),
    ARG_OF_PERICENTER: num('ARG_OF_PERICENTER', NaN),
    MEAN_ANOMALY: num('MEAN_ANOMALY', NaN),
    EPHEMERIS_TYPE: num('EPHEMERIS_TYPE', 0),
    CLASSIFICATION_TYPE: String(omm.CLASSIFICATION_TYPE ?? 'U'),
    NORAD_CAT_ID: num('NORAD_CAT_ID', NaN),
    ELEMENT_SET_NO: num('ELEMENT_SET_NO', 999),
    REV_AT_EPOCH: num('REV_AT_EPOCH', 0),
    BSTAR: num('BSTAR', NaN),
    MEAN_MOTION_DOT: num('MEAN_MOTION_DOT', NaN),
    MEAN_MOTION_DDOT: num('MEAN_MOTION_DDOT', NaN),
  };
}

function recordOfElements(el: MeanElementsModel): OmmRecord {
  // The record engine/physics/orbit-sources.ts hands json2satrec, so the export propagates alike, with
  // the epoch written to the microsecond and the TLE parameters it leaves out.
  const omm = ommFromElements(el);
  return {
    OBJECT_NAME: '', OBJECT_ID: omm.OBJECT_ID, EPOCH: isoOfEpoch(epochOfUtcMs(el.epochMs)),
    MEAN_MOTION: omm.MEAN_MOTION, ECCENTRICITY: omm.ECCENTRICITY, INCLINATION: omm.INCLINATION, RA_OF_ASC_NODE: omm.RA_OF_ASC_NODE,
    ARG_OF_PERICENTER: omm.ARG_OF_PERICENTER, MEAN_ANOMALY: omm.MEAN_ANOMALY, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: omm.NORAD_CAT_ID, ELEMENT_SET_NO: omm.ELEMENT_SET_NO, REV_AT_EPOCH: 0, BSTAR: omm.BSTAR,
    MEAN_MOTION_DOT: omm.MEAN_MOTION_DOT, MEAN_MOTION_DDOT: omm.MEAN_MOTION_DDOT,
  } as OmmRecord;
}

/**
 * The object's SGP4 mean elements as an OMM record (keywords in CelesTrak's order; COMMENT first when
 * the identity adds one). OBJECT_NAME is the object's scenario name unless `identity` replaces it.
 * `tle` sources are read from their columns; `omm` sources are normalised (numbers, EPOCH form,
 * CelesTrak's defaults for absent TLE parameters) and keep only the SGP4 keywords; `elements` map
 * field by field with zero ndot / nddot, element set 999 and revolution 0. Only the object's name and
 * orbit are read, so a caller may pass any OrbitalObjectModel or just those two fields.
 */
export function ommRecordOf(object: Pick<OrbitalObjectModel, 'name' | 'orbit'>, identity: OverrideIdentity = {}): OmmRecord {
  const o = object.orbit;
  const base = o.kind === 'tle' ? recordOfTle(o.line1, o.line2) : o.kind === 'omm' ? recordOfOmm(o.omm) : recordOfElements(o.elements);
  const norad = identity.NORAD_CAT_ID ?? base.NORAD_CAT_ID;
  if (!Number.isSafeInteger(norad) || norad < 0) throw new Error(`vigil mean-elements - NORAD_CAT_ID must be a non-negative integer, got ${norad}`);
  const rec: OmmRecord = {
    ...base,
    OBJECT_NAME: identity.OBJECT_NAME ?? object.name,
    OBJECT_ID: identity.OBJECT_ID ?? base.OBJECT_ID,
    NORAD_CAT_ID: norad,
  };
  return identity.COMMENT === undefined ? rec : { COMMENT: identity.COMMENT, ...rec };
}
