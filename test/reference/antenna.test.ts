/**
 * Antenna patterns against their defining formulas and published values, recomputed here by hand:
 * - Beamwidth from gain: G = eta (pi D / lambda)^2 and theta3dB = 70 lambda / D (G. Maral & M. Bousquet,
 *   Satellite Communications Systems, section 5.2; D. Roddy, Satellite Communications, chapter 6), which
 *   Maral & Bousquet combine into G = eta (70 pi / theta3dB)^2, "about 29 000 / theta3dB^2" for eta = 0.6.
 * - Earth-station sidelobes: Recommendation ITU-R S.465-6 (01/2010): 32 - 25 log10(phi) dBi for
 *   phi_min <= phi < 48 deg, -10 dBi to 180 deg; phi_min = max(1, 100 lambda / D) for D / lambda >= 50,
 *   max(2, 114 (D / lambda)^-1.09) below.
 * - Main lobe: G - 12 (theta / theta3dB)^2, ITU-R S.672-4 / S.1528 (3 (psi / psi0)^2 with psi0 the
 *   half-power half-angle), -3 dB at theta3dB / 2 by construction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APERTURE_EFFICIENCY_DEFAULT,
  GEO_RADIUS_KM,
  SPOT_BEAM_LOSS_DB_MAX,
  apertureGainDbi,
  beamwidthFromGainDeg,
  diameterOverWavelengthFromGain,
  earthHalfAngleDeg,
  earthStationGainDbi,
  globalBeamLossDb,
  itu465EnvelopeDbi,
  itu465GainDbi,
  itu465PhiMinDeg,
  offAxisAngleRad,
  parabolicGainDbi,
  spotBeamLossDb,
} from '../../engine/physics/antenna.js';
import { testSeed } from '../helpers.js';

/** 10 log10 of a positive quantity, kept apart from the module's arithmetic. */
function db(x: number): number {
  return (10 * Math.log(x)) / Math.LN10;
}

const RAD_PER_DEG = Math.PI / 180;

describe('circular aperture: gain, D / lambda and beamwidth', () => {
  it('40 dBi at eta 0.65: D / lambda = sqrt(1e4 / 0.65) / pi = 39.48, theta3dB = 70 / 39.48 = 1.77 deg', () => {
    const dOverLambda = Math.sqrt(1e4 / 0.65) / Math.PI;
    expect(dOverLambda).toBeCloseTo(39.48, 2);
    expect(70 / dOverLambda).toBeCloseTo(1.773, 3);
    expect(diameterOverWavelengthFromGain(40)).toBeCloseTo(dOverLambda, 12);
    expect(beamwidthFromGainDeg(40)).toBeCloseTo(1.773, 3);
    expect(beamwidthFromGainDeg(40, 0.65)).toBe(beamwidthFromGainDeg(40));
    expect(APERTURE_EFFICIENCY_DEFAULT).toBe(0.65);
  });

  it('Maral & Bousquet: at eta 0.6, G = 29 000 / theta3dB^2, so 44.62 dBi is a 1.00 deg beam', () => {
    expect(0.6 * (70 * Math.PI) ** 2).toBeCloseTo(29_017, 0); // the "about 29 000"
    expect(beamwidthFromGainDeg(db(29_000), 0.6)).toBeCloseTo(1.0, 3);
    expect(beamwidthFromGainDeg(db(29_000 / 4), 0.6)).toBeCloseTo(2.0, 2);
  });

  it('a 2.4 m dish at 8 GHz, eta 0.65: 10 log10(0.65 (pi 2.4 / 0.03747)^2) = 44.2 dBi, and its gain gives back its D / lambda', () => {
    const lambdaM = 299_792_458 / 8e9;
    const handDbi = db(0.65 * ((Math.PI * 2.4) / lambdaM) ** 2);
    expect(handDbi).toBeCloseTo(44.2, 1);
    expect(apertureGainDbi(2.4, 8)).toBeCloseTo(handDbi, 9);
    expect(diameterOverWavelengthFromGain(apertureGainDbi(2.4, 8))).toBeCloseTo(2.4 / lambdaM, 9);
  });

  it('halving the beamwidth takes 6.02 dB more gain, at any efficiency', () => {
    const seed = testSeed();
    console.log(`property seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/reference/antenna.test.ts`);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 70, noNaN: true }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), (g, eta) => {
        expect(beamwidthFromGainDeg(g, eta) / beamwidthFromGainDeg(g + 20 * Math.log10(2), eta)).toBeCloseTo(2, 9);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('parabolic main lobe: G - 12 (theta / theta3dB)^2', () => {
  it('peak on axis, -3 dB at theta3dB / 2, -12 dB at theta3dB, never below the floor', () => {
    expect(parabolicGainDbi(40, 1.773, 0, -10)).toBe(40);
    expect(parabolicGainDbi(40, 1.773, 1.773 / 2, -10)).toBeCloseTo(37, 12);
    expect(parabolicGainDbi(40, 1.773, 1.773, -10)).toBeCloseTo(28, 12);
    expect(parabolicGainDbi(40, 1.773, -1.773 / 2, -10)).toBeCloseTo(37, 12);
    expect(parabolicGainDbi(40, 1.773, 10, -10)).toBe(-10);
  });
});

describe('ITU-R S.465-6 earth-station pattern', () => {
  it('phi_min: 1 deg for D / lambda >= 100, 100 / (D / lambda) from 50 to 100, max(2, 114 (D / lambda)^-1.09) below 50', () => {
    expect(itu465PhiMinDeg(222)).toBe(1);
    expect(itu465PhiMinDeg(100)).toBe(1);
    expect(itu465PhiMinDeg(60)).toBeCloseTo(100 / 60, 12);
    expect(itu465PhiMinDeg(50)).toBeCloseTo(2, 12);
    // 40 dBi at eta 0.65 is D / lambda = 39.48: 114 * 39.48^-1.09 = 114 / 54.96 = 2.074 deg.
    expect(114 * 39.48 ** -1.09).toBeCloseTo(2.074, 3);
    expect(itu465PhiMinDeg(39.48)).toBeCloseTo(2.074, 3);
    expect(itu465PhiMinDeg(200 / 3)).toBeCloseTo(1.5, 12);
    expect(itu465PhiMinDeg(10)).toBeCloseTo(Math.max(2, 114 / 10 ** 1.09), 12);
  });

  it('the envelope: 32 dBi at 1 deg, 7 dBi at 10 deg, -0.53 dBi at 20 deg, -10 dBi from 48 deg (55 dBi dish, phi_min 1 deg)', () => {
    const g = 55;
    expect(diameterOverWavelengthFromGain(g)).toBeGreaterThan(100);
    expect(earthStationGainDbi(g, 1)).toBeCloseTo(32 - 25 * Math.log10(1), 12);
    expect(earthStationGainDbi(g, 10)).toBeCloseTo(32 - 25 * Math.log10(10), 12);
    expect(earthStationGainDbi(g, 10)).toBeCloseTo(7, 12);
    expect(earthStationGainDbi(g, 20)).toBeCloseTo(-0.53, 2);
    expect(earthStationGainDbi(g, 47.999)).toBeCloseTo(32 - 25 * Math.log10(47.999), 9); // -10.03
    expect(earthStationGainDbi(g, 48)).toBe(-10);
    expect(earthStationGainDbi(g, 90)).toBe(-10);
    expect(earthStationGainDbi(g, 180)).toBe(-10);
    expect(earthStationGainDbi(g, -10)).toBe(earthStationGainDbi(g, 10));
    expect(itu465EnvelopeDbi(0.5, 1)).toBe(32); // held at its phi_min value inside phi_min
  });

  it('the main lobe while it is above the envelope: 40 dBi at 1 deg is 40 - 12 (1 / 1.773)^2 = 36.18 dBi', () => {
    const theta3 = 70 / (Math.sqrt(1e4 / 0.65) / Math.PI);
    const mainDbi = 40 - 12 * (1 / theta3) ** 2;
    expect(mainDbi).toBeCloseTo(36.18, 2);
    expect(earthStationGainDbi(40, 1)).toBeCloseTo(mainDbi, 9);
    expect(earthStationGainDbi(40, 0)).toBe(40);
    expect(earthStationGainDbi(40, theta3 / 2)).toBeCloseTo(37, 9);
    // The main lobe meets the plateau 32 - 25 log 2.074 = 24.08 dBi (held inside phi_min = 2.074 deg) at
    // 1.773 sqrt((40 - 24.08) / 12) = 2.04 deg; from there, the envelope.
    expect(32 - 25 * Math.log10(2.074)).toBeCloseTo(24.08, 2);
    expect(1.773 * Math.sqrt((40 - 24.08) / 12)).toBeCloseTo(2.04, 2);
    expect(earthStationGainDbi(40, 2.0)).toBeCloseTo(40 - 12 * (2.0 / theta3) ** 2, 9);
    expect(earthStationGainDbi(40, 2.06)).toBeCloseTo(32 - 25 * Math.log10(114 * 39.48 ** -1.09), 2);
    expect(earthStationGainDbi(40, 5)).toBeCloseTo(32 - 25 * Math.log10(5), 12);
  });

  it('D / lambda = 100: main lobe, then the 32 dBi first-sidelobe plateau (the Appendix 8 G1 = 2 + 15 log 100), then the envelope', () => {
    const dOverLambda = 100;
    const peakDbi = db(0.65 * (Math.PI * dOverLambda) ** 2); // 48.07 dBi
    expect(2 + 15 * Math.log10(dOverLambda)).toBe(32);
    // The main lobe falls to 32 dBi at theta3 sqrt((48.07 - 32) / 12) = 0.7 * 1.157 = 0.81 deg.
    const crossingDeg = 0.7 * Math.sqrt((peakDbi - 32) / 12);
    expect(crossingDeg).toBeCloseTo(0.81, 2);
    expect(itu465GainDbi(peakDbi, crossingDeg / 2, dOverLambda)).toBeGreaterThan(32);
    expect(itu465GainDbi(peakDbi, 0.9, dOverLambda)).toBe(32);
    expect(itu465GainDbi(peakDbi, 2, dOverLambda)).toBeCloseTo(32 - 25 * Math.log10(2), 12);
  });

  it('is continuous (bar the 0.03 dB S.465 step at 48 deg), never above the peak, and non-increasing off axis', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: 10, max: 65, noNaN: true }), fc.double({ min: 0, max: 179, noNaN: true }), (peakDbi, phiDeg) => {
        const here = earthStationGainDbi(peakDbi, phiDeg);
        const next = earthStationGainDbi(peakDbi, phiDeg + 1e-7);
        expect(here).toBeLessThanOrEqual(peakDbi);
        expect(next).toBeLessThanOrEqual(here + 1e-9);
        if (!(phiDeg < 48 && phiDeg + 1e-7 >= 48)) expect(here - next).toBeLessThan(1e-4);
      }),
      { seed, numRuns: 2000 },
    );
    // Scan each pattern for jumps, in steps of theta3dB / 1000 through the main lobe (where the slope
    // peaks near 24 u / theta3dB per deg) and 0.001 deg beyond: no step may exceed 0.05 dB but S.465's own.
    for (const peakDbi of [15, 25, 35, 40, 45, 48.07, 55, 62]) {
      const theta3 = beamwidthFromGainDeg(peakDbi);
      let worstDb = 0;
      for (let phi = 0; phi < 60; ) {
        const step = phi < 5 * theta3 ? theta3 / 1000 : 0.001;
        if (!(phi < 48 && phi + step >= 48)) worstDb = Math.max(worstDb, Math.abs(earthStationGainDbi(peakDbi, phi) - earthStationGainDbi(peakDbi, phi + step)));
        phi += step;
      }
      expect(worstDb, `${peakDbi} dBi`).toBeLessThan(0.05);
    }
  });
});

describe('satellite beams', () => {
  it('spot beam: 3 dB at the half-power half-angle, 12 dB at twice it, capped at 30 dB', () => {
    expect(spotBeamLossDb(0, 0.5)).toBe(0);
    expect(spotBeamLossDb(0.5, 0.5)).toBeCloseTo(3, 12);
    expect(spotBeamLossDb(1.0, 0.5)).toBeCloseTo(12, 12);
    expect(spotBeamLossDb(5, 0.5)).toBe(SPOT_BEAM_LOSS_DB_MAX);
    expect(SPOT_BEAM_LOSS_DB_MAX).toBe(30);
  });

  it('the Earth subtends asin(6378.137 / 42 164.17) = 8.70 deg from GEO', () => {
    expect(Math.asin(6378.137 / 42_164.17) / RAD_PER_DEG).toBeCloseTo(8.7, 2);
    expect(earthHalfAngleDeg(GEO_RADIUS_KM)).toBeCloseTo(8.7, 2);
  });

  it('global beam: flat over the visible Earth, no step at the limb, 3 dB one Earth half-angle beyond it', () => {
    const half = earthHalfAngleDeg(GEO_RADIUS_KM);
    expect(globalBeamLossDb(0, half)).toBe(0);
    expect(globalBeamLossDb(half, half)).toBe(0);
    expect(globalBeamLossDb(half + 1e-9, half)).toBeLessThan(1e-12);
    expect(globalBeamLossDb(2 * half, half)).toBeCloseTo(3, 12);
    expect(globalBeamLossDb(90, half)).toBe(SPOT_BEAM_LOSS_DB_MAX);
  });
});

describe('off-axis angle', () => {
  it('0, 90 and 180 deg exactly; 1e-10 rad where acos of the dot product would say 0', () => {
    expect(offAxisAngleRad(1, 0, 0, 2, 0, 0)).toBe(0);
    expect(offAxisAngleRad(1, 0, 0, 0, 3, 0)).toBeCloseTo(Math.PI / 2, 15);
    expect(offAxisAngleRad(1, 0, 0, -1, 0, 0)).toBeCloseTo(Math.PI, 15);
    expect(offAxisAngleRad(42_164, 0, 0, 42_164, 42_164e-10, 0)).toBeCloseTo(1e-10, 20);
    expect(Math.acos(1 / Math.hypot(1, 1e-10))).toBe(0);
    expect(offAxisAngleRad(0, 0, 0, 1, 2, 3)).toBe(0);
  });

  it('is symmetric, scale-invariant, in [0, pi], and agrees with acos away from 0 and pi', () => {
    const seed = testSeed();
    const coord = fc.double({ min: -1e5, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, coord, coord, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (ax, ay, az, bx, by, bz, s) => {
        const na = Math.hypot(ax, ay, az);
        const nb = Math.hypot(bx, by, bz);
        fc.pre(na > 1e-3 && nb > 1e-3);
        const angle = offAxisAngleRad(ax, ay, az, bx, by, bz);
        expect(angle).toBeGreaterThanOrEqual(0);
        expect(angle).toBeLessThanOrEqual(Math.PI);
        expect(offAxisAngleRad(bx, by, bz, ax, ay, az)).toBeCloseTo(angle, 12);
        expect(offAxisAngleRad(s * ax, s * ay, s * az, bx, by, bz)).toBeCloseTo(angle, 12);
        const cos = (ax * bx + ay * by + az * bz) / (na * nb);
        if (Math.abs(cos) < 0.99) expect(angle).toBeCloseTo(Math.acos(cos), 9);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
