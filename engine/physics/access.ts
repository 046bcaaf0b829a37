/**
 * Access windows: when a ground sensor can see an orbiting object (rise, set, maximum elevation), like
 * STK's access report. A coarse scan samples the constraints; each change of visibility is refined by
 * bisection to `toleranceMs` (default 1 ms, well inside the 1 s the planner needs). A pass too short to
 * show at any coarse sample is caught by a peak search: wherever elevation rises then falls across three
 * samples, a golden-section search finds the peak and, if the object is visible there, the window.
 *
 * Times are UTC ms; Earth rotation uses UTC for UT1 (frames.ts). SGP4 is satellite.js's JavaScript sgp4;
 * the engine's WASM backend agrees with it to ~2e-4 km over a day, so window edges agree to well under
 * a millisecond.
 */
import { sgp4, type SatRec } from 'satellite.js';
import { MS_PER_MINUTE, jdFromMs } from '../time.js';
import { DEG, gmstRad, lookAngles, temeToEcef, topocentre, type Geodetic, type LookAngles } from './frames.js';
import { satrecEpochMs } from './orbit-sources.js';

export interface AccessConstraints {
  elevationDegMin: number;
  rangeKmMax: number;
  azimuthDegMin: number;
  azimuthDegMax: number;
}

export interface AccessOptions {
  startMs: number;
  endMs: number;
  /** Bisection tolerance, ms (default 1). */
  toleranceMs?: number;
  /** Coarse scan step, ms (default: 1/120 of the orbital period, between 5 s and 60 s). */
  scanStepMs?: number;
  /** Most windows returned (default 10,000): a limit on everything. */
  windowsMax?: number;
}

export interface AccessWindow {
  riseMs: number;
  setMs: number;
  durationS: number;
  /** True when the window was already open at the start (rise is the start of the analysis). */
  riseClipped: boolean;
  /** True when the window was still open at the end. */
  setClipped: boolean;
  maxElevationDeg: number;
  maxElevationMs: number;
  riseAzimuthDeg: number;
  setAzimuthDeg: number;
}

/** Why an access computation stopped early: the object's SGP4 failed at `atMs`. */
export interface AccessResult {
  windows: AccessWindow[];
  failedAtMs: number | null;
  failure: number | null;
  truncated: boolean;
}

const GOLDEN_ITERATIONS_MAX = 60;
const BISECTION_ITERATIONS_MAX = 64;

export function accessWindows(satrec: SatRec, site: Geodetic, c: AccessConstraints, opts: AccessOptions): AccessResult {
  const topo = topocentre(site);
  const epochMs = satrecEpochMs(satrec);
  const toleranceMs = opts.toleranceMs ?? 1;
  const periodMs = ((2 * Math.PI) / satrec.no) * MS_PER_MINUTE;
  const scanStepMs = opts.scanStepMs ?? Math.min(60_000, Math.max(5_000, periodMs / 120));
  const windowsMax = opts.windowsMax ?? 10_000;
  const elMin = c.elevationDegMin * DEG;
  const azMin = c.azimuthDegMin * DEG;
  const azMax = c.azimuthDegMax * DEG;
  const allRound = c.azimuthDegMax - c.azimuthDegMin >= 360 - 1e-9;
  let failure: { atMs: number; code: number } | null = null;

  const look = (t: number): LookAngles | null => {
    const pv = sgp4(satrec, (t - epochMs) / MS_PER_MINUTE);
    if (pv === null) {
      failure ??= { atMs: t, code: satrec.error };
      return null;
    }
    return lookAngles(topo, temeToEcef(pv.position, gmstRad(jdFromMs(t))));
  };
  const visibleAt = (la: LookAngles | null): boolean => {
    if (la === null || la.elRad < elMin || la.rangeKm > c.rangeKmMax) return false;
    if (allRound) return true;
    return azMin <= azMax ? la.azRad >= azMin && la.azRad <= azMax : la.azRad >= azMin || la.azRad <= azMax;
  };
  const visible = (t: number) => visibleAt(look(t));
  const elevation = (t: number) => look(t)?.elRad ?? -Math.PI;

  /** The time in (a, b] where visibility flips, given visible(a) = va. */
  const bisect = (a: number, b: number, va: boolean): number => {
    for (let i = 0; i < BISECTION_ITERATIONS_MAX && b - a > toleranceMs; i++) {
      const m = (a + b) / 2;
      if (visible(m) === va) a = m;
      else b = m;
    }
    return va ? a : b;
  };
  /** Golden-section search for the elevation peak in [a, b]. */
  const peak = (a: number, b: number): number => {
    const g = (Math.sqrt(5) - 1) / 2;
    let x1 = b - g * (b - a);
    let x2 = a + g * (b - a);
    let f1 = elevation(x1);
    let f2 = elevation(x2);
    for (let i = 0; i < GOLDEN_ITERATIONS_MAX && b - a > toleranceMs; i++) {
      if (f1 < f2) {
        a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = elevation(x2);
      } else {
        b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = elevation(x1);
      }
    }
    return (a + b) / 2;
  };

  // Coarse scan: sample times, visibility and elevation.
  const times: number[] = [];
  for (let t = opts.startMs; t < opts.endMs; t += scanStepMs) times.push(t);
  times.push(opts.endMs);
  const looks = times.map(look);
  const vis = looks.map(visibleAt);
  const els = looks.map((la) => la?.elRad ?? -Math.PI);

  // Intervals [rise, set] from visibility changes, plus short passes found at elevation peaks.
  const spans: { rise: number; set: number; riseClipped: boolean; setClipped: boolean }[] = [];
  let openAt: number | null = vis[0] ? opts.startMs : null;
  for (let i = 1; i < times.length; i++) {
    if (vis[i] !== vis[i - 1]) {
      const edge = bisect(times[i - 1], times[i], vis[i - 1]);
      if (vis[i]) openAt = edge;
      else if (openAt !== null) {
        spans.push({ rise: openAt, set: edge, riseClipped: openAt === opts.startMs && vis[0], setClipped: false });
        openAt = null;
      }
    } else if (!vis[i] && i + 1 < times.length && !vis[i + 1] && els[i] > els[i - 1] && els[i] >= els[i + 1]) {
      const tPeak = peak(times[i - 1], times[i + 1]);
      if (visible(tPeak)) {
        spans.push({ rise: bisect(times[i - 1], tPeak, false), set: bisect(tPeak, times[i + 1], true), riseClipped: false, setClipped: false });
      }
    }
    // One window past the limit is enough to know the list is truncated.
    if (spans.length > windowsMax) break;
  }
  if (openAt !== null && spans.length <= windowsMax) spans.push({ rise: openAt, set: opts.endMs, riseClipped: openAt === opts.startMs && vis[0], setClipped: true });
  spans.sort((a, b) => a.rise - b.rise);
  const truncated = spans.length > windowsMax;
  spans.length = Math.min(spans.length, windowsMax);

  const windows = spans.map((s) => {
    const tMax = peak(s.rise, s.set);
    const elAtMax = Math.max(elevation(tMax), elevation(s.rise), elevation(s.set));
    const maxElevationMs = elAtMax === elevation(tMax) ? tMax : elevation(s.rise) >= elevation(s.set) ? s.rise : s.set;
    return {
      riseMs: Math.round(s.rise),
      setMs: Math.round(s.set),
      durationS: (s.set - s.rise) / 1000,
      riseClipped: s.riseClipped,
      setClipped: s.setClipped,
      maxElevationDeg: elAtMax / DEG,
      maxElevationMs: Math.round(maxElevationMs),
      riseAzimuthDeg: (look(s.rise)?.azRad ?? NaN) / DEG,
      setAzimuthDeg: (look(s.set)?.azRad ?? NaN) / DEG,
    };
  });
  const f = failure as { atMs: number; code: number } | null;
  return { windows, failedAtMs: f?.atMs ?? null, failure: f?.code ?? null, truncated };
}
