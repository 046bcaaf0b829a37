/**
 * Frames against published worked examples:
 * - TEME -> PEF: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753,
 *   the worked example of section "TEME" / Appendix: epoch 2004-04-06 07:51:28.386009 UTC,
 *   dUT1 = -0.4399619 s, xp = -0.140682", yp = 0.333309".
 * - ECEF -> geodetic: Vallado, Fundamentals of Astrodynamics and Applications, Example 3-3.
 * - A round-trip property over the whole range of latitudes, longitudes and heights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEG, ecefToGeodetic, ecefToTeme, geodeticToEcef, gmstRad, lookAngles, temeToEcef, topocentre } from '../../engine/physics/frames.js';
import { jdFromMs } from '../../engine/time.js';
import { testSeed } from '../helpers.js';

const ONE_METRE_KM = 1e-3;
const ONE_MM_KM = 1e-6;
/** Polar motion of the example (|xp|, |yp| < 0.34") moves the point by less than 20 m at 10,000 km. */
const POLAR_MOTION_KM = 0.02;

describe('TEME -> PEF (AIAA 2006-6753 worked example)', () => {
  const utcMs = Date.UTC(2004, 3, 6, 7, 51, 28) + 386.009;
  const dUt1S = -0.4399619;
  const rTeme = { x: 5094.1801621, y: 6127.6446595, z: 6380.3445327 };
  const rPef = { x: -1033.4750313, y: 7901.3055856, z: 6380.3445327 };
  const rItrf = { x: -1033.479383, y: 7901.2952754, z: 6380.3565958 };

  it('rotates by GMST of UT1 to the published PEF vector within a metre', () => {
    const gmst = gmstRad(jdFromMs(utcMs + dUt1S * 1000));
    const r = temeToEcef(rTeme, gmst);
    expect(Math.abs(r.x - rPef.x)).toBeLessThan(ONE_METRE_KM);
    expect(Math.abs(r.y - rPef.y)).toBeLessThan(ONE_METRE_KM);
    expect(Math.abs(r.z - rPef.z)).toBeLessThan(ONE_MM_KM);
  });

  it('stays within the documented polar-motion bound of the published ITRF vector', () => {
    const r = temeToEcef(rTeme, gmstRad(jdFromMs(utcMs + dUt1S * 1000)));
    expect(Math.hypot(r.x - rItrf.x, r.y - rItrf.y, r.z - rItrf.z)).toBeLessThan(POLAR_MOTION_KM);
  });

  it('using UTC for UT1 (what the engine does) costs |dUT1| * omega * r, here about 0.25 km', () => {
    const r = temeToEcef(rTeme, gmstRad(jdFromMs(utcMs)));
    const err = Math.hypot(r.x - rPef.x, r.y - rPef.y);
    const expected = Math.abs(dUt1S) * 7.292115e-5 * Math.hypot(rPef.x, rPef.y);
    expect(Math.abs(err - expected)).toBeLessThan(ONE_METRE_KM);
  });

  it('ecefToTeme inverts temeToEcef', () => {
    const g = 1.234;
    const back = ecefToTeme(temeToEcef(rTeme, g), g);
    expect(Math.hypot(back.x - rTeme.x, back.y - rTeme.y, back.z - rTeme.z)).toBeLessThan(ONE_MM_KM);
  });
});

describe('ECEF -> geodetic (Vallado, Example 3-3)', () => {
  it('gives latitude 34.352496 deg, longitude 46.4464 deg, height 5085.22 km', () => {
    const g = ecefToGeodetic({ x: 6524.834, y: 6862.875, z: 6448.296 });
    expect(g.latRad / DEG).toBeCloseTo(34.352496, 5);
    expect(g.lonRad / DEG).toBeCloseTo(46.4464, 4);
    expect(g.altKm).toBeCloseTo(5085.22, 2);
  });

  it('round-trips geodetic -> ECEF -> geodetic to a millimetre everywhere, poles included', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -179.999, max: 180, noNaN: true }), fc.double({ min: -0.5, max: 40_000, noNaN: true }), (latDeg, lonDeg, altKm) => {
        const g = ecefToGeodetic(geodeticToEcef({ latRad: latDeg * DEG, lonRad: lonDeg * DEG, altKm }));
        expect(Math.abs(g.latRad - latDeg * DEG)).toBeLessThan(1e-10);
        if (Math.abs(latDeg) < 89.9999) expect(Math.abs(Math.sin(g.lonRad - lonDeg * DEG))).toBeLessThan(1e-10);
        expect(Math.abs(g.altKm - altKm)).toBeLessThan(ONE_MM_KM);
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('look angles', () => {
  it('sees a point straight overhead at 90 deg elevation and a point due north at azimuth 0', () => {
    const site = { latRad: 54.3617 * DEG, lonRad: -0.67 * DEG, altKm: 0.26 };
    const topo = topocentre(site);
    const above = geodeticToEcef({ ...site, altKm: 500 });
    expect(lookAngles(topo, above).elRad / DEG).toBeCloseTo(90, 6);
    expect(lookAngles(topo, above).rangeKm).toBeCloseTo(499.74, 6);
    const north = geodeticToEcef({ ...site, latRad: site.latRad + 0.01 * DEG });
    expect(lookAngles(topo, north).azRad / DEG).toBeCloseTo(0, 3);
    const east = geodeticToEcef({ ...site, lonRad: site.lonRad + 0.01 * DEG });
    expect(lookAngles(topo, east).azRad / DEG).toBeCloseTo(90, 1);
  });
});
