/**
 * The optical sensors' shortcuts (engine/sensors/brightness.ts) against physics/optical.ts: comparing
 * fluxes decides exactly as comparing magnitudes, and the full-phase pre-check never rejects an object a
 * sensor could see.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apparentMagnitude } from '../../engine/physics/optical.js';
import { brightEnough, brightnessOf, faintRange2Factor, fluxLimit } from '../../engine/sensors/brightness.js';
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
