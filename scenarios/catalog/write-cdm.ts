/**
 * A conjunction as a CCSDS Conjunction Data Message (CDM) in KVN: CCSDS 508.0-B-1 (Blue Book, June 2013,
 * with Technical Corrigenda 1 (2018) and 2 (2021)), format version 1.0. Keywords and their order are those
 * of tables 3-1 (header), 3-2 (relative metadata/data), 3-3 (metadata) and 3-4 (data); 6.3.1.9 fixes the
 * order. Only obligatory keywords and the optional ones Vigil has values for are written.
 *
 * Decisions, each with its reason:
 * - One CDM per file. A CDM holds "CA data for a single conjunction event" (3.1.2) and "the first header
 *   line must be the first non-blank line in the file" (6.3.1.2), so several conjunctions are several
 *   files: toCdmKvnMany returns { fileName, text } per message, not one concatenated text.
 * - REF_FRAME = ITRF. Table 3-3 allows only GCRF, EME2000 and ITRF; SGP4 gives TEME. Vigil's one frame
 *   conversion (engine/physics/frames.ts) goes TEME -> PEF by GMST (IAU-82) with UTC for UT1, and no
 *   polar motion: PEF is written as ITRF, off by a rotation of at most ~0.5" (~17 m at LEO radius,
 *   ~100 m at GEO), well under SGP4's own error (~1 km). Velocity in the rotating frame subtracts omega x r.
 * - The relative state (table 3-2) is the inertial (TEME) difference object2 - object1, in object1's
 *   RTN frame built from its TEME state: R along r1, N along r1 x v1 (the inertial orbit normal annex E1
 *   asks for), T = N x R. Positions do not depend on the frame; the ITRF velocity difference would
 *   differ by omega x dr, 0.073 m/s per km of miss distance, so the inertial difference is the one
 *   written (and said so in a COMMENT).
 * - MISS_DISTANCE is the norm of that relative position (its definition in table 3-2); the input's
 *   missKm is checked against it (within MISS_CONSISTENCY_KM) and never written on its own, so the
 *   message cannot contradict itself.
 * - Covariance: Vigil carries one isotropic 1-sigma position uncertainty, so CR_R = CT_T = CN_N =
 *   sigma^2 and every other term of the 21 obligatory ones is 0; COVARIANCE_METHOD = DEFAULT (assumed,
 *   not from an OD). Velocity variances of zero mean, by 5.2.8, that the velocity rows and columns are
 *   to be discounted: a position-only covariance, which a COMMENT states.
 * - 508.0-B-1 has no CLASSIFICATION keyword (that is CDM 2.0): a classification goes in a header COMMENT.
 * - The exercise marking is the first COMMENT (header, right after CCSDS_CDM_VERS: nothing may precede
 *   that line, 6.3.1.2) and the last one. Comments may only open a block (6.2.5.2), so the last place
 *   one may stand is the head of OBJECT2's covariance block: it is that block's last COMMENT, 21 lines
 *   (CR_R .. CNDOT_NDOT) before the end.
 * - The hard-body radius has no keyword in 508.0-B-1: a relative-block COMMENT 'HBR = r [m]' carries it.
 * - Objects without a NORAD number have no SATCAT entry: OBJECT_DESIGNATOR is their scenario id and
 *   CATALOG_NAME is VIGIL_CATALOG_NAME (not a SANA-registered catalog; 'should', not 'shall', in 3-3).
 *   Their '.' and ':' become '-', as 5.2.9 allows only letters, digits, '_' and '-' there.
 *
 * Read next: write.ts (the OMM/TLE writers), engine/physics/frames.ts (TEME -> PEF),
 * engine/physics/collision-probability.ts (Foster's Pc, which COLLISION_PROBABILITY usually comes from).
 */
import { gmstRad, temeToEcef, type Vec3 } from '../../engine/physics/frames.js';
import { jdFromMs } from '../../engine/time.js';

/** One object of the conjunction, as the engine knows it at TCA. */
export interface CdmObjectInput {
  /** Scenario id: OBJECT_DESIGNATOR when there is no NORAD number ('.' and ':' written as '-'). */
  id: string;
  name: string;
  noradId: number | null;
  /** 'YYYY-NNNP{PP}' (COSPAR); null or any other form is written as UNKNOWN. */
  internationalDesignator: string | null;
  /** TEME state at TCA */
  posTemeKm: [number, number, number];
  velTemeKmps: [number, number, number];
  /** 1-sigma position uncertainty, km, isotropic */
  sigmaKm: number;
  maneuverable: 'YES' | 'NO' | 'N/A';
}

/** One conjunction: what one CDM says. */
export interface CdmInput {
  /** exercise marking: goes in COMMENT lines at top and bottom */
  marking: string;
  /** ORIGINATOR: letters, digits, '_', '-' (5.2.9); blanks are written as '_' (equal by 6.3.2.5). */
  originator: string;
  /** MESSAGE_FOR (optional in table 3-1): an empty string leaves it out. */
  messageFor: string;
  /** MESSAGE_ID, unique per originator: letters, digits, '_', '-'. Also names the file. */
  messageId: string;
  creationUtcMs: number;
  tcaUtcMs: number;
  /** Miss distance, km: checked against |r2 - r1|, which is what is written. */
  missKm: number;
  /** Collision probability, 0 <= pc <= 1. */
  pc: number;
  /** COLLISION_PROBABILITY_METHOD, e.g. 'FOSTER-1992' (annex E1 lists the SANA-registered names). */
  pcMethod: string;
  /** Combined hard-body radius the Pc used, m (a COMMENT: no keyword for it in 508.0-B-1). */
  hardBodyRadiusM: number;
  object1: CdmObjectInput;
  object2: CdmObjectInput;
  /** Written as a header COMMENT 'CLASSIFICATION: ...' (508.0-B-1 has no keyword for it). */
  classification?: string;
}

/** One message as one file. */
export interface CdmFile {
  /** `${MESSAGE_ID}.cdm`: MESSAGE_ID is letters, digits, '_' and '-' only, safe on every file system. */
  readonly fileName: string;
  readonly text: string;
}

/** CCSDS_CDM_VERS of 508.0-B-1. */
export const CDM_VERSION = '1.0';
/** CATALOG_NAME for objects without a NORAD number (Vigil's own scenario catalog; not SANA-registered). */
export const VIGIL_CATALOG_NAME = 'VIGIL';
/** How far missKm may sit from |r2 - r1| before the input is refused: 1 m, far above rounding. */
export const MISS_CONSISTENCY_KM = 1e-3;
/**
 * Earth rotation rate, rad/s, as Vallado's teme2ecef uses with GMST IAU-82 (AIAA 2006-6753, appendix C:
 * 7.29211514670698e-5 (1 - LOD/86400), LOD taken as 0).
 */
export const EARTH_ROTATION_RAD_PER_S = 7.29211514670698e-5;

/** 6.2.2.1: no line longer than this. */
const LINE_CHARS_MAX = 254;
/** Keyword column: the longest keyword written, so the '=' signs line up. */
const KEYWORD_WIDTH = 'COLLISION_PROBABILITY_METHOD'.length;
const COMMENT_TEXT_CHARS_MAX = LINE_CHARS_MAX - 'COMMENT '.length;
/** Covariance and Pc: significant digits after the first (6.3.2.3 allows at most 16 mantissa digits). */
const EXPONENT_DECIMALS = 9;
/** 6.3.2.2: fixed-point values have at most 16 digits. */
const FIXED_DIGITS_MAX = 16;
const M_PER_KM = 1000;

type Vec = readonly [number, number, number];

function fail(message: string): never {
  throw new Error(`vigil cdm - ${message}`);
}

function finite(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} is ${String(value)}, not a finite number`);
  return value;
}

// ---- values ------------------------------------------------------------------------------------------

/** Fixed-point (6.3.2.2): at least one digit each side of the point, at most 16 digits; -0 is 0. */
function fixed(value: number, decimals: number, keyword: string): string {
  const s = value.toFixed(decimals);
  const text = Number(s) === 0 ? (0).toFixed(decimals) : s;
  if (!/^-?\d+\.\d+$/.test(text) || text.replace(/\D/g, '').length > FIXED_DIGITS_MAX) {
    fail(`${keyword} ${value} does not fit a ${FIXED_DIGITS_MAX}-digit fixed-point KVN value (508.0-B-1 6.3.2.2)`);
  }
  return text;
}

/** Floating point (6.3.2.3): 'd.dddddddddE+nn', the point second; zero is '0.0'. */
function floating(value: number): string {
  if (value === 0) return '0.0';
  const [mantissa, exp] = value.toExponential(EXPONENT_DECIMALS).split('e');
  const e = Number(exp);
  return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** CCSDS ASCII time code A without 'Z' (6.3.2.6): 'YYYY-MM-DDThh:mm:ss.sss', UTC. */
export function cdmTime(utcMs: number, keyword: string): string {
  const text = new Date(Math.round(finite(utcMs, keyword))).toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) fail(`${keyword} ${utcMs} ms is outside years 0000-9999`);
  return text.slice(0, -1);
}

/**
 * A text value: one line of printable ASCII (6.2.2.2), upper case (6.2.3.3), blanks collapsed (they are
 * equal, 6.3.2.5). Accents are dropped ('É' -> 'E'); other characters outside ASCII become blanks.
 */
function text(value: string, keyword: string): string {
  const t = String(value).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, ' ').replace(/ +/g, ' ').trim().toUpperCase();
  if (t === '') fail(`${keyword} is empty; 508.0-B-1 6.2.3.1 wants a value`);
  return t;
}

/** 5.2.9 values (ORIGINATOR, MESSAGE_ID, OBJECT_DESIGNATOR, CATALOG_NAME): letters, digits, '_', '-'. */
function identifier(value: string, keyword: string): string {
  const t = text(value, keyword).replace(/ /g, '_');
  if (!/^[A-Z0-9_-]+$/.test(t)) fail(`${keyword} '${value}' may hold only letters, digits, '_' and '-' (508.0-B-1 5.2.9)`);
  return t;
}

/** 'YYYY-NNNP{PP}' (table 3-3), else UNKNOWN as the table says for objects without one. */
function internationalDesignator(value: string | null): string {
  const t = (value ?? '').trim().toUpperCase();
  return /^\d{4}-\d{3}[A-Z]{1,3}$/.test(t) ? t : 'UNKNOWN';
}

// ---- geometry ----------------------------------------------------------------------------------------

const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];

/** Sine of the angle between r and v below which object1 has no orbit plane to speak of. */
const ORBIT_PLANE_SINE_MIN = 1e-9;

/** Object1's RTN axes (annex E1) from its inertial state: R = r/|r|, N = (r x v)/|r x v|, T = N x R. */
function rtnAxes(posKm: Vec, velKmps: Vec): { r: Vec; t: Vec; n: Vec } {
  const rNorm = norm(posKm);
  const vNorm = norm(velKmps);
  // Unit vectors first, so tiny (even subnormal) inputs cannot underflow the cross product.
  const r = scale(posKm, 1 / rNorm);
  const h = cross(r, scale(velKmps, 1 / vNorm));
  const hNorm = norm(h);
  if (!(rNorm > 0 && vNorm > 0 && hNorm > ORBIT_PLANE_SINE_MIN)) fail('object1 has no orbit plane (position or velocity zero, or velocity along the position): RTN is undefined');
  const n = scale(h, 1 / hNorm);
  return { r, t: cross(n, r), n };
}

function inRtn(v: Vec, axes: { r: Vec; t: Vec; n: Vec }): Vec {
  return [dot(v, axes.r), dot(v, axes.t), dot(v, axes.n)];
}

/**
 * TEME -> ITRF (as PEF, see the top comment) at TCA: r' = R3(gmst) r, v' = R3(gmst) v - omega x r'.
 * The omega x r' term is the rotating frame's own motion: without it a GEO satellite would not sit still.
 */
export function temeToItrfState(posTemeKm: Vec, velTemeKmps: Vec, utcMs: number): { posKm: Vec; velKmps: Vec } {
  const gmst = gmstRad(jdFromMs(utcMs));
  const toVec = (a: Vec): Vec3 => ({ x: a[0], y: a[1], z: a[2] });
  const p = temeToEcef(toVec(posTemeKm), gmst);
  const v = temeToEcef(toVec(velTemeKmps), gmst);
  const w = EARTH_ROTATION_RAD_PER_S;
  return { posKm: [p.x, p.y, p.z], velKmps: [v.x + w * p.y, v.y - w * p.x, v.z] };
}

// ---- lines -------------------------------------------------------------------------------------------

function line(keyword: string, value: string, units?: string): string {
  return `${keyword.padEnd(KEYWORD_WIDTH, ' ')} = ${value}${units === undefined ? '' : ` [${units}]`}`;
}

/**
 * COMMENT lines (6.3.4) of printable ASCII: one per line of `value`, kept as is when it fits 254
 * characters (white space in comments is significant), else wrapped at blanks (long words cut).
 */
function comments(value: string): string[] {
  const out: string[] = [];
  for (const paragraph of String(value).replace(/[^\x20-\x7e\r\n]/g, ' ').split(/\r\n|\r|\n/)) {
    if (paragraph.length <= COMMENT_TEXT_CHARS_MAX) {
      out.push(paragraph);
      continue;
    }
    const words = paragraph.split(' ').filter((w) => w !== '').flatMap((w) => w.match(new RegExp(`.{1,${COMMENT_TEXT_CHARS_MAX}}`, 'g')) ?? []);
    let current = '';
    for (const w of words) {
      if (current === '') current = w;
      else if (current.length + 1 + w.length <= COMMENT_TEXT_CHARS_MAX) current = `${current} ${w}`;
      else {
        out.push(current);
        current = w;
      }
    }
    out.push(current);
  }
  return out.map((c) => `COMMENT ${c}`.trimEnd());
}

function checkObject(o: CdmObjectInput, which: string): void {
  if (o === null || typeof o !== 'object') fail(`${which} is missing`);
  for (const key of ['posTemeKm', 'velTemeKmps'] as const) {
    if (!Array.isArray(o[key]) || o[key].length !== 3) fail(`${which}.${key} is not three numbers`);
    o[key].forEach((c, i) => finite(c, `${which}.${key}[${i}]`));
  }
  if (!(finite(o.sigmaKm, `${which}.sigmaKm`) > 0)) fail(`${which}.sigmaKm is ${o.sigmaKm}; a 1-sigma uncertainty must be above 0 (a zero variance voids its row, 5.2.8)`);
  if (o.noradId !== null && !(Number.isInteger(o.noradId) && o.noradId > 0)) fail(`${which}.noradId is ${o.noradId}, not a positive integer or null`);
  if (!['YES', 'NO', 'N/A'].includes(o.maneuverable)) fail(`${which}.maneuverable is '${o.maneuverable}', not YES, NO or N/A (table 3-3)`);
}

function checkInput(input: CdmInput): void {
  checkObject(input.object1, 'object1');
  checkObject(input.object2, 'object2');
  cdmTime(input.creationUtcMs, 'CREATION_DATE');
  cdmTime(input.tcaUtcMs, 'TCA');
  finite(input.missKm, 'missKm');
  const pc = finite(input.pc, 'pc');
  if (pc < 0 || pc > 1) fail(`pc is ${pc}; a probability is within [0, 1] (table 3-2)`);
  if (!(finite(input.hardBodyRadiusM, 'hardBodyRadiusM') > 0)) fail(`hardBodyRadiusM is ${input.hardBodyRadiusM}; it must be above 0`);
  if (input.object1.id === input.object2.id) fail(`object1 and object2 are the same object '${input.object1.id}'`);
}

function objectLines(o: CdmObjectInput, which: 'OBJECT1' | 'OBJECT2', tcaUtcMs: number, bottomMarking: string[]): string[] {
  const itrf = temeToItrfState(o.posTemeKm, o.velTemeKmps, tcaUtcMs);
  const varianceM2 = floating((o.sigmaKm * M_PER_KM) ** 2);
  // Scenario ids may hold '.' and ':' (schema-common.ts Id), which 5.2.9 does not allow: written as '-'.
  const designator = o.noradId === null ? identifier(o.id.replace(/[.:]/g, '-'), `${which} OBJECT_DESIGNATOR (id)`) : String(o.noradId);
  // Table 3-4, rows 1-6 of the covariance, lower triangle row by row (5.2.7), with their units.
  const covariance: [string, string, string][] = [
    ['CR_R', varianceM2, 'm**2'],
    ['CT_R', '0.0', 'm**2'], ['CT_T', varianceM2, 'm**2'],
    ['CN_R', '0.0', 'm**2'], ['CN_T', '0.0', 'm**2'], ['CN_N', varianceM2, 'm**2'],
    ...['CRDOT', 'CTDOT', 'CNDOT'].flatMap((row, i): [string, string, string][] => [
      ...['R', 'T', 'N'].map((col): [string, string, string] => [`${row}_${col}`, '0.0', 'm**2/s']),
      ...['RDOT', 'TDOT', 'NDOT'].slice(0, i + 1).map((col): [string, string, string] => [`${row}_${col}`, '0.0', 'm**2/s**2']),
    ]),
  ];
  const [x, y, z] = itrf.posKm.map((c, i) => fixed(c, 6, `${which} ${'XYZ'[i]}`));
  const [vx, vy, vz] = itrf.velKmps.map((c, i) => fixed(c, 9, `${which} ${'XYZ'[i]}_DOT`));
  return [
    '',
    line('OBJECT', which),
    line('OBJECT_DESIGNATOR', designator),
    line('CATALOG_NAME', o.noradId === null ? VIGIL_CATALOG_NAME : 'SATCAT'),
    line('OBJECT_NAME', text(o.name, `${which} OBJECT_NAME`)),
    line('INTERNATIONAL_DESIGNATOR', internationalDesignator(o.internationalDesignator)),
    line('EPHEMERIS_NAME', 'NONE'),
    line('COVARIANCE_METHOD', 'DEFAULT'),
    line('MANEUVERABLE', o.maneuverable),
    line('REF_FRAME', 'ITRF'),
    '',
    ...comments('State at TCA: TEME rotated by GMST (IAU-82, UTC for UT1), no polar motion (PEF as ITRF)'),
    line('X', x, 'km'),
    line('Y', y, 'km'),
    line('Z', z, 'km'),
    line('X_DOT', vx, 'km/s'),
    line('Y_DOT', vy, 'km/s'),
    line('Z_DOT', vz, 'km/s'),
    '',
    ...comments(`Position-only covariance: isotropic 1-sigma ${fixed(o.sigmaKm * M_PER_KM, 3, 'sigma')} m assumed; velocity terms zero (rows discounted, 508.0-B-1 5.2.8)`),
    ...bottomMarking,
    ...covariance.map(([k, v, u]) => line(k, v, u)),
  ];
}

/**
 * One conjunction as a CDM in KVN (508.0-B-1): header, relative metadata/data, then metadata and data for
 * OBJECT1 and OBJECT2. Lines end with '\n' (6.2.2.4). Throws 'vigil cdm - ...' on input it cannot write
 * faithfully: non-finite numbers, pc outside [0, 1], a miss distance the states contradict, an object1
 * state with no orbit plane, identifiers with characters 5.2.9 forbids, a line over 254 characters.
 */
export function toCdmKvn(input: CdmInput): string {
  checkInput(input);
  const o1 = input.object1;
  const o2 = input.object2;
  const drKm = sub(o2.posTemeKm, o1.posTemeKm);
  const dvKmps = sub(o2.velTemeKmps, o1.velTemeKmps);
  const missKm = norm(drKm);
  if (Math.abs(missKm - input.missKm) > MISS_CONSISTENCY_KM) {
    fail(`missKm ${input.missKm} disagrees with the states at TCA (|r2 - r1| = ${missKm} km): pass both from the same instant`);
  }
  const axes = rtnAxes(o1.posTemeKm, o1.velTemeKmps);
  const [pr, pt, pn] = inRtn(drKm, axes).map((c) => fixed(c * M_PER_KM, 3, 'RELATIVE_POSITION'));
  const [vr, vt, vn] = inRtn(dvKmps, axes).map((c) => fixed(c * M_PER_KM, 6, 'RELATIVE_VELOCITY'));
  const marking = comments(input.marking);
  const messageFor = (input.messageFor ?? '').trim() === '' ? [] : [line('MESSAGE_FOR', text(input.messageFor, 'MESSAGE_FOR'))];
  const lines = [
    line('CCSDS_CDM_VERS', CDM_VERSION),
    ...marking,
    ...(input.classification === undefined || input.classification.trim() === '' ? [] : comments(`CLASSIFICATION: ${input.classification}`)),
    line('CREATION_DATE', cdmTime(input.creationUtcMs, 'CREATION_DATE')),
    line('ORIGINATOR', identifier(input.originator, 'ORIGINATOR')),
    ...messageFor,
    line('MESSAGE_ID', identifier(input.messageId, 'MESSAGE_ID')),
    '',
    ...comments(`HBR = ${fixed(input.hardBodyRadiusM, 3, 'hardBodyRadiusM')} [m] (combined hard-body radius used for COLLISION_PROBABILITY)`),
    ...comments('Relative state: object2 - object1, inertial (TEME) difference, in object1 RTN (R radial, N orbit normal, T = N x R)'),
    line('TCA', cdmTime(input.tcaUtcMs, 'TCA')),
    line('MISS_DISTANCE', fixed(missKm * M_PER_KM, 3, 'MISS_DISTANCE'), 'm'),
    line('RELATIVE_SPEED', fixed(norm(dvKmps) * M_PER_KM, 6, 'RELATIVE_SPEED'), 'm/s'),
    line('RELATIVE_POSITION_R', pr, 'm'),
    line('RELATIVE_POSITION_T', pt, 'm'),
    line('RELATIVE_POSITION_N', pn, 'm'),
    line('RELATIVE_VELOCITY_R', vr, 'm/s'),
    line('RELATIVE_VELOCITY_T', vt, 'm/s'),
    line('RELATIVE_VELOCITY_N', vn, 'm/s'),
    line('COLLISION_PROBABILITY', floating(input.pc)),
    line('COLLISION_PROBABILITY_METHOD', text(input.pcMethod, 'COLLISION_PROBABILITY_METHOD')),
    ...objectLines(o1, 'OBJECT1', input.tcaUtcMs, []),
    ...objectLines(o2, 'OBJECT2', input.tcaUtcMs, marking),
  ];
  lines.forEach((l, i) => {
    if (l.length > LINE_CHARS_MAX) fail(`line ${i + 1} is ${l.length} characters; 508.0-B-1 6.2.2.1 allows ${LINE_CHARS_MAX}: '${l.slice(0, 40)}...'`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Several conjunctions: one CDM file each (3.1.2, 6.3.1.2), named `${MESSAGE_ID}.cdm`, in input order.
 * Throws when two messages share a MESSAGE_ID (compared as written, upper case): their files would
 * overwrite each other, and an ID must identify one message (table 3-1).
 */
export function toCdmKvnMany(inputs: readonly CdmInput[]): CdmFile[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const id = identifier(input.messageId, 'MESSAGE_ID');
    if (seen.has(id)) fail(`MESSAGE_ID ${id} is used by two messages; each CDM needs its own`);
    seen.add(id);
    return { fileName: `${id}.cdm`, text: toCdmKvn(input) };
  });
}
