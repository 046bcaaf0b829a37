/**
 * A picture's mean elements as text other tools read: TLE (3-line sets), CCSDS OMM in KVN, and
 * CelesTrak's GP JSON. Each writer takes OmmRecords (mean-elements.ts) and writes only the SGP4
 * keywords (OMM_SGP4_KEYWORDS, plus COMMENT in KVN); other keywords a record carries are not written.
 *
 * TLE columns follow the NORAD two-line format as CelesTrak documents it
 * (https://celestrak.org/NORAD/documentation/tle-fmt.php); OMM follows CCSDS 502.0-B-3 (ODM, April 2023)
 * section 4 and the KVN rules of its section 7.
 *
 * Read next: mean-elements.ts (the record), omm-kvn.ts (reading KVN back), omm.ts (reading JSON back).
 */
import { epochOfCcsdsTime, OMM_SGP4_KEYWORDS, tleEpochField, type OmmRecord } from './mean-elements.js';
import { tleChecksum } from './tle.js';

/** Highest catalog number TLE columns 3-7 can hold: Z9999 in the Alpha-5 scheme. */
export const TLE_NORAD_ID_MAX = 339_999;
/** Alpha-5 first characters for 10..33 (x 10 000): A-Z without I and O, which read as 1 and 0. */
const ALPHA5_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * TLE columns 3-7 for a catalog number: five digits up to 99999, then Alpha-5 (100000 = A0000,
 * 339999 = Z9999; the Space Force scheme for catalog numbers above 99999, read back by tle.ts's
 * parseNoradId). Throws above 339999: such an object has no TLE, only an OMM.
 */
export function tleCatalogField(noradId: number): string {
  if (!Number.isInteger(noradId) || noradId < 0 || noradId > TLE_NORAD_ID_MAX) {
    throw new Error(`vigil write - NORAD catalog number ${noradId} does not fit a TLE (0-${TLE_NORAD_ID_MAX}, Alpha-5 above 99999); export this object as OMM`);
  }
  if (noradId <= 99_999) return String(noradId).padStart(5, '0');
  return `${ALPHA5_LETTERS[Math.floor(noradId / 10_000) - 10]}${String(noradId % 10_000).padStart(4, '0')}`;
}

/** '1998-067A' -> '98067A  ' (columns 10-17); 'UNKNOWN', analyst ids and years outside 1957-2056 -> blank. */
function designatorField(objectId: string): string {
  const m = /^(\d{4})-(\d{3})([A-Z]{1,3})$/.exec(objectId.trim());
  if (!m || Number(m[1]) < 1957 || Number(m[1]) > 2056) return ' '.repeat(8);
  return `${m[1].slice(2)}${m[2]}${m[3]}`.padEnd(8, ' ');
}

/** Columns 34-43: ndot/2 as ' .00000586' / '-.00002182' (sign or blank, no leading zero, 10 wide). */
function firstDerivativeField(value: number): string {
  const sign = value < 0 ? '-' : ' ';
  for (let decimals = 8; decimals >= 0; decimals--) {
    const body = Math.abs(value).toFixed(decimals).replace(/^0\./, '.');
    if (body.length <= 9) return `${sign}${body}`.padStart(10, ' ');
  }
  throw new Error(`vigil write - MEAN_MOTION_DOT ${value} does not fit TLE columns 34-43`);
}

/**
 * Columns 45-52 (nddot/6) and 54-61 (B*): sign or blank, five digits with an implied leading decimal
 * point, signed one-digit exponent: 0.00058848 -> ' 58848-3'. Zero is ' 00000+0' as CelesTrak writes it;
 * magnitudes below 1e-10 underflow to it (they would need a two-digit exponent).
 */
function impliedExponentField(value: number, keyword: string): string {
  if (value === 0) return ' 00000+0';
  const [mantissa, exp] = Math.abs(value).toExponential(4).split('e');
  const exponent = Number(exp) + 1; // 5.8848e-4 = 0.58848e-3
  if (exponent < -9) return ' 00000+0';
  if (exponent > 9) throw new Error(`vigil write - ${keyword} ${value} does not fit a TLE implied-exponent field`);
  return `${value < 0 ? '-' : ' '}${mantissa.replace('.', '')}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

function fixed(value: number, decimals: number, width: number, keyword: string): string {
  const s = value.toFixed(decimals);
  if (s.length > width) throw new Error(`vigil write - ${keyword} ${value} does not fit ${width} TLE columns`);
  return s.padStart(width, ' ');
}

function integerField(value: number, width: number, keyword: string): string {
  const s = String(value);
  if (!Number.isInteger(value) || value < 0 || s.length > width) throw new Error(`vigil write - ${keyword} ${value} does not fit ${width} TLE columns`);
  return s.padStart(width, ' ');
}

function withChecksum(line68: string): string {
  return `${line68}${tleChecksum(line68)}`;
}

/**
 * The record as a 3-line element set: the name line (OBJECT_NAME as is), then lines 1 and 2, 69 columns
 * each with their mod-10 checksums. Rounds to the TLE's precision (angles 4 decimals, eccentricity 7,
 * mean motion 8, epoch 1e-8 day, B* and nddot/6 five significant digits). REV_AT_EPOCH is written
 * modulo 100000, as the 5-column field wraps. Throws on values the columns cannot hold (catalog number
 * above 339999, epoch outside 1957-2056, eccentricity >= 1, ...).
 */
export function toTle(record: OmmRecord): [line0: string, line1: string, line2: string] {
  const epoch = epochOfCcsdsTime(String(record.EPOCH));
  if (!epoch) throw new Error(`vigil write - EPOCH '${String(record.EPOCH)}' of ${record.OBJECT_NAME} is not a CCSDS time`);
  const catalog = tleCatalogField(Number(record.NORAD_CAT_ID));
  const classification = String(record.CLASSIFICATION_TYPE || 'U').slice(0, 1);
  const ecc = Number(record.ECCENTRICITY);
  const eccText = ecc.toFixed(7);
  if (!(ecc >= 0) || !eccText.startsWith('0.')) throw new Error(`vigil write - ECCENTRICITY ${ecc} of ${record.OBJECT_NAME} does not fit TLE columns 27-33 (0 to 0.9999999)`);
  const line1 = [
    `1 ${catalog}${classification} ${designatorField(String(record.OBJECT_ID))} ${tleEpochField(epoch)}`,
    firstDerivativeField(Number(record.MEAN_MOTION_DOT)),
    impliedExponentField(Number(record.MEAN_MOTION_DDOT), 'MEAN_MOTION_DDOT'),
    impliedExponentField(Number(record.BSTAR), 'BSTAR'),
    `${integerField(Number(record.EPHEMERIS_TYPE), 1, 'EPHEMERIS_TYPE')} ${integerField(Number(record.ELEMENT_SET_NO), 4, 'ELEMENT_SET_NO')}`,
  ].join(' ');
  const line2 = [
    `2 ${catalog}`,
    fixed(Number(record.INCLINATION), 4, 8, 'INCLINATION'),
    fixed(Number(record.RA_OF_ASC_NODE), 4, 8, 'RA_OF_ASC_NODE'),
    eccText.slice(2),
    fixed(Number(record.ARG_OF_PERICENTER), 4, 8, 'ARG_OF_PERICENTER'),
    fixed(Number(record.MEAN_ANOMALY), 4, 8, 'MEAN_ANOMALY'),
    `${fixed(Number(record.MEAN_MOTION), 8, 11, 'MEAN_MOTION')}${integerField(Number(record.REV_AT_EPOCH) % 100_000, 5, 'REV_AT_EPOCH')}`,
  ].join(' ');
  return [String(record.OBJECT_NAME), withChecksum(line1), withChecksum(line2)];
}

/** Integer-valued keywords: written without a decimal point. */
const INTEGER_KEYWORDS: ReadonlySet<string> = new Set(['EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH']);

/**
 * A KVN number: the shortest text that reads back as the same double (so write -> read is exact), with
 * a digit on both sides of the decimal point (502.0-B-3 7.5.6; CelesTrak's '.0006703' is not) and 'E'
 * before an exponent: 0 -> '0.0', 1e-7 -> '1.0E-7', 0.00058848 -> '0.00058848'.
 */
export function kvnNumber(value: number, keyword: string): string {
  if (!Number.isFinite(value)) throw new Error(`vigil write - ${keyword} is ${value}, not a number`);
  if (INTEGER_KEYWORDS.has(keyword) && Number.isInteger(value)) return String(value);
  const [mantissa, exponent] = String(value).split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? m : `${m}E${exponent}`;
}

/** KVN values are one line of text: line breaks in a name would start a new (bogus) keyword line. */
function kvnText(value: string | number): string {
  return String(value).replace(/[\r\n]+/g, ' ').trim();
}

/** The header of every OMM written. */
export interface OmmKvnHeader {
  /** Who made the message (ORIGINATOR), e.g. 'VIGIL BLUE CELL'. */
  readonly originator: string;
  /** CREATION_DATE, a CCSDS UTC time (calendar or day-of-year form), e.g. '2026-03-19T12:00:00'. */
  readonly creationDateUtc: string;
  /** Header COMMENT lines, written after CCSDS_OMM_VERS as 502.0-B-3 table 4-1 places them. */
  readonly comment?: readonly string[];
}

const MEAN_ELEMENT_KEYWORDS = ['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY'] as const;
const TLE_PARAMETER_KEYWORDS = ['EPHEMERIS_TYPE', 'CLASSIFICATION_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT'] as const;
/** Keyword column width: the longest keyword written (MEAN_ELEMENT_THEORY), so the '=' signs line up. */
const KEYWORD_WIDTH = 'MEAN_ELEMENT_THEORY'.length;

function kvnLine(keyword: string, value: string): string {
  return `${keyword.padEnd(KEYWORD_WIDTH, ' ')} = ${value}`;
}

function kvnValue(record: OmmRecord, keyword: string): string {
  const v = record[keyword];
  if (v === undefined) throw new Error(`vigil write - record ${record.OBJECT_NAME} has no ${keyword}`);
  return typeof v === 'number' ? kvnNumber(v, keyword) : kvnText(v);
}

function kvnMessage(record: OmmRecord, header: OmmKvnHeader): string {
  const comments = (text: string | number | undefined) => (text === undefined ? [] : String(text).split(/\r?\n/).map((c) => `COMMENT ${c}`.trimEnd()));
  return [
    kvnLine('CCSDS_OMM_VERS', '2.0'),
    ...(header.comment ?? []).flatMap((c) => comments(c)),
    kvnLine('CREATION_DATE', kvnText(header.creationDateUtc)),
    kvnLine('ORIGINATOR', kvnText(header.originator)),
    '',
    ...comments(record.COMMENT as string | undefined),
    kvnLine('OBJECT_NAME', kvnValue(record, 'OBJECT_NAME')),
    kvnLine('OBJECT_ID', kvnValue(record, 'OBJECT_ID')),
    kvnLine('CENTER_NAME', 'EARTH'),
    kvnLine('REF_FRAME', 'TEME'),
    kvnLine('TIME_SYSTEM', 'UTC'),
    kvnLine('MEAN_ELEMENT_THEORY', 'SGP4'),
    '',
    ...MEAN_ELEMENT_KEYWORDS.map((k) => kvnLine(k, kvnValue(record, k))),
    '',
    ...TLE_PARAMETER_KEYWORDS.map((k) => kvnLine(k, kvnValue(record, k))),
  ].join('\n');
}

/**
 * CCSDS OMM in KVN, version 2.0 (the version CelesTrak and Space-Track write; every keyword used is
 * also valid in 3.0). An OMM describes one object (502.0-B-3 1.1 note), so several objects are written
 * as several complete OMMs, each with its own header, one after another with a blank line between:
 * what CelesTrak's FORMAT=KVN does, and what omm-kvn.ts reads. Each message: header, metadata
 * (COMMENT lines of the record first, then OBJECT_NAME, OBJECT_ID, EARTH / TEME / UTC / SGP4), mean
 * elements, TLE parameters. Throws when the creation date is not a CCSDS time.
 */
export function toOmmKvn(records: readonly OmmRecord[], header: OmmKvnHeader): string {
  if (!epochOfCcsdsTime(header.creationDateUtc)) throw new Error(`vigil write - CREATION_DATE '${header.creationDateUtc}' is not a CCSDS time (yyyy-mm-ddThh:mm:ss[.f])`);
  return records.map((r) => `${kvnMessage(r, header)}\n`).join('\n');
}

/**
 * CelesTrak's GP JSON: an array of flat records with the SGP4 keywords (numbers as numbers, EPOCH
 * without 'Z'), the input scenarios/catalog/omm.ts reads. One record per line, so a reader's line
 * numbers name the record. COMMENT is not written (CelesTrak's JSON has none).
 */
export function toOmmJson(records: readonly OmmRecord[], extraKeys: readonly string[] = []): string {
  const lines = records.map((r) => {
    const out: Record<string, string | number> = {};
    for (const k of OMM_SGP4_KEYWORDS) {
      const v = r[k];
      if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) throw new Error(`vigil write - record ${r.OBJECT_NAME} has no usable ${k}`);
      out[k] = v;
    }
    // Keys beyond the SGP4 set the caller asks for (an exercise marking, a comment); readers ignore them.
    for (const k of extraKeys) if (r[k] !== undefined) out[k] = r[k];
    return JSON.stringify(out);
  });
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
