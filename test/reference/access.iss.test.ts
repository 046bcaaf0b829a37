/**
 * Access windows of the ISS over RAF Fylingdales (54.3617 N, 0.6700 W, 260 m), against values computed
 * independently: a brute-force scan at 1 s using satellite.js's own transforms (propagate, gstime,
 * eciToEcf, geodeticToEcf, ecfToLookAngles), not Vigil's frames or bisection. The TLE is the ISS element
 * set of 2026-03-19 from scenarios/data/active-2026-03.tle (CelesTrak). The constraints are the radar's
 * in scenarios/demo-small.yaml: elevation >= 3 deg, range <= 4,800 km.
 *
 * Tolerances: the brute force brackets each rise/set within a 1 s sample pair, so Vigil's edge must fall
 * inside that bracket (plus the 1 ms bisection tolerance); brute-force maximum elevation is a 1 s sample,
 * at most ~0.01 deg below the true peak for a LEO pass.
 *
 * The passes on 2026-03-19 (UTC, rise / set / max elevation), as the brute force and Vigil both find them:
 *   15:43:14 15:47:15  5.03 deg    17:16:49 17:25:23 22.42 deg    18:52:50 19:02:11 48.86 deg
 *   20:29:28 20:38:47 47.16 deg    22:06:18 22:14:42 20.64 deg    23:44:52 23:47:44  3.99 deg
 */
import { degreesToRadians, ecfToLookAngles, eciToEcf, gstime, propagate, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { accessWindows } from '../../engine/physics/access.js';
import { DEG } from '../../engine/physics/frames.js';

const L1 = '1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991';
const L2 = '2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798';
const SITE = { latDeg: 54.3617, lonDeg: -0.67, altKm: 0.26 };
const START_MS = Date.UTC(2026, 2, 19, 6, 0, 0);
const END_MS = START_MS + 24 * 3_600_000;
const BISECTION_MS = 1;
const SAMPLE_MAX_EL_SHORTFALL_DEG = 0.01;

interface Bracketed {
  riseAfter: number;
  riseBefore: number;
  setAfter: number;
  setBefore: number;
  maxElDeg: number;
}

/** Brute force: visibility every second with satellite.js alone. */
function bruteForce(elMinDeg: number, rangeKmMax: number, azOk: (azDeg: number) => boolean = () => true): Bracketed[] {
  const satrec = twoline2satrec(L1, L2);
  const observer = { latitude: degreesToRadians(SITE.latDeg), longitude: degreesToRadians(SITE.lonDeg), height: SITE.altKm };
  const out: Bracketed[] = [];
  let prevVisible = false;
  let prevT = START_MS;
  let current: Partial<Bracketed> | null = null;
  for (let t = START_MS; t <= END_MS; t += 1000) {
    const date = new Date(t);
    const pv = propagate(satrec, date);
    if (!pv) throw new Error('ISS propagation failed');
    const look = ecfToLookAngles(observer, eciToEcf(pv.position, gstime(date)));
    const elDeg = look.elevation / DEG;
    const visible = elDeg >= elMinDeg && look.rangeSat <= rangeKmMax && azOk(look.azimuth / DEG);
    if (visible && !prevVisible) current = { riseAfter: t === START_MS ? t : prevT, riseBefore: t, maxElDeg: elDeg };
    if (visible && current) current.maxElDeg = Math.max(current.maxElDeg!, elDeg);
    if (!visible && prevVisible && current) {
      out.push({ ...current, setAfter: prevT, setBefore: t } as Bracketed);
      current = null;
    }
    prevVisible = visible;
    prevT = t;
  }
  return out;
}

const site = { latRad: SITE.latDeg * DEG, lonRad: SITE.lonDeg * DEG, altKm: SITE.altKm };

describe('access windows: ISS over RAF Fylingdales, 24 h from 2026-03-19T06:00Z', () => {
  const expected = bruteForce(3, 4800);

  it('finds every pass the brute force finds, edges inside the 1 s brackets', () => {
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 4800, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: START_MS, endMs: END_MS });
    expect(expected.map((e) => new Date(e.riseBefore).toISOString().slice(11, 19))).toEqual(['15:43:15', '17:16:50', '18:52:51', '20:29:29', '22:06:19', '23:44:53']);
    expect(got.windows.map((w) => new Date(w.riseMs).toISOString())).toHaveLength(expected.length);
    got.windows.forEach((w, i) => {
      const e = expected[i];
      expect(w.riseMs).toBeGreaterThanOrEqual(e.riseAfter - BISECTION_MS);
      expect(w.riseMs).toBeLessThanOrEqual(e.riseBefore + BISECTION_MS);
      expect(w.setMs).toBeGreaterThanOrEqual(e.setAfter - BISECTION_MS);
      expect(w.setMs).toBeLessThanOrEqual(e.setBefore + BISECTION_MS);
      expect(w.maxElevationDeg).toBeGreaterThanOrEqual(e.maxElDeg - 1e-6);
      expect(w.maxElevationDeg - e.maxElDeg).toBeLessThan(SAMPLE_MAX_EL_SHORTFALL_DEG);
      expect(w.maxElevationMs).toBeGreaterThanOrEqual(w.riseMs);
      expect(w.maxElevationMs).toBeLessThanOrEqual(w.setMs);
    });
  });

  it('honours a range limit: a 1,500 km radar sees shorter windows, each inside a 4,800 km one', () => {
    const short = bruteForce(3, 1500);
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThanOrEqual(expected.length);
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 1500, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: START_MS, endMs: END_MS });
    expect(got.windows).toHaveLength(short.length);
    got.windows.forEach((w, i) => {
      expect(w.riseMs).toBeGreaterThanOrEqual(short[i].riseAfter - BISECTION_MS);
      expect(w.setMs).toBeLessThanOrEqual(short[i].setBefore + BISECTION_MS);
    });
  });

  it('honours an azimuth window that wraps through north', () => {
    // The ISS never passes north of Yorkshire (inclination 51.6 deg < 54.4 deg): a window from 200 deg
    // through north to 100 deg keeps the western and eastern ends of its passes and cuts their south-east.
    const azOk = (az: number) => az >= 200 || az <= 100;
    const north = bruteForce(3, 4800, azOk);
    expect(north.length).toBeGreaterThan(0);
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 4800, azimuthDegMin: 200, azimuthDegMax: 100 }, { startMs: START_MS, endMs: END_MS });
    expect(got.windows).toHaveLength(north.length);
    got.windows.forEach((w, i) => {
      expect(w.riseMs).toBeGreaterThanOrEqual(north[i].riseAfter - BISECTION_MS);
      expect(w.riseMs).toBeLessThanOrEqual(north[i].riseBefore + BISECTION_MS);
      expect(w.setMs).toBeGreaterThanOrEqual(north[i].setAfter - BISECTION_MS);
      expect(w.setMs).toBeLessThanOrEqual(north[i].setBefore + BISECTION_MS);
    });
  });

  it('stops at windowsMax and says the list was truncated', () => {
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 4800, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: START_MS, endMs: END_MS, windowsMax: 2 });
    expect(got.windows).toHaveLength(2);
    expect(got.truncated).toBe(true);
    const all = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 4800, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: START_MS, endMs: END_MS, windowsMax: expected.length });
    expect(all.truncated).toBe(false);
  });

  it('catches a grazing pass shorter than the coarse scan step (peak search)', () => {
    // The highest pass, with the elevation mask set 0.2 deg below its peak: visible for ~20 s only.
    const best = expected.reduce((a, b) => (b.maxElDeg > a.maxElDeg ? b : a));
    const mask = best.maxElDeg - 0.2;
    const graze = bruteForce(mask, 4800);
    expect(graze).toHaveLength(1);
    expect(graze[0].setBefore - graze[0].riseAfter).toBeLessThan(46_000);
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: mask, rangeKmMax: 4800, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: START_MS, endMs: END_MS, scanStepMs: 60_000 });
    expect(got.windows).toHaveLength(1);
    expect(got.windows[0].riseMs).toBeGreaterThanOrEqual(graze[0].riseAfter - BISECTION_MS);
    expect(got.windows[0].setMs).toBeLessThanOrEqual(graze[0].setBefore + BISECTION_MS);
  });

  it('marks windows clipped by the interval', () => {
    const first = expected[0];
    const mid = Math.round((first.riseBefore + first.setAfter) / 2);
    const got = accessWindows(twoline2satrec(L1, L2), site, { elevationDegMin: 3, rangeKmMax: 4800, azimuthDegMin: 0, azimuthDegMax: 360 }, { startMs: mid, endMs: mid + 60_000 });
    expect(got.windows).toHaveLength(1);
    expect(got.windows[0]).toMatchObject({ riseMs: mid, setMs: mid + 60_000, riseClipped: true, setClipped: true });
  });
});
