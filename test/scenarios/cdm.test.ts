/**
 * The CDM writer (scenarios/catalog/write-cdm.ts) against CCSDS 508.0-B-1, Conjunction Data Message
 * (Blue Book, June 2013, as amended by Technical Corrigenda 1 and 2): the keyword lists, their order and
 * units are typed here from tables 3-1 (header), 3-2 (relative metadata/data), 3-3 (metadata) and 3-4
 * (data), with 6.3.1.9 (fixed order), 6.2.4.1 and 6.3.3 (units, in brackets), 6.2.2.1 (254 characters).
 * The worked example's relative state is computed by hand below; the GMST direction is checked against
 * Vallado, Fundamentals of Astrodynamics and Applications (4th ed.), Example 3-5.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCdmKvn, toCdmKvnMany, type CdmInput, type CdmObjectInput } from '../../scenarios/catalog/write-cdm.js';
import { testSeed } from '../helpers.js';

/** Half the last written digit: relative positions and MISS_DISTANCE are written to the millimetre. */
const HALF_MM_M = 5e-4;
/** Relative velocities are written to the micrometre per second. */
const HALF_UM_PER_S_MPS = 5e-7;
/** ITRF positions are written to the millimetre (6 decimals of km). */
const HALF_MM_KM = 5e-7;
/** ITRF velocities are written to 1e-9 km/s. */
const HALF_NANO_KMPS = 5e-10;
/** Earth rotation rate, IERS nominal (rad/s): differs from Vallado's 7.2921151467e-5 by 7e-12. */
const OMEGA_EARTH_IERS_RAD_PER_S = 7.292115e-5;

const S = Math.SQRT1_2;

type Status = 'M' | 'O';
interface Row {
  keyword: string;
  status: Status;
  /** Units of the table's Units column; undefined for 'n/a'. */
  units?: string;
}
const row = (keyword: string, status: Status, units?: string): Row => ({ keyword, status, units });

/** Table 3-1, CDM KVN Header. */
const TABLE_3_1: Row[] = [
  row('CCSDS_CDM_VERS', 'M'), row('COMMENT', 'O'), row('CREATION_DATE', 'M'), row('ORIGINATOR', 'M'),
  row('MESSAGE_FOR', 'O'), row('MESSAGE_ID', 'M'),
];
/** Table 3-2, CDM KVN Relative Metadata/Data. */
const TABLE_3_2: Row[] = [
  row('COMMENT', 'O'), row('TCA', 'M'), row('MISS_DISTANCE', 'M', 'm'), row('RELATIVE_SPEED', 'O', 'm/s'),
  row('RELATIVE_POSITION_R', 'O', 'm'), row('RELATIVE_POSITION_T', 'O', 'm'), row('RELATIVE_POSITION_N', 'O', 'm'),
  row('RELATIVE_VELOCITY_R', 'O', 'm/s'), row('RELATIVE_VELOCITY_T', 'O', 'm/s'), row('RELATIVE_VELOCITY_N', 'O', 'm/s'),
  row('START_SCREEN_PERIOD', 'O'), row('STOP_SCREEN_PERIOD', 'O'), row('SCREEN_VOLUME_FRAME', 'O'), row('SCREEN_VOLUME_SHAPE', 'O'),
  row('SCREEN_VOLUME_X', 'O', 'm'), row('SCREEN_VOLUME_Y', 'O', 'm'), row('SCREEN_VOLUME_Z', 'O', 'm'),
  row('SCREEN_ENTRY_TIME', 'O'), row('SCREEN_EXIT_TIME', 'O'),
  row('COLLISION_PROBABILITY', 'O'), row('COLLISION_PROBABILITY_METHOD', 'O'),
];
/** Table 3-3, CDM KVN Metadata (once per object). */
const TABLE_3_3: Row[] = [
  row('COMMENT', 'O'), row('OBJECT', 'M'), row('OBJECT_DESIGNATOR', 'M'), row('CATALOG_NAME', 'M'), row('OBJECT_NAME', 'M'),
  row('INTERNATIONAL_DESIGNATOR', 'M'), row('OBJECT_TYPE', 'O'), row('OPERATOR_CONTACT_POSITION', 'O'), row('OPERATOR_ORGANIZATION', 'O'),
  row('OPERATOR_PHONE', 'O'), row('OPERATOR_EMAIL', 'O'), row('EPHEMERIS_NAME', 'M'), row('COVARIANCE_METHOD', 'M'),
  row('MANEUVERABLE', 'M'), row('ORBIT_CENTER', 'O'), row('REF_FRAME', 'M'), row('GRAVITY_MODEL', 'O'), row('ATMOSPHERIC_MODEL', 'O'),
  row('N_BODY_PERTURBATIONS', 'O'), row('SOLAR_RAD_PRESSURE', 'O'), row('EARTH_TIDES', 'O'), row('INTRACK_THRUST', 'O'),
];
/** Table 3-4, CDM KVN Data (once per object): OD parameters, additional parameters, state, covariance. */
const TABLE_3_4: Row[] = [
  row('COMMENT', 'O'),
  row('COMMENT', 'O'), row('TIME_LASTOB_START', 'O'), row('TIME_LASTOB_END', 'O'), row('RECOMMENDED_OD_SPAN', 'O', 'd'),
  row('ACTUAL_OD_SPAN', 'O', 'd'), row('OBS_AVAILABLE', 'O'), row('OBS_USED', 'O'), row('TRACKS_AVAILABLE', 'O'), row('TRACKS_USED', 'O'),
  row('RESIDUALS_ACCEPTED', 'O', '%'), row('WEIGHTED_RMS', 'O'),
  row('COMMENT', 'O'), row('AREA_PC', 'O', 'm**2'), row('AREA_DRG', 'O', 'm**2'), row('AREA_SRP', 'O', 'm**2'), row('MASS', 'O', 'kg'),
  row('CD_AREA_OVER_MASS', 'O', 'm**2/kg'), row('CR_AREA_OVER_MASS', 'O', 'm**2/kg'), row('THRUST_ACCELERATION', 'O', 'm/s**2'), row('SEDR', 'O', 'W/kg'),
  row('COMMENT', 'O'), row('X', 'M', 'km'), row('Y', 'M', 'km'), row('Z', 'M', 'km'),
  row('X_DOT', 'M', 'km/s'), row('Y_DOT', 'M', 'km/s'), row('Z_DOT', 'M', 'km/s'),
  row('COMMENT', 'O'),
  row('CR_R', 'M', 'm**2'),
  row('CT_R', 'M', 'm**2'), row('CT_T', 'M', 'm**2'),
  row('CN_R', 'M', 'm**2'), row('CN_T', 'M', 'm**2'), row('CN_N', 'M', 'm**2'),
  row('CRDOT_R', 'M', 'm**2/s'), row('CRDOT_T', 'M', 'm**2/s'), row('CRDOT_N', 'M', 'm**2/s'), row('CRDOT_RDOT', 'M', 'm**2/s**2'),
  row('CTDOT_R', 'M', 'm**2/s'), row('CTDOT_T', 'M', 'm**2/s'), row('CTDOT_N', 'M', 'm**2/s'), row('CTDOT_RDOT', 'M', 'm**2/s**2'),
  row('CTDOT_TDOT', 'M', 'm**2/s**2'),
  row('CNDOT_R', 'M', 'm**2/s'), row('CNDOT_T', 'M', 'm**2/s'), row('CNDOT_N', 'M', 'm**2/s'), row('CNDOT_RDOT', 'M', 'm**2/s**2'),
  row('CNDOT_TDOT', 'M', 'm**2/s**2'), row('CNDOT_NDOT', 'M', 'm**2/s**2'),
  row('CDRG_R', 'O', 'm**3/kg'), row('CDRG_T', 'O', 'm**3/kg'), row('CDRG_N', 'O', 'm**3/kg'), row('CDRG_RDOT', 'O', 'm**3/(kg*s)'),
  row('CDRG_TDOT', 'O', 'm**3/(kg*s)'), row('CDRG_NDOT', 'O', 'm**3/(kg*s)'), row('CDRG_DRG', 'O', 'm**4/kg**2'),
  row('CSRP_R', 'O', 'm**3/kg'), row('CSRP_T', 'O', 'm**3/kg'), row('CSRP_N', 'O', 'm**3/kg'), row('CSRP_RDOT', 'O', 'm**3/(kg*s)'),
  row('CSRP_TDOT', 'O', 'm**3/(kg*s)'), row('CSRP_NDOT', 'O', 'm**3/(kg*s)'), row('CSRP_DRG', 'O', 'm**4/kg**2'), row('CSRP_SRP', 'O', 'm**4/kg**2'),
  row('CTHR_R', 'O', 'm**2/s**2'), row('CTHR_T', 'O', 'm**2/s**2'), row('CTHR_N', 'O', 'm**2/s**2'), row('CTHR_RDOT', 'O', 'm**2/s**3'),
  row('CTHR_TDOT', 'O', 'm**2/s**3'), row('CTHR_NDOT', 'O', 'm**2/s**3'), row('CTHR_DRG', 'O', 'm**3/(kg*s**2)'),
  row('CTHR_SRP', 'O', 'm**3/(kg*s**2)'), row('CTHR_THR', 'O', 'm**2/s**4'),
];
/** A whole message, in the order 6.3.1.9 fixes: header, relative, then metadata + data for each object. */
const MESSAGE_ROWS: Row[] = [...TABLE_3_1, ...TABLE_3_2, ...TABLE_3_3, ...TABLE_3_4, ...TABLE_3_3, ...TABLE_3_4];

interface KvnLine {
  lineNo: number;
  keyword: string;
  value: string;
  units?: string;
}

/** A minimal KVN reader for the test: 'KEYWORD = value [units]' and 'COMMENT text'; blank lines skipped. */
function parseKvn(text: string): KvnLine[] {
  const out: KvnLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    if (raw.startsWith('COMMENT')) {
      out.push({ lineNo: i + 1, keyword: 'COMMENT', value: raw.slice('COMMENT '.length) });
      return;
    }
    const m = /^([A-Z0-9_]+)\s*=\s*(.*?)(?:\s+\[([^\]]+)\])?\s*$/.exec(raw);
    if (!m) throw new Error(`line ${i + 1} is not KVN: '${raw}'`);
    out.push({ lineNo: i + 1, keyword: m[1], value: m[2], units: m[3] });
  });
  return out;
}

/** Problems with the written keyword order against the tables: out-of-order or missing mandatory keywords. */
function orderProblems(written: readonly KvnLine[], rows: readonly Row[]): string[] {
  const problems: string[] = [];
  let next = 0;
  for (const w of written) {
    // Any number of comments may stand where one may (6.2.5.2).
    if (w.keyword === 'COMMENT' && next > 0 && rows[next - 1].keyword === 'COMMENT') continue;
    let j = next;
    while (j < rows.length && rows[j].keyword !== w.keyword) j++;
    if (j === rows.length) {
      problems.push(`line ${w.lineNo}: ${w.keyword} is out of the tables' order`);
      continue;
    }
    for (let k = next; k < j; k++) if (rows[k].status === 'M') problems.push(`mandatory ${rows[k].keyword} missing before line ${w.lineNo}`);
    next = j + 1;
  }
  for (let k = next; k < rows.length; k++) if (rows[k].status === 'M') problems.push(`mandatory ${rows[k].keyword} missing at the end`);
  return problems;
}

function values(text: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const l of parseKvn(text)) m.set(l.keyword, [...(m.get(l.keyword) ?? []), l.value]);
  return m;
}

function num(text: string, keyword: string, index = 0): number {
  const v = values(text).get(keyword)?.[index];
  if (v === undefined) throw new Error(`no ${keyword} #${index}`);
  return Number(v);
}

const TCA_MS = Date.UTC(2026, 2, 19, 14, 30, 5, 123);

function object(overrides: Partial<CdmObjectInput> = {}): CdmObjectInput {
  return {
    id: 'blue-1', name: 'Blue Sat 1', noradId: 25544, internationalDesignator: '1998-067A',
    posTemeKm: [7000, 0, 0], velTemeKmps: [0, 7.5, 0], sigmaKm: 0.1, maneuverable: 'YES', ...overrides,
  };
}

/**
 * The worked example. Object1 at 45 degrees in the TEME x-y plane: R = (s, s, 0), N = +z, T = N x R =
 * (-s, s, 0), s = sqrt(1/2). Its velocity has a radial part (0.5 km/s along R, 7.5 along T), so T is not
 * the velocity direction (RTN, not TVN). Object2 = object1 + dr, dv in TEME:
 *   dr = (0.1, 0.3, -0.2) km  -> R = 0.4 s km, T = 0.2 s km, N = -0.2 km; |dr| = sqrt(0.14) km
 *   dv = (0.002, -0.5, 1.0) km/s -> R = -0.498 s, T = -0.502 s, N = 1.0 km/s; |dv| = sqrt(1.250004) km/s
 */
function workedExample(overrides: Partial<CdmInput> = {}): CdmInput {
  const r1: [number, number, number] = [7000 * S, 7000 * S, 0];
  const v1: [number, number, number] = [(0.5 - 7.5) * S, (0.5 + 7.5) * S, 0];
  return {
    marking: 'EXERCISE VIGIL SHIELD - UNCLASSIFIED // FOR EXERCISE ONLY',
    originator: 'Vigil Blue Cell', messageFor: 'Blue Sat 1', messageId: 'vigil-cdm-0001',
    creationUtcMs: Date.UTC(2026, 2, 19, 12, 0, 0), tcaUtcMs: TCA_MS, missKm: Math.sqrt(0.14),
    pc: 4.835e-5, pcMethod: 'FOSTER-1992', hardBodyRadiusM: 20,
    object1: object({ posTemeKm: r1, velTemeKmps: v1 }),
    object2: object({
      id: 'deb-7', name: 'Débris 7', noradId: null, internationalDesignator: null, sigmaKm: 0.25, maneuverable: 'N/A',
      posTemeKm: [r1[0] + 0.1, r1[1] + 0.3, r1[2] - 0.2], velTemeKmps: [v1[0] + 0.002, v1[1] - 0.5, v1[2] + 1.0],
    }),
    ...overrides,
  };
}

describe('CDM worked example (508.0-B-1, relative state by hand)', () => {
  const text = toCdmKvn(workedExample());

  it('writes the hand-computed RTN relative position, velocity, miss distance and speed', () => {
    expect(Math.abs(num(text, 'RELATIVE_POSITION_R') - 0.4 * S * 1000)).toBeLessThanOrEqual(HALF_MM_M);
    expect(Math.abs(num(text, 'RELATIVE_POSITION_T') - 0.2 * S * 1000)).toBeLessThanOrEqual(HALF_MM_M);
    expect(Math.abs(num(text, 'RELATIVE_POSITION_N') - -200)).toBeLessThanOrEqual(HALF_MM_M);
    expect(Math.abs(num(text, 'RELATIVE_VELOCITY_R') - -0.498 * S * 1000)).toBeLessThanOrEqual(HALF_UM_PER_S_MPS);
    expect(Math.abs(num(text, 'RELATIVE_VELOCITY_T') - -0.502 * S * 1000)).toBeLessThanOrEqual(HALF_UM_PER_S_MPS);
    expect(Math.abs(num(text, 'RELATIVE_VELOCITY_N') - 1000)).toBeLessThanOrEqual(HALF_UM_PER_S_MPS);
    expect(Math.abs(num(text, 'MISS_DISTANCE') - 374.165739)).toBeLessThanOrEqual(HALF_MM_M);
    expect(Math.abs(num(text, 'RELATIVE_SPEED') - Math.sqrt(1.250004) * 1000)).toBeLessThanOrEqual(HALF_UM_PER_S_MPS);
  });

  it('writes the header, the times as CCSDS ASCII time A without Z, Pc and its method, the HBR comment', () => {
    const v = values(text);
    expect(text.split('\n')[0]).toMatch(/^CCSDS_CDM_VERS\s+= 1\.0$/);
    expect(v.get('CREATION_DATE')).toEqual(['2026-03-19T12:00:00.000']);
    expect(v.get('TCA')).toEqual(['2026-03-19T14:30:05.123']);
    expect(v.get('ORIGINATOR')).toEqual(['VIGIL_BLUE_CELL']);
    expect(v.get('MESSAGE_FOR')).toEqual(['BLUE SAT 1']);
    expect(v.get('MESSAGE_ID')).toEqual(['VIGIL-CDM-0001']);
    expect(num(text, 'COLLISION_PROBABILITY')).toBe(4.835e-5);
    expect(v.get('COLLISION_PROBABILITY')![0]).toMatch(/^\d\.\d+E[+-]\d\d$/);
    expect(v.get('COLLISION_PROBABILITY_METHOD')).toEqual(['FOSTER-1992']);
    expect(v.get('COMMENT')).toContain('HBR = 20.000 [m] (combined hard-body radius used for COLLISION_PROBABILITY)');
  });

  it('writes both objects: designators, catalogs, names in upper case, ITRF, the isotropic covariance in m**2', () => {
    const v = values(text);
    expect(v.get('OBJECT')).toEqual(['OBJECT1', 'OBJECT2']);
    expect(v.get('OBJECT_DESIGNATOR')).toEqual(['25544', 'DEB-7']);
    expect(v.get('CATALOG_NAME')).toEqual(['SATCAT', 'VIGIL']);
    expect(v.get('OBJECT_NAME')).toEqual(['BLUE SAT 1', 'DEBRIS 7']);
    expect(v.get('INTERNATIONAL_DESIGNATOR')).toEqual(['1998-067A', 'UNKNOWN']);
    expect(v.get('EPHEMERIS_NAME')).toEqual(['NONE', 'NONE']);
    expect(v.get('COVARIANCE_METHOD')).toEqual(['DEFAULT', 'DEFAULT']);
    expect(v.get('MANEUVERABLE')).toEqual(['YES', 'N/A']);
    expect(v.get('REF_FRAME')).toEqual(['ITRF', 'ITRF']);
    // sigma 0.1 km -> 100 m -> 1e4 m**2; 0.25 km -> 250 m -> 62500 m**2. Every other term is 0.
    for (const [i, variance] of [[0, 1e4], [1, 62_500]]) {
      for (const k of ['CR_R', 'CT_T', 'CN_N']) expect(num(text, k, i)).toBe(variance);
      for (const k of ['CT_R', 'CN_R', 'CN_T', 'CRDOT_R', 'CRDOT_T', 'CRDOT_N', 'CRDOT_RDOT', 'CTDOT_R', 'CTDOT_T', 'CTDOT_N', 'CTDOT_RDOT',
        'CTDOT_TDOT', 'CNDOT_R', 'CNDOT_T', 'CNDOT_N', 'CNDOT_RDOT', 'CNDOT_TDOT', 'CNDOT_NDOT']) expect(num(text, k, i)).toBe(0);
    }
  });
});

describe('CDM keywords, order and units (508.0-B-1 tables 3-1 to 3-4, 6.3.1.9, 6.2.4.1, 6.3.3)', () => {
  const text = toCdmKvn(workedExample({ classification: 'UNCLASSIFIED' }));
  const lines = parseKvn(text);

  it('has every mandatory keyword, in the order of the tables, and no keyword outside them', () => {
    expect(orderProblems(lines, MESSAGE_ROWS)).toEqual([]);
  });

  it('the order check itself catches a swapped pair and a missing mandatory keyword', () => {
    const swapped = lines.map((l) => ({ ...l }));
    const a = swapped.findIndex((l) => l.keyword === 'ORIGINATOR');
    [swapped[a], swapped[a + 1]] = [swapped[a + 1], swapped[a]];
    expect(orderProblems(swapped, MESSAGE_ROWS)).not.toEqual([]);
    expect(orderProblems(lines.filter((l) => l.keyword !== 'CNDOT_NDOT'), MESSAGE_ROWS)).not.toEqual([]);
  });

  it('writes units in brackets exactly as the tables give them, and none where the table says n/a', () => {
    const unitsOf = new Map(MESSAGE_ROWS.map((r) => [r.keyword, r.units]));
    for (const l of lines.filter((x) => x.keyword !== 'COMMENT')) expect({ keyword: l.keyword, units: l.units }).toEqual({ keyword: l.keyword, units: unitsOf.get(l.keyword) });
    expect(text).not.toContain('[n/a]');
    expect(text).toMatch(/^MISS_DISTANCE\s+= \d+\.\d+ \[m\]$/m);
    expect(text).toMatch(/^CNDOT_NDOT\s+= \S+ \[m\*\*2\/s\*\*2\]$/m);
  });

  it('keeps to 254 printable ASCII characters a line, text values in upper case, numbers in KVN form', () => {
    for (const l of text.split('\n')) {
      expect(l.length).toBeLessThanOrEqual(254);
      expect(l).toMatch(/^[\x20-\x7e]*$/);
    }
    const textKeywords = ['ORIGINATOR', 'MESSAGE_FOR', 'MESSAGE_ID', 'OBJECT_DESIGNATOR', 'CATALOG_NAME', 'OBJECT_NAME', 'COLLISION_PROBABILITY_METHOD'];
    for (const l of lines.filter((x) => textKeywords.includes(x.keyword))) expect(l.value).toBe(l.value.toUpperCase());
    for (const l of lines.filter((x) => x.units !== undefined)) expect(l.value).toMatch(/^-?\d\.\d+E[+-]\d\d$|^-?\d+\.\d+$/);
  });

  it('writes a scenario id with . and : as an OBJECT_DESIGNATOR of letters, digits, _ and - (5.2.9)', () => {
    const base = workedExample();
    const t = toCdmKvn({ ...base, object2: { ...base.object2, id: 'red.deb:7_a' } });
    expect(values(t).get('OBJECT_DESIGNATOR')).toEqual(['25544', 'RED-DEB-7_A']);
  });

  it('puts the classification in a header COMMENT (508.0-B-1 has no CLASSIFICATION keyword)', () => {
    expect(text).not.toMatch(/^CLASSIFICATION/m);
    const header = lines.slice(0, lines.findIndex((l) => l.keyword === 'CREATION_DATE'));
    expect(header.map((l) => l.value)).toContain('CLASSIFICATION: UNCLASSIFIED');
  });
});

describe('CDM properties (fast-check)', () => {
  const seed = testSeed();
  const coord = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const vec = (min: number, max: number) => fc.tuple(coord(min, max), coord(min, max), coord(min, max));

  it('MISS_DISTANCE = |RELATIVE_POSITION (RTN)| and RELATIVE_SPEED = |RELATIVE_VELOCITY| to the written rounding', () => {
    console.log(`cdm property seed ${seed} (reproduce: VIGIL_TEST_SEED=${seed} npx vitest run test/scenarios/cdm.test.ts)`);
    fc.assert(fc.property(vec(-42_000, 42_000), vec(-8, 8), vec(-50, 50), vec(-15, 15), (r1, v1, dr, dv) => {
      const h = [r1[1] * v1[2] - r1[2] * v1[1], r1[2] * v1[0] - r1[0] * v1[2], r1[0] * v1[1] - r1[1] * v1[0]];
      fc.pre(Math.hypot(...r1) > 6_500 && Math.hypot(...v1) > 1e-3 && Math.hypot(...h) > 1e-3 * Math.hypot(...r1) * Math.hypot(...v1));
      const r2: [number, number, number] = [r1[0] + dr[0], r1[1] + dr[1], r1[2] + dr[2]];
      const v2: [number, number, number] = [v1[0] + dv[0], v1[1] + dv[1], v1[2] + dv[2]];
      const missKm = Math.hypot(r2[0] - r1[0], r2[1] - r1[1], r2[2] - r1[2]);
      const text = toCdmKvn(workedExample({
        missKm,
        object1: object({ posTemeKm: r1, velTemeKmps: v1 }),
        object2: object({ id: 'other', posTemeKm: r2, velTemeKmps: v2 }),
      }));
      const relPos = Math.hypot(num(text, 'RELATIVE_POSITION_R'), num(text, 'RELATIVE_POSITION_T'), num(text, 'RELATIVE_POSITION_N'));
      const relVel = Math.hypot(num(text, 'RELATIVE_VELOCITY_R'), num(text, 'RELATIVE_VELOCITY_T'), num(text, 'RELATIVE_VELOCITY_N'));
      // Three components each off by half a digit, plus the norm's own half digit.
      expect(Math.abs(num(text, 'MISS_DISTANCE') - relPos)).toBeLessThanOrEqual((Math.sqrt(3) + 1) * HALF_MM_M);
      expect(Math.abs(num(text, 'RELATIVE_SPEED') - relVel)).toBeLessThanOrEqual((Math.sqrt(3) + 1) * HALF_UM_PER_S_MPS);
      expect(Math.abs(num(text, 'MISS_DISTANCE') - missKm * 1000)).toBeLessThanOrEqual(HALF_MM_M);
    }), { seed, numRuns: 300 });
  });

  it('ITRF is a rotation about z of TEME: |r| and z are kept, and so is the z velocity', () => {
    console.log(`cdm ITRF property seed ${seed} (reproduce: VIGIL_TEST_SEED=${seed} npx vitest run test/scenarios/cdm.test.ts)`);
    fc.assert(fc.property(vec(-42_000, 42_000), vec(-8, 8), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (r1, v1, tcaUtcMs) => {
      const h = [r1[1] * v1[2] - r1[2] * v1[1], r1[2] * v1[0] - r1[0] * v1[2], r1[0] * v1[1] - r1[1] * v1[0]];
      fc.pre(Math.hypot(...r1) > 6_500 && Math.hypot(...v1) > 1e-3 && Math.hypot(...h) > 1e-3 * Math.hypot(...r1) * Math.hypot(...v1));
      const r2: [number, number, number] = [r1[0] + 1, r1[1], r1[2]];
      const text = toCdmKvn(workedExample({
        tcaUtcMs, missKm: 1,
        object1: object({ posTemeKm: r1, velTemeKmps: v1 }),
        object2: object({ id: 'other', posTemeKm: r2, velTemeKmps: v1 }),
      }));
      const itrf = [num(text, 'X'), num(text, 'Y'), num(text, 'Z')];
      expect(Math.abs(Math.hypot(...itrf) - Math.hypot(...r1))).toBeLessThanOrEqual(Math.sqrt(3) * HALF_MM_KM + 1e-9);
      expect(Math.abs(itrf[2] - r1[2])).toBeLessThanOrEqual(HALF_MM_KM);
      expect(Math.abs(num(text, 'Z_DOT') - v1[2])).toBeLessThanOrEqual(HALF_NANO_KMPS);
    }), { seed, numRuns: 300 });
  });
});

describe('CDM ITRF state against published values', () => {
  it('rotates by GMST the right way: Vallado Example 3-5, 1992-08-20 12:14 UT1, GMST = 152.578787810 deg', () => {
    const tcaUtcMs = Date.UTC(1992, 7, 20, 12, 14, 0);
    const text = toCdmKvn(workedExample({
      tcaUtcMs, missKm: 1,
      object1: object({ posTemeKm: [7000, 0, 0], velTemeKmps: [0, 7.5, 0] }),
      object2: object({ id: 'other', posTemeKm: [7001, 0, 0], velTemeKmps: [0, 7.5, 0] }),
    }));
    // A point on TEME +x sits at Earth-fixed longitude -GMST.
    const lonDeg = (Math.atan2(num(text, 'Y'), num(text, 'X')) * 180) / Math.PI;
    expect(Math.abs(lonDeg - -152.57878781)).toBeLessThan(1e-6);
    // Prograde equatorial circular orbit: the Earth-fixed speed is the inertial one less omega * r.
    const speed = Math.hypot(num(text, 'X_DOT'), num(text, 'Y_DOT'), num(text, 'Z_DOT'));
    expect(Math.abs(speed - (7.5 - OMEGA_EARTH_IERS_RAD_PER_S * 7000))).toBeLessThan(1e-7);
  });
});

describe('CDM exercise marking (COMMENT lines at top and bottom)', () => {
  it('is the first COMMENT, right after CCSDS_CDM_VERS, and the last COMMENT, heading OBJECT2\'s covariance block', () => {
    const input = workedExample();
    const lines = parseKvn(toCdmKvn(input));
    expect(lines[0].keyword).toBe('CCSDS_CDM_VERS');
    expect(lines[1]).toMatchObject({ keyword: 'COMMENT', value: input.marking });
    const comments = lines.filter((l) => l.keyword === 'COMMENT');
    expect(comments[comments.length - 1].value).toBe(input.marking);
    expect(comments.filter((l) => l.value === input.marking)).toHaveLength(2);
    // The last place 6.2.5.2 lets a COMMENT stand: the head of OBJECT2's covariance block, then the 21 terms.
    const markingLast = lines.findLastIndex((l) => l.value === input.marking);
    expect(markingLast).toBeGreaterThan(lines.findIndex((l) => l.keyword === 'OBJECT' && l.value === 'OBJECT2'));
    expect(lines.slice(markingLast + 1).map((l) => l.keyword)).toEqual(TABLE_3_4.filter((r) => r.status === 'M' && r.keyword.startsWith('C')).map((r) => r.keyword));
  });

  it('keeps a multi-line marking as one COMMENT a line, and wraps a long one within 254 characters', () => {
    const text = toCdmKvn(workedExample({ marking: 'EXERCISE\nFOR EXERCISE ONLY' }));
    expect(text.split('\n').slice(1, 3)).toEqual(['COMMENT EXERCISE', 'COMMENT FOR EXERCISE ONLY']);
    const long = Array.from({ length: 80 }, (_, i) => `WORD${i}`).join(' ');
    const wrapped = toCdmKvn(workedExample({ marking: long })).split('\n');
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(254);
    const head = wrapped.slice(1, wrapped.findIndex((l) => l.startsWith('CREATION_DATE'))).map((l) => l.slice('COMMENT '.length));
    expect(head.join(' ')).toBe(long);
  });
});

describe('CDM files (one message per file, 508.0-B-1 3.1.2 and 6.3.1.2)', () => {
  it('names each file by its MESSAGE_ID and starts each with CCSDS_CDM_VERS', () => {
    const files = toCdmKvnMany([workedExample(), workedExample({ messageId: 'vigil-cdm-0002' })]);
    expect(files.map((f) => f.fileName)).toEqual(['VIGIL-CDM-0001.cdm', 'VIGIL-CDM-0002.cdm']);
    for (const f of files) expect(f.text.startsWith('CCSDS_CDM_VERS')).toBe(true);
  });

  it('refuses two messages with one MESSAGE_ID', () => {
    expect(() => toCdmKvnMany([workedExample(), workedExample({ messageId: 'VIGIL-CDM-0001' })])).toThrow(/^vigil cdm - MESSAGE_ID VIGIL-CDM-0001 is used by two messages/);
  });
});

describe('CDM bad input throws a "vigil cdm -" Error naming the fault', () => {
  const base = workedExample();
  const cases: [string, CdmInput, RegExp][] = [
    ['NaN position', { ...base, object1: { ...base.object1, posTemeKm: [NaN, 0, 0] } }, /object1\.posTemeKm\[0\] is NaN/],
    ['infinite velocity', { ...base, object2: { ...base.object2, velTemeKmps: [0, Infinity, 0] } }, /object2\.velTemeKmps\[1\] is Infinity/],
    ['infinite miss', { ...base, missKm: Infinity }, /missKm is Infinity/],
    ['NaN pc', { ...base, pc: NaN }, /pc is NaN/],
    ['pc above 1', { ...base, pc: 1.5 }, /pc is 1\.5; a probability is within \[0, 1\]/],
    ['pc below 0', { ...base, pc: -1e-9 }, /pc is -1e-9/],
    ['NaN TCA', { ...base, tcaUtcMs: NaN }, /TCA is NaN/],
    ['zero sigma', { ...base, object1: { ...base.object1, sigmaKm: 0 } }, /object1\.sigmaKm is 0/],
    ['zero hard-body radius', { ...base, hardBodyRadiusM: 0 }, /hardBodyRadiusM is 0/],
    ['miss distance the states contradict', { ...base, missKm: 5 }, /missKm 5 disagrees with the states/],
    ['radial object1 state', { ...base, object1: { ...base.object1, velTemeKmps: [1, 1, 0] } }, /object1 has no orbit plane/],
    ['MESSAGE_ID with a slash', { ...base, messageId: 'a/b' }, /MESSAGE_ID 'a\/b' may hold only/],
    ['empty OBJECT_NAME', { ...base, object2: { ...base.object2, name: '  ' } }, /OBJECT2 OBJECT_NAME is empty/],
    ['one object twice', { ...base, object2: { ...base.object2, id: base.object1.id } }, /same object/],
    ['bad MANEUVERABLE', { ...base, object1: { ...base.object1, maneuverable: 'MAYBE' as 'YES' } }, /maneuverable is 'MAYBE'/],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => {
      expect(() => toCdmKvn(input)).toThrow(/^vigil cdm - /);
      expect(() => toCdmKvn(input)).toThrow(message);
    });
  }
});
