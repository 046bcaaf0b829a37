/**
 * Fidelity: noise drawn from a seeded stream (Box-Muller), rounding to a grid, identity downgrade, field
 * strip. Noise statistics are checked against the normal distribution it claims to draw from.
 */
import { describe, expect, it } from 'vitest';
import type { FidelityModel } from '../../engine/model.js';
import { applyFidelity, degradePositionKm, FULL_FIDELITY, gaussianPair, isFullFidelity, roundToGridKm } from '../../engine/policy/index.js';
import { createStream } from '../../engine/rng.js';
import { testSeed } from '../helpers.js';

const fidelity = (f: Partial<FidelityModel>): FidelityModel => ({ ...FULL_FIDELITY, ...f });
const ONE_MM_KM = 1e-6;

/** A draw function that counts its draws. */
function counted(seed: number): { draw: () => number; count: () => number } {
  const stream = createStream(seed, 0, 'policy-fidelity-test');
  let n = 0;
  return { draw: () => (n++, stream.next()), count: () => n };
}

const track = {
  objectId: 'NORAD-25544',
  name: 'ISS (ZARYA)',
  noradId: 25544,
  posTemeKm: [6524.834, 6862.875, 6448.296] as const,
  velTemeKmPerS: [4.901327, 5.533756, -1.976341] as const,
  source: ['fylingdales-radar'],
  rcsM2: 400,
  uncertaintyKm: 0.5,
  tick: 42,
};

describe('fidelity', () => {
  it('full fidelity passes an item unchanged and draws nothing', () => {
    const c = counted(1);
    expect(isFullFidelity(FULL_FIDELITY)).toBe(true);
    expect(applyFidelity(track, FULL_FIDELITY, c.draw)).toEqual(track);
    expect(c.count()).toBe(0);
  });

  it('rounds each axis to the grid, never giving -0', () => {
    expect(degradePositionKm([12344.9, -5.1, 4.9], fidelity({ positionRoundingKm: 10 }), () => 0.5)).toEqual([12340, -10, 0]);
    expect(Object.is(roundToGridKm(-4.9, 10), 0)).toBe(true);
    expect(roundToGridKm(7.3, 0)).toBe(7.3);
    expect(roundToGridKm(7.26, 0.5)).toBe(7.5);
  });

  it('draws noise from the stream it is given: four draws a position, the same seed gives the same position', () => {
    const f = fidelity({ positionNoiseKm: 2 });
    const a = counted(testSeed());
    const b = counted(testSeed());
    const pa = degradePositionKm(track.posTemeKm, f, a.draw);
    expect(a.count()).toBe(4);
    expect(degradePositionKm(track.posTemeKm, f, b.draw)).toEqual(pa);
    expect(pa).not.toEqual([...track.posTemeKm]);
    // Noise then rounding: the recipient only ever sees grid values.
    const rounded = degradePositionKm(track.posTemeKm, fidelity({ positionNoiseKm: 2, positionRoundingKm: 5 }), counted(3).draw);
    for (const v of rounded) expect(Math.abs(v / 5 - Math.round(v / 5))).toBeLessThan(ONE_MM_KM);
  });

  it('noise is normal with the given sigma on each axis (Box-Muller)', () => {
    const sigmaKm = 2;
    const n = 20_000;
    const c = counted(testSeed());
    const errors: number[][] = [[], [], []];
    for (let i = 0; i < n; i++) {
      const p = degradePositionKm([0, 0, 0], fidelity({ positionNoiseKm: sigmaKm }), c.draw);
      p.forEach((v, axis) => errors[axis].push(v));
    }
    for (const e of errors) {
      const mean = e.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(e.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
      // Tolerances: 5 standard errors of the mean (sigma / sqrt(n)) and of the sd (sigma / sqrt(2n)).
      expect(Math.abs(mean)).toBeLessThan((5 * sigmaKm) / Math.sqrt(n));
      expect(Math.abs(sd - sigmaKm)).toBeLessThan((5 * sigmaKm) / Math.sqrt(2 * n));
      // About 68.3 % within one sigma (binomial standard error ~0.33 % at n = 20,000).
      const within = e.filter((v) => Math.abs(v) < sigmaKm).length / n;
      expect(Math.abs(within - 0.6827)).toBeLessThan(0.0165);
    }
  });

  it('gives finite normals at the ends of the uniform range', () => {
    for (const [u1, u2] of [[0, 0], [0.9999999999, 0.5], [0, 0.9999999999]]) {
      const draws = [u1, u2];
      const [a, b] = gaussianPair(() => draws.shift()!);
      expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    }
  });

  it('downgrades identity to UNKNOWN on the identity keys an item has, adding none', () => {
    const out = applyFidelity(track, fidelity({ identity: 'unknown' }), () => 0.5);
    expect(out).toMatchObject({ objectId: 'UNKNOWN', name: 'UNKNOWN', noradId: null, posTemeKm: [...track.posTemeKm], tick: 42 });
    expect('objectKind' in out).toBe(false);
    expect('objectOwner' in out).toBe(false);
  });

  it('strips fields, and leaves the original item as it was', () => {
    const before = structuredClone(track);
    const out = applyFidelity(track, fidelity({ strip: ['source', 'rcsM2', 'velTemeKmPerS', 'uncertaintyKm'] }), () => 0.5);
    expect(Object.keys(out).sort()).toEqual(['name', 'noradId', 'objectId', 'posTemeKm', 'tick']);
    expect(track).toEqual(before);
  });
});
