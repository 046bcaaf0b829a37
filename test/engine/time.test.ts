import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simTimeMs, ticksFor } from '../../engine/time.js';
import { testSeed } from '../helpers.js';

describe('simulation time', () => {
  it('is epoch + tick * step by multiplication: exact at tick 10 million where accumulation drifts', () => {
    const time = { epochMs: Date.UTC(2026, 2, 19), stepMs: 10_000 };
    expect(simTimeMs(time, 10_000_000)).toBe(Date.UTC(2026, 2, 19) + 100_000_000_000);
    // Accumulating seconds as floating days (a common mistake) drifts: the multiplication does not.
    let accumulatedDays = 0;
    for (let i = 0; i < 1_000_000; i++) accumulatedDays += 10 / 86_400;
    expect(accumulatedDays * 86_400_000).not.toBe(10_000_000_000);
    expect(simTimeMs({ epochMs: 0, stepMs: 10_000 }, 1_000_000)).toBe(10_000_000_000);
  });

  it('gives integer milliseconds for integer epochs and steps', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 1, max: 86_400_000 }), fc.integer({ min: 0, max: 10_000_000 }), (epochMs, stepMs, tick) => {
        const t = simTimeMs({ epochMs, stepMs }, tick);
        expect(Number.isSafeInteger(t)).toBe(true);
        expect(t - epochMs).toBe(tick * stepMs);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('counts the ticks that cover a duration, rounding up', () => {
    expect(ticksFor({ epochMs: 0, stepMs: 10_000 }, 6 * 3_600_000)).toBe(2160);
    expect(ticksFor({ epochMs: 0, stepMs: 7_000 }, 60_000)).toBe(9);
  });
});
