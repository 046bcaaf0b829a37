/**
 * Optical visibility: Earth shadow geometry, the diffuse-sphere phase function, magnitudes.
 * Published values used:
 * - SeeSat-L, "Calculating magnitudes" thread, Dec 2000 (satobs.org/seesat/Dec-2000/0288.html): an object
 *   seen at +5.0 at exactly 1000 km and a Sun-satellite-observer angle of 45 deg has standard
 *   magnitude (1000 km, 90 deg) +5.94.
 * - SeeSat-L, B. Gimle, 14 Oct 2008 (satobs.org/seesat/Oct-2008/0094.html and 0099.html): "a white sphere
 *   of 1 m2 cross-section is +6.4"; SkyMap (R. Matson) converts a 1 m2 radar cross-section to about +8.1.
 *   SeeSat-L, B. Gimle, 15 Oct 1998 (satobs.org/seesat/Oct-1998/0172.html): rule of thumb
 *   std = 6.0 - 2.5 log10(area x albedo).
 * - The phase integral of a Lambertian sphere, q = 3/2 (H. N. Russell, "On the albedo of the planets and
 *   their satellites", ApJ 43, 1916): geometric albedo = 2/3 Bond albedo, which the magnitude formula uses.
 * Independent checks: the eclipse fraction of a circular orbit with the Sun in its plane, asin(R/r)/pi,
 * and the magnitude of a 1 m2 sphere worked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEG, gmstRad, temeToEcef, topocentre } from '../../engine/physics/frames.js';
import {
  apparentMagnitude,
  diffuseSpherePhase,
  EARTH_RADIUS_KM,
  isSunlit,
  standardMagnitudeFromAreaM2,
  sunElevationSin,
} from '../../engine/physics/optical.js';
import { sunDirection } from '../../engine/physics/sun.js';
import { jdFromMs } from '../../engine/time.js';
import { testSeed } from '../helpers.js';

const ONE_METRE_KM = 1e-3;
/** Magnitudes are quoted to 0.01 in the observing literature. */
const PUBLISHED_MAG = 0.01;
const FIVE_LOG10_2 = 1.50515;

describe('cylindrical Earth shadow (Sun along +x)', () => {
  const [sx, sy, sz] = [1, 0, 0];

  it('is the WGS-84 equatorial radius', () => {
    expect(EARTH_RADIUS_KM).toBe(6378.137);
  });

  it('a point behind the Earth on the shadow axis is dark, at LEO and at GEO', () => {
    expect(isSunlit(-7000, 0, 0, sx, sy, sz)).toBe(false);
    expect(isSunlit(-42_164, 0, 0, sx, sy, sz)).toBe(false);
  });

  it('a point on the sunward side, or on the terminator plane, is lit', () => {
    expect(isSunlit(7000, 0, 0, sx, sy, sz)).toBe(true);
    expect(isSunlit(0, 7000, 0, sx, sy, sz)).toBe(true);
    expect(isSunlit(0, 0, -7000, sx, sy, sz)).toBe(true);
  });

  it('a point behind the Earth but high above the shadow is lit', () => {
    expect(isSunlit(-7000, 0, 7000, sx, sy, sz)).toBe(true);
    expect(isSunlit(-42_164, 6500, 0, sx, sy, sz)).toBe(true);
    expect(isSunlit(-42_164, 6000, 0, sx, sy, sz)).toBe(false);
  });

  it('the edge is at EARTH_RADIUS_KM from the axis, to a metre', () => {
    expect(isSunlit(-7000, EARTH_RADIUS_KM - ONE_METRE_KM, 0, sx, sy, sz)).toBe(false);
    expect(isSunlit(-7000, EARTH_RADIUS_KM + ONE_METRE_KM, 0, sx, sy, sz)).toBe(true);
  });

  it('a circular orbit with the Sun in its plane is dark for asin(R/r)/pi of its period (ISS: ~36 of 92 min)', () => {
    const rKm = EARTH_RADIUS_KM + 400;
    const samples = 36_000;
    let dark = 0;
    for (let i = 0; i < samples; i++) {
      const u = (2 * Math.PI * (i + 0.5)) / samples;
      if (!isSunlit(rKm * Math.cos(u), rKm * Math.sin(u), 0, sx, sy, sz)) dark++;
    }
    expect(dark / samples).toBeCloseTo(Math.asin(EARTH_RADIUS_KM / rKm) / Math.PI, 4);
  });

  it('for any Sun direction: the anti-Sun point is dark, the Sun-side point and a point just off the axis cylinder are lit', () => {
    const seed = testSeed();
    console.log(`property seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/reference/optical.test.ts`);
    const unit = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })).filter(([a, b, c]) => Math.hypot(a, b, c) > 0.1);
    fc.assert(
      fc.property(unit, fc.double({ min: 6600, max: 50_000, noNaN: true }), ([a, b, c], rKm) => {
        const n = Math.hypot(a, b, c);
        const [ux, uy, uz] = [a / n, b / n, c / n];
        expect(isSunlit(-rKm * ux, -rKm * uy, -rKm * uz, ux, uy, uz)).toBe(false);
        expect(isSunlit(rKm * ux, rKm * uy, rKm * uz, ux, uy, uz)).toBe(true);
        // A unit vector perpendicular to the Sun direction: u x (the axis u is least aligned with).
        const ax = Math.abs(ux) < 0.5 ? 1 : 0;
        const ay = ax === 0 && Math.abs(uy) < 0.5 ? 1 : 0;
        const az = ax === 0 && ay === 0 ? 1 : 0;
        let [px, py, pz] = [uy * az - uz * ay, uz * ax - ux * az, ux * ay - uy * ax];
        const pn = Math.hypot(px, py, pz);
        [px, py, pz] = [px / pn, py / pn, pz / pn];
        const off = EARTH_RADIUS_KM + 1;
        expect(isSunlit(-rKm * ux + off * px, -rKm * uy + off * py, -rKm * uz + off * pz, ux, uy, uz)).toBe(true);
        const inside = EARTH_RADIUS_KM - 1;
        expect(isSunlit(-rKm * ux + inside * px, -rKm * uy + inside * py, -rKm * uz + inside * pz, ux, uy, uz)).toBe(false);
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('diffuse sphere phase function', () => {
  it('F(0) = 1, F(pi/2) = 1/pi, F(pi) = 0', () => {
    expect(diffuseSpherePhase(0)).toBe(1);
    expect(diffuseSpherePhase(Math.PI / 2)).toBeCloseTo(1 / Math.PI, 15);
    expect(diffuseSpherePhase(Math.PI)).toBeCloseTo(0, 15);
  });

  it('decreases monotonically from full to new phase', () => {
    let previous = diffuseSpherePhase(0);
    for (let i = 1; i <= 180; i++) {
      const f = diffuseSpherePhase(i * DEG);
      expect(f).toBeLessThan(previous);
      previous = f;
    }
  });

  it('has the phase integral of a Lambertian sphere, q = 2 int F(a) sin(a) da = 3/2 (Russell 1916)', () => {
    const n = 10_000;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const a = ((i + 0.5) * Math.PI) / n;
      q += 2 * diffuseSpherePhase(a) * Math.sin(a) * (Math.PI / n);
    }
    expect(q).toBeCloseTo(1.5, 6);
  });
});

describe('apparent magnitude from standard magnitude (1000 km, 90 deg phase)', () => {
  it('gives the standard magnitude at 1000 km and 90 deg', () => {
    expect(apparentMagnitude(4.2, 1000, Math.PI / 2)).toBeCloseTo(4.2, 12);
  });

  it('SeeSat-L worked example: standard +5.94 seen at 1000 km and 45 deg phase is +5.0', () => {
    expect(Math.abs(apparentMagnitude(5.94, 1000, 45 * DEG) - 5.0)).toBeLessThan(PUBLISHED_MAG);
  });

  it('full phase is 2.5 log10(pi) = 1.243 mag brighter than 90 deg; new phase is invisible', () => {
    expect(apparentMagnitude(0, 1000, 0)).toBeCloseTo(-1.243, 3);
    expect(apparentMagnitude(0, 1000, Math.PI)).toBe(Number.POSITIVE_INFINITY);
  });

  it('inverse-square law: doubling the range adds 5 log10(2) = 1.505 mag, at any magnitude, range and phase', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: -5, max: 20, noNaN: true }), fc.double({ min: 200, max: 100_000, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (std, rangeKm, phaseRad) => {
        const d = apparentMagnitude(std, 2 * rangeKm, phaseRad) - apparentMagnitude(std, rangeKm, phaseRad);
        expect(d).toBeCloseTo(FIVE_LOG10_2, 5);
      }),
      { seed, numRuns: 1000 },
    );
  });
});

describe('standard magnitude of a diffuse sphere from its area', () => {
  it('matches the hand computation: 1 m2, albedo 0.175 -> -26.74 + 30 + 2.5 log10(3 pi^2 / 2) - 2.5 log10(0.175) = 8.078', () => {
    // By hand: 3 pi^2 / 2 = 14.80441, log10 = 1.170391, x 2.5 = 2.925978; -2.5 log10(0.175) = 1.892405.
    const byHand = -26.74 + 30 + 2.925978 + 1.892405;
    expect(standardMagnitudeFromAreaM2(1)).toBeCloseTo(byHand, 5);
    expect(standardMagnitudeFromAreaM2(1, 0.175)).toBeCloseTo(8.0784, 4);
  });

  it('agrees with the observers\' conversions: SkyMap ~+8.1 for 1 m2, a white 1 m2 sphere ~+6.4, 6.0 - 2.5 log10(A albedo)', () => {
    expect(Math.abs(standardMagnitudeFromAreaM2(1) - 8.1)).toBeLessThan(0.1);
    expect(Math.abs(standardMagnitudeFromAreaM2(1, 1) - 6.4)).toBeLessThan(0.25);
    for (const [area, albedo] of [[1, 0.175], [10, 0.3], [0.1, 0.1]]) {
      expect(Math.abs(standardMagnitudeFromAreaM2(area, albedo) - (6.0 - 2.5 * Math.log10(area * albedo)))).toBeLessThan(0.2);
    }
  });

  it('an ISS-size area (~2500 m2) is 2.5 log10(2500) = 8.49 mag brighter than 1 m2: about -0.4, brighter than 0', () => {
    const iss = standardMagnitudeFromAreaM2(2500);
    expect(standardMagnitudeFromAreaM2(1) - iss).toBeCloseTo(2.5 * Math.log10(2500), 10);
    expect(iss).toBeLessThan(0);
  });
});

describe('Sun elevation at a site', () => {
  function elevationDeg(latDeg: number, lonDeg: number, utcMs: number): number {
    const sunTeme = new Float64Array(3);
    sunDirection(utcMs, sunTeme);
    const s = temeToEcef({ x: sunTeme[0], y: sunTeme[1], z: sunTeme[2] }, gmstRad(jdFromMs(utcMs)));
    const { up } = topocentre({ latRad: latDeg * DEG, lonRad: lonDeg * DEG, altKm: 0 });
    return Math.asin(sunElevationSin(up.x, up.y, up.z, s.x, s.y, s.z)) / DEG;
  }

  it('is near the zenith at the equator, longitude 0, at noon of the March equinox (2024-03-20)', () => {
    // The equation of time (-7.5 min) keeps the Sun about 1.9 deg from the zenith at 12:00 UTC.
    expect(elevationDeg(0, 0, Date.UTC(2024, 2, 20, 12))).toBeGreaterThan(87.5);
  });

  it('grazes the horizon at local midnight on the Arctic circle at the June solstice (2024-06-20)', () => {
    expect(Math.abs(elevationDeg(90 - 23.436, 0, Date.UTC(2024, 5, 21, 0, 2)))).toBeLessThan(0.05);
  });

  it('is the Sun declination at the North Pole (up = +z in TEME and ECEF alike)', () => {
    const utcMs = Date.UTC(2024, 5, 20, 20, 51);
    const s = new Float64Array(3);
    sunDirection(utcMs, s);
    expect(Math.asin(sunElevationSin(0, 0, 1, s[0], s[1], s[2])) / DEG).toBeCloseTo(23.436, 2);
  });
});
