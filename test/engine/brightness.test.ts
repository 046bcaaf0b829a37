/**
 * The optical sensors' shortcuts (engine/sensors/brightness.ts) against physics/optical.ts: comparing
 * fluxes decides exactly as comparing magnitudes, and the full-phase pre-check never rejects an object a
 * sensor could see.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apparentMagnitude } from '../../engine/physics/optical.js';
import { brightEnough, brightnessOf, faintRange2Factor, fluxLimit, piPhaseFunction } from '../../engine/sensors/brightness.js';
import { testSeed } from '../helpers.js';

describe('optical shortcuts', () => {
  it('brightEnough decides as apparentMagnitude <= magnitudeMax, and the pre-check keeps every visible object (fast-check)', () => {
    const seed = testSeed();
    console.log(`brightness property seed ${seed} (reproduce: VIGIL_TEST_SEED=${seed})`);
    let visible = 0;
    fc.assert(fc.property(
      fc.double({ min: -2, max: 20, noNaN: true }), fc.double({ min: 100, max: 100_000, noNaN: true }),
      fc.double({ min: 0, max: Math.PI, noNaN: true }), fc.double({ min: 5, max: 20, noNaN: true }),
      (std, rangeKm, phase, magMax) => {
        const mag = apparentMagnitude(std, rangeKm, phase);
        if (Math.abs(mag - magMax) < 1e-9) return;
        const seen = mag <= magMax;
        if (seen) visible++;
        expect(brightEnough(brightnessOf(std), rangeKm * rangeKm, Math.cos(phase), fluxLimit(magMax))).toBe(seen);
        if (seen) expect(rangeKm * rangeKm).toBeLessThanOrEqual(faintRange2Factor(magMax) * brightnessOf(std) * (1 + 1e-12));
      },
    ), { seed, numRuns: 5000 });
    expect(visible).toBeGreaterThan(500);
  });
});

describe('the bracket brightEnough uses to skip the arc cosine', () => {
  it('pi F is convex in cos(phase): every chord lies above it and every tangent below (a grid of 20,001 points)', () => {
    const f = piPhaseFunction;
    const slope = (c: number) => Math.PI - Math.acos(c);
    let worst = -Infinity;
    for (let i = 0; i <= 20_000; i++) {
      const c = -1 + (2 * i) / 20_000;
      for (const [a, b] of [[-1, 1], [-0.5, 0.25], [0.9, 1], [-1, -0.9]]) {
        if (c < a || c > b) continue;
        worst = Math.max(worst, f(c) - (f(a) + ((f(b) - f(a)) * (c - a)) / (b - a)));
      }
      for (const t of [-1, -0.3, 0, 0.5, 1]) worst = Math.max(worst, f(t) + slope(t) * (c - t) - f(c));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
    expect(f(1)).toBeCloseTo(Math.PI, 15);
    expect(f(0)).toBeCloseTo(1, 15);
    expect(f(-1)).toBeCloseTo(0, 15);
  });
});
