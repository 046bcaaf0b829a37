/**
 * Dilution of precision (engine/physics/dop.ts) against values obtained without it:
 *
 * 1. Closed forms derived here (no published table needed; derivations in the describe comments):
 *    - one satellite at the zenith and three at elevation theta, 120 deg apart in azimuth;
 *    - regular polytopes (tetrahedron, octahedron, cube, icosahedron), which attain the lower bound
 *      GDOP >= sqrt(10 / h) for h satellites and one clock; 4 satellites give sqrt(10)/2 = 1.581, the
 *      well-known best four-satellite GDOP (discussed e.g. by Blanco-Delgado, Nunes and Seco-Granados,
 *      "On the relation between GDOP and the volume described by the user-to-satellite unit vectors
 *      for GNSS positioning", GPS Solutions 21 (2017) 1139-1147).
 * 2. The real GPS/Galileo/GLONASS/BeiDou element sets of March 2026 (scenarios/data/gnss-2026-03, from
 *    CelesTrak) over a mid-latitude site: the expected DOPs come from satellite.js alone (propagate,
 *    gstime, eciToEcf, ecfToLookAngles: not Vigil's frames.ts) and a geometry matrix inverted by
 *    Gauss-Jordan elimination with partial pivoting written below (not dop.ts's Cholesky). Agreement to
 *    1e-9 is the arithmetic; the physics check is the typical range (GPS alone, 10 deg mask: 7-12
 *    satellites, PDOP 1-3; adding Galileo lowers PDOP).
 * 3. Properties (fast-check, seed printed): adding a satellite never raises any DOP; DOP is invariant
 *    under a rotation of all azimuths; rank-deficient geometry is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { degreesToRadians, ecfToLookAngles, eciToEcf, gstime, propagate, twoline2satrec, type SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { accumulateDop, createDopScratch, dop, resetDop, solveDop, type DopLook } from '../../engine/physics/dop.js';
import { DEG, gmstRad, temeToEcef, topocentre } from '../../engine/physics/frames.js';
import { CONSTELLATIONS, CONSTELLATION_INDEX, ELEVATION_MASK_DEG_DEFAULT, type Constellation } from '../../engine/physics/gnss.js';
import { jdFromMs } from '../../engine/time.js';
import { parseTleText } from '../../scenarios/catalog/tle.js';
import { SCENARIOS, testSeed } from '../helpers.js';

/** Double-precision agreement of two different inversions of a well-conditioned (DOP < 10) matrix. */
const MATH_TOLERANCE = 1e-9;

function expectDops(actual: { gdop: number; pdop: number; hdop: number; vdop: number; tdop: number } | null, expected: { gdop: number; pdop: number; hdop: number; vdop: number; tdop: number }, tol = MATH_TOLERANCE): void {
  expect(actual).not.toBeNull();
  for (const k of ['gdop', 'pdop', 'hdop', 'vdop', 'tdop'] as const) expect(Math.abs(actual![k] - expected[k]), k).toBeLessThan(tol);
}

describe('closed form: one satellite at the zenith, three at elevation theta 120 deg apart', () => {
  /*
   * Rows [-e, -n, -u, 1]; with s = sin(theta), c = cos(theta), and sum sin A = sum cos A = sum sin A cos A
   * = 0, sum sin^2 A = sum cos^2 A = 3/2 over A = 0, 120, 240 deg:
   *
   *   G^T G = | 3c^2/2   0        0           0        |
   *           | 0        3c^2/2   0           0        |
   *           | 0        0        1 + 3s^2    -(1+3s)  |
   *           | 0        0        -(1+3s)     4        |
   *
   * The lower block has determinant 4(1 + 3s^2) - (1 + 3s)^2 = 3(1 - s)^2, so
   *   HDOP = 2 / (sqrt(3) c),  VDOP = 2 / (sqrt(3) (1 - s)),  TDOP = sqrt(1 + 3s^2) / (sqrt(3) (1 - s)),
   *   PDOP = sqrt(HDOP^2 + VDOP^2),  GDOP = sqrt(PDOP^2 + TDOP^2).
   * theta = 0: HDOP = VDOP = 1.1547, TDOP = 0.5774, PDOP = sqrt(8/3) = 1.6330, GDOP = sqrt(3) = 1.7321.
   * s = -1/3 (theta = -19.47 deg) is the regular tetrahedron: GDOP = sqrt(10)/2.
   */
  function closedForm(thetaRad: number) {
    const s = Math.sin(thetaRad);
    const c = Math.cos(thetaRad);
    const hdop = 2 / (Math.sqrt(3) * c);
    const vdop = 2 / (Math.sqrt(3) * (1 - s));
    const tdop = Math.sqrt(1 + 3 * s * s) / (Math.sqrt(3) * (1 - s));
    const pdop = Math.hypot(hdop, vdop);
    return { hdop, vdop, tdop, pdop, gdop: Math.hypot(pdop, tdop) };
  }
  const looks = (thetaRad: number, azOffsetRad = 0): DopLook[] => [
    { elRad: Math.PI / 2, azRad: 0 },
    ...[0, 120, 240].map((a) => ({ elRad: thetaRad, azRad: a * DEG + azOffsetRad })),
  ];

  it('gives GDOP sqrt(3) and PDOP sqrt(8/3) with the three on the horizon', () => {
    expectDops(dop(looks(0)), { gdop: Math.sqrt(3), pdop: Math.sqrt(8 / 3), hdop: 2 / Math.sqrt(3), vdop: 2 / Math.sqrt(3), tdop: 1 / Math.sqrt(3) });
  });

  it.each([5, 15, 30, 45, 60, 75])('matches the closed form at theta = %d deg (and any azimuth offset)', (thetaDeg) => {
    expectDops(dop(looks(thetaDeg * DEG)), closedForm(thetaDeg * DEG));
    expectDops(dop(looks(thetaDeg * DEG, 37 * DEG)), closedForm(thetaDeg * DEG));
  });

  it('gives sqrt(10)/2 for the regular tetrahedron (theta = -asin(1/3))', () => {
    const r = dop(looks(-Math.asin(1 / 3)));
    expect(r!.gdop).toBeCloseTo(Math.sqrt(10) / 2, 12);
    expect(r!.pdop).toBeCloseTo(1.5, 12);
  });
});

describe('closed form: regular polytopes attain GDOP = sqrt(10 / h)', () => {
  /*
   * For h unit lines of sight and one clock, G^T G = [[A, b], [b^T, h]] with trace A = h. Then
   * trace (G^T G)^-1 >= trace A^-1 + 1/h >= 9/h + 1/h (Schur complement; then the harmonic-arithmetic mean
   * inequality on A's eigenvalues), with equality exactly when b = sum of lines of sight = 0 and A = (h/3) I:
   * the vertices of a regular polytope. There HDOP = sqrt(6/h), VDOP = sqrt(3/h), PDOP = 3/sqrt(h),
   * TDOP = 1/sqrt(h), GDOP = sqrt(10/h). Two systems each on such a polytope keep b = 0 per clock, so
   * the inter-system bias costs position nothing: PDOP = 3/sqrt(h_total), TDOP^2 = 1/h_1 + 1/h_2.
   */
  const phi = (1 + Math.sqrt(5)) / 2;
  const signs = [-1, 1];
  const POLYTOPES: Record<string, number[][]> = {
    tetrahedron: [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]],
    octahedron: [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]],
    cube: signs.flatMap((x) => signs.flatMap((y) => signs.map((z) => [x, y, z]))),
    icosahedron: signs.flatMap((a) => signs.flatMap((b) => [[0, a, b * phi], [a, b * phi, 0], [b * phi, 0, a]])),
  };
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(v[0], v[1], v[2]));

  it.each(Object.keys(POLYTOPES))('%s', (name) => {
    const vertices = POLYTOPES[name].map(unit);
    const h = vertices.length;
    const s = createDopScratch(1);
    for (const [e, n, u] of vertices) accumulateDop(s, e, n, u, 0);
    expect(solveDop(s)).toBe(true);
    expectDops(s, { gdop: Math.sqrt(10 / h), pdop: 3 / Math.sqrt(h), hdop: Math.sqrt(6 / h), vdop: Math.sqrt(3 / h), tdop: 1 / Math.sqrt(h) });
  });

  it('two systems, a cube and an octahedron: one clock each, position as for all 14 together', () => {
    const s = createDopScratch(4);
    for (const [e, n, u] of POLYTOPES.cube.map(unit)) accumulateDop(s, e, n, u, 1);
    for (const [e, n, u] of POLYTOPES.octahedron.map(unit)) accumulateDop(s, e, n, u, 3);
    expect(solveDop(s)).toBe(true);
    expect(s.unknowns).toBe(5);
    const tdop = Math.sqrt(1 / 8 + 1 / 6);
    expectDops(s, { pdop: 3 / Math.sqrt(14), hdop: Math.sqrt(6 / 14), vdop: Math.sqrt(3 / 14), tdop, gdop: Math.hypot(3 / Math.sqrt(14), tdop) });
  });
});

// ---------------------------------------------------------------------------------------------------
// Real constellations: satellite.js look angles and a Gauss-Jordan inverse, against frames.ts + dop.ts.

/** Toulouse (CNES), a mid-latitude site. */
const SITE = { latDeg: 43.6047, lonDeg: 1.4442, altKm: 0.15 };
/** Near the median epoch of the March 2026 files: SGP4 error stays well under a kilometre. */
const T0_MS = Date.UTC(2026, 2, 19, 12, 0, 0);
const HOUR_MS = 3_600_000;
const MASK_RAD = ELEVATION_MASK_DEG_DEFAULT * DEG;

const SATRECS: Record<Constellation, SatRec[]> = Object.fromEntries(
  CONSTELLATIONS.map((c) => {
    const text = readFileSync(join(SCENARIOS, 'data', 'gnss-2026-03', `${c.toLowerCase()}.tle`), 'utf8');
    return [c, parseTleText(text).entries.map((e) => twoline2satrec(e.line1, e.line2))];
  }),
) as Record<Constellation, SatRec[]>;

/** Elevation and azimuth of every satellite above the mask, from satellite.js's own transforms. */
function referenceLooks(c: Constellation, utcMs: number): DopLook[] {
  const date = new Date(utcMs);
  const gmst = gstime(date);
  const observer = { latitude: degreesToRadians(SITE.latDeg), longitude: degreesToRadians(SITE.lonDeg), height: SITE.altKm };
  const out: DopLook[] = [];
  for (const satrec of SATRECS[c]) {
    const pv = propagate(satrec, date);
    if (!pv) continue;
    const look = ecfToLookAngles(observer, eciToEcf(pv.position, gmst));
    if (look.elevation >= MASK_RAD) out.push({ elRad: look.elevation, azRad: look.azimuth, system: CONSTELLATION_INDEX[c] });
  }
  return out;
}

/** Inverse by Gauss-Jordan elimination with partial pivoting on an augmented [A | I]. */
function gaussJordanInverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    if (Math.abs(p) < 1e-14) throw new Error('singular test geometry');
    for (let j = 0; j < 2 * n; j++) m[col][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[col][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/** DOPs from look angles: explicit geometry matrix, G^T G by a plain triple loop, Gauss-Jordan inverse. */
function referenceDop(looks: DopLook[]) {
  const systems = [...new Set(looks.map((l) => l.system ?? 0))].sort();
  const n = 3 + systems.length;
  const g = looks.map((l) => {
    const row = [-Math.cos(l.elRad) * Math.sin(l.azRad), -Math.cos(l.elRad) * Math.cos(l.azRad), -Math.sin(l.elRad), ...systems.map(() => 0)];
    row[3 + systems.indexOf(l.system ?? 0)] = 1;
    return row;
  });
  const gtg = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => g.reduce((acc, row) => acc + row[i] * row[j], 0)));
  const q = gaussJordanInverse(gtg);
  const clock = q.slice(3).reduce((acc, row, k) => acc + row[3 + k], 0);
  return { hdop: Math.sqrt(q[0][0] + q[1][1]), vdop: Math.sqrt(q[2][2]), pdop: Math.sqrt(q[0][0] + q[1][1] + q[2][2]), tdop: Math.sqrt(clock), gdop: Math.sqrt(q[0][0] + q[1][1] + q[2][2] + clock), satellites: looks.length };
}

/** The engine's way: SGP4 TEME -> frames.ts ECEF and ENU, unit line of sight into the kept scratch. */
function engineDop(scratch: ReturnType<typeof createDopScratch>, constellations: readonly Constellation[], utcMs: number): boolean {
  const site = topocentre({ latRad: SITE.latDeg * DEG, lonRad: SITE.lonDeg * DEG, altKm: SITE.altKm });
  const gmst = gmstRad(jdFromMs(utcMs));
  const date = new Date(utcMs);
  resetDop(scratch);
  for (const c of constellations) {
    for (const satrec of SATRECS[c]) {
      const pv = propagate(satrec, date);
      if (!pv) continue;
      const r = temeToEcef(pv.position, gmst);
      const dx = r.x - site.posEcefKm.x;
      const dy = r.y - site.posEcefKm.y;
      const dz = r.z - site.posEcefKm.z;
      const rangeKm = Math.hypot(dx, dy, dz);
      const e = (dx * site.east.x + dy * site.east.y + dz * site.east.z) / rangeKm;
      const n = (dx * site.north.x + dy * site.north.y + dz * site.north.z) / rangeKm;
      const u = (dx * site.up.x + dy * site.up.y + dz * site.up.z) / rangeKm;
      if (Math.atan2(u, Math.hypot(e, n)) >= MASK_RAD) accumulateDop(scratch, e, n, u, CONSTELLATION_INDEX[c]);
    }
  }
  return solveDop(scratch);
}

describe(`real constellations over Toulouse (${SITE.latDeg} N, ${SITE.lonDeg} E), 10 deg mask, March 2026 TLEs`, () => {
  const scratch = createDopScratch(CONSTELLATIONS.length);
  const GROUPS: (readonly Constellation[])[] = [['GPS'], ['GALILEO'], ['GPS', 'GALILEO'], ['GPS', 'GALILEO', 'GLONASS', 'BEIDOU']];

  it.each(GROUPS.map((g) => [g.join('+'), g] as const))('%s at 2026-03-19 12:00 UTC: engine = independent to 1e-9', (_label, group) => {
    const looks = group.flatMap((c) => referenceLooks(c, T0_MS));
    const expected = referenceDop(looks);
    expect(engineDop(scratch, group, T0_MS)).toBe(true);
    expect(scratch.satellites).toBe(expected.satellites);
    expect(scratch.unknowns).toBe(3 + group.length);
    expectDops(scratch, expected);
    expectDops(dop(looks), expected);
    console.log(`${group.join('+')} 2026-03-19T12:00Z: ${expected.satellites} satellites, GDOP ${expected.gdop.toFixed(4)} PDOP ${expected.pdop.toFixed(4)} HDOP ${expected.hdop.toFixed(4)} VDOP ${expected.vdop.toFixed(4)} TDOP ${expected.tdop.toFixed(4)}`);
  });

  it('hourly over 24 h: GPS alone sees 7-12 satellites at PDOP 1-3; adding Galileo, then all four, lowers PDOP', () => {
    const rows: string[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const t = T0_MS + hour * HOUR_MS;
      const gps = referenceLooks('GPS', t);
      const galileo = referenceLooks('GALILEO', t);
      const others = [...referenceLooks('GLONASS', t), ...referenceLooks('BEIDOU', t)];
      const gpsOnly = referenceDop(gps);
      const gpsGalileo = referenceDop([...gps, ...galileo]);
      const all = referenceDop([...gps, ...galileo, ...others]);
      expect(engineDop(scratch, ['GPS'], t)).toBe(true);
      expectDops(scratch, gpsOnly);
      expect(gps.length).toBeGreaterThanOrEqual(7);
      expect(gps.length).toBeLessThanOrEqual(12);
      expect(gpsOnly.pdop).toBeGreaterThan(1);
      expect(gpsOnly.pdop).toBeLessThan(3);
      expect(gpsGalileo.pdop).toBeLessThan(gpsOnly.pdop);
      expect(all.pdop).toBeLessThan(gpsGalileo.pdop);
      rows.push(`${String(hour).padStart(2)}h  GPS ${String(gps.length).padStart(2)} PDOP ${gpsOnly.pdop.toFixed(2)}   +GAL ${String(galileo.length).padStart(2)} PDOP ${gpsGalileo.pdop.toFixed(2)}   all four ${all.satellites} PDOP ${all.pdop.toFixed(2)}`);
    }
    console.log(`hours after 2026-03-19T12:00Z:\n${rows.join('\n')}`);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties.

const look = (systemsMax: number) =>
  fc.record({ elDeg: fc.double({ min: 5, max: 90, noNaN: true }), azDeg: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), system: fc.integer({ min: 0, max: systemsMax - 1 }) });

function solveLooks(scratch: ReturnType<typeof createDopScratch>, looks: readonly { elDeg: number; azDeg: number; system: number }[]): boolean {
  for (const l of looks) {
    const cosEl = Math.cos(l.elDeg * DEG);
    accumulateDop(scratch, cosEl * Math.sin(l.azDeg * DEG), cosEl * Math.cos(l.azDeg * DEG), Math.sin(l.elDeg * DEG), l.system);
  }
  return solveDop(scratch);
}

/** Geometries past this GDOP are conditioned so badly that rounding, not geometry, shows in a comparison. */
const GDOP_WELL_CONDITIONED_MAX = 1e3;

describe('properties', () => {
  const seed = testSeed();
  const DOPS = ['gdop', 'pdop', 'hdop', 'vdop', 'tdop'] as const;

  it(`adding a satellite of a system already tracked never raises any DOP (seed ${seed})`, () => {
    const s = createDopScratch(3);
    fc.assert(
      fc.property(fc.array(look(3), { minLength: 4, maxLength: 20 }), look(3), fc.nat(), (base, extra, pick) => {
        resetDop(s);
        fc.pre(solveLooks(s, base) && s.gdop < GDOP_WELL_CONDITIONED_MAX);
        const before = Object.fromEntries(DOPS.map((k) => [k, s[k]]));
        // Same clock model: the new satellite joins a constellation the receiver already solves a clock for.
        const system = s.clockSystem[pick % (s.unknowns - 3)];
        expect(solveLooks(s, [{ ...extra, system }])).toBe(true);
        for (const k of DOPS) expect(s[k], k).toBeLessThanOrEqual(before[k] * (1 + 1e-9));
      }),
      { seed, numRuns: 1000 },
    );
  });

  it(`is invariant under a rotation of every azimuth (seed ${seed})`, () => {
    const s = createDopScratch(2);
    fc.assert(
      fc.property(fc.array(look(2), { minLength: 5, maxLength: 20 }), fc.double({ min: -720, max: 720, noNaN: true }), (looks, rotDeg) => {
        resetDop(s);
        fc.pre(solveLooks(s, looks) && s.gdop < GDOP_WELL_CONDITIONED_MAX);
        const before = Object.fromEntries(DOPS.map((k) => [k, s[k]]));
        resetDop(s);
        expect(solveLooks(s, looks.map((l) => ({ ...l, azDeg: l.azDeg + rotDeg })))).toBe(true);
        for (const k of DOPS) expect(Math.abs(s[k] - before[k]) / before[k], k).toBeLessThan(1e-9);
      }),
      { seed, numRuns: 1000 },
    );
  });

  it(`refuses rank-deficient geometry: one direction, one elevation, or fewer satellites than unknowns (seed ${seed})`, () => {
    const s = createDopScratch(4);
    fc.assert(
      fc.property(look(4), fc.integer({ min: 1, max: 30 }), fc.array(fc.double({ min: 0, max: 360, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.array(look(4), { maxLength: 6 }), (one, copies, azimuthsDeg, few) => {
        // Every satellite in the same direction: rank 2 at most (one line of sight, clocks).
        resetDop(s);
        expect(solveLooks(s, Array.from({ length: copies }, () => one))).toBe(false);
        expect(s.gdop).toBeNaN();
        // Every satellite at one elevation: up is sin(el) times the sum of the clock columns.
        resetDop(s);
        expect(solveLooks(s, azimuthsDeg.map((azDeg, i) => ({ elDeg: one.elDeg, azDeg, system: i % 4 })))).toBe(false);
        // Fewer satellites than 3 + the clocks they need.
        const clocks = new Set(few.map((l) => l.system)).size;
        if (few.length < 3 + clocks) {
          resetDop(s);
          expect(solveLooks(s, few)).toBe(false);
          expect(s.pdop).toBeNaN();
        }
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('is deterministic and reusable: the same satellites on a reset scratch give bit-identical DOPs', () => {
    const looks = referenceLooks('GPS', T0_MS);
    const s = createDopScratch(1);
    const run = () => {
      resetDop(s);
      for (const l of looks) accumulateDop(s, Math.cos(l.elRad) * Math.sin(l.azRad), Math.cos(l.elRad) * Math.cos(l.azRad), Math.sin(l.elRad), 0);
      expect(solveDop(s)).toBe(true);
      return [s.gdop, s.pdop, s.hdop, s.vdop, s.tdop];
    };
    expect(run()).toEqual(run());
  });

  it('throws on a programming error: a system outside the scratch', () => {
    expect(() => createDopScratch(0)).toThrow(/systemsMax/);
    expect(() => accumulateDop(createDopScratch(2), 0, 0, 1, 2)).toThrow(/system must be an integer in 0\.\.1/);
  });
});
