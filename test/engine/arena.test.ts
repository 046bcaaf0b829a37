/**
 * The array arena (engine/arena.ts): a batch worker lends one sim's large typed arrays to the next. What
 * a sim computes must not change: a run on arrays another run left dirty gives the same state hash at
 * every tick as a run on fresh ones, through sharing at several latencies (the in-flight batches), a
 * breakup (the track tables grow) and a burn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayArena, ARENA_BYTES_MAX, createSim, stateHash, step, type ScenarioModel } from '../../engine/index.js';
import { hashSequence, modelFromText, SCENARIOS } from '../helpers.js';

describe('ArrayArena', () => {
  it('lends zeroed (or filled) arrays of the exact length, reuses what was reclaimed or given back, and keeps small ones out', () => {
    const arena = new ArrayArena();
    const a = arena.take(Float64Array, 1000);
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(1000);
    a.fill(7);
    const b = arena.take(Int32Array, 2000, -1);
    expect([...new Set(b)]).toEqual([-1]);
    b.fill(9);
    expect(arena.bytesFree).toBe(0);
    arena.reclaim();
    expect(arena.bytesFree).toBe(8000 + 8000);
    // The same arrays again, cleared; another length or type is a fresh one.
    const a2 = arena.take(Float64Array, 1000);
    expect(a2).toBe(a);
    expect([...new Set(a2)]).toEqual([0]);
    const b2 = arena.take(Int32Array, 2000, 3);
    expect(b2).toBe(b);
    expect([...new Set(b2)]).toEqual([3]);
    expect(arena.take(Float64Array, 1001)).not.toBe(a);
    expect(arena.take(Float32Array, 2000)).not.toBe(b);
    // Scratch keeps whatever was there; give returns one array at once.
    a2.fill(5);
    arena.give(a2);
    const s = arena.takeScratch(Float64Array, 1000);
    expect(s).toBe(a);
    expect(s[0]).toBe(5);
    // Below 4 kB arrays are not kept (nothing to give back, nothing reused).
    const small = arena.take(Uint8Array, 100);
    arena.reclaim();
    expect(arena.take(Uint8Array, 100)).not.toBe(small);
  });

  it(`keeps at most ${ARENA_BYTES_MAX / 2 ** 20} MiB free`, () => {
    const arena = new ArrayArena();
    const n = ARENA_BYTES_MAX / 8 / 4;
    for (let i = 0; i < 6; i++) arena.take(Float64Array, n);
    arena.reclaim();
    expect(arena.bytesFree).toBe(4 * n * 8);
  });

  it('without keeping (a sim without an arena) allocates every time and holds nothing', () => {
    const arena = new ArrayArena(false);
    const a = arena.take(Float64Array, 1000);
    arena.give(a);
    arena.reclaim();
    expect(arena.bytesFree).toBe(0);
    expect(arena.take(Float64Array, 1000)).not.toBe(a);
  });
});

/** coalition-ssa.yaml (ten nations sharing at 0 s to 15 min latency on the real catalog) with a burn and a breakup. */
function coalition(): ScenarioModel {
  const text = readFileSync(join(SCENARIOS, 'coalition-ssa.yaml'), 'utf8').replace('msel:\n', `msel:
  - { id: burn, at: 2m, kind: manoeuvre, object: chn-newsat, deltaV: { alongTrackMps: 40 }, title: burn }
  - { id: boom, at: 5m, kind: breakup, object: usa-sentinel, cause: explosion, breakup: { massKg: 800 }, title: breakup }
`);
  return modelFromText(text);
}

describe('sims on lent arrays', () => {
  it('give the same state hash at every tick as sims on fresh arrays, after another run dirtied them', async () => {
    const model = coalition();
    const ticks = 60;
    const arena = new ArrayArena();
    const hashes = async (runIndex: number) => {
      const sim = await createSim(model, { runIndex, arena });
      const out = [stateHash(sim)];
      while (sim.tick < ticks) {
        step(sim);
        out.push(stateHash(sim));
      }
      // Not vacuous: items went through the in-flight batches and the tables grew for the fragments.
      expect(sim.sharing.counters.delivered.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
      expect(sim.objects.length).toBeGreaterThan(model.objects.length + 20);
      sim.propagator.dispose();
      arena.reclaim();
      return out;
    };
    const first = await hashes(1);
    expect(arena.bytesFree).toBeGreaterThan(10_000_000);
    // Run 2 on run 1's arrays, then run 1 again on run 2's: each as on fresh arrays.
    const second = await hashes(2);
    expect(second).toEqual(await hashSequence(model, ticks, { runIndex: 2 }));
    expect(await hashes(1)).toEqual(first);
    expect(first).toEqual(await hashSequence(model, ticks, { runIndex: 1 }));
  }, 180_000);
});
