/**
 * The array arena (engine/arena.ts): a batch worker lends one sim's large typed arrays to the next. What
 * a sim computes must not change: a run on arrays another run left dirty gives the same state hash at
 * every tick as a run on fresh ones, through sharing at several latencies (the in-flight batches), a
 * breakup (the track tables grow) and a burn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayArena, ARENA_BYTES_MAX, createSim, stateHash, step, summarize, type ScenarioModel } from '../../engine/index.js';
import { modelFromText, SCENARIOS } from '../helpers.js';

describe('ArrayArena', () => {
  it('lends zeroed (or filled) arrays of the exact length, and lends them again once reclaimed or given back', () => {
    const arena = new ArrayArena();
    const a = arena.take(Float64Array, 1000);
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(1000);
    a.fill(7);
    const b = arena.take(Int32Array, 2000, -1);
    expect([...new Set(b)]).toEqual([-1]);
    b.fill(9);
    // On loan: another of the same shape is a new array.
    const c = arena.take(Float64Array, 1000);
    expect(c).not.toBe(a);
    expect(arena.bytesFree).toBe(0);
    arena.reclaim();
    expect(arena.bytesFree).toBe(8000 + 8000 + 8000);
    // The same arrays again, cleared or filled as asked.
    const a2 = arena.take(Float64Array, 1000);
    expect([a, c]).toContain(a2);
    expect([...new Set(a2)]).toEqual([0]);
    const b2 = arena.take(Int32Array, 2000, 3);
    expect(b2).toBe(b);
    expect([...new Set(b2)]).toEqual([3]);
    expect(arena.bytesFree).toBe(8000);
    // Scratch keeps whatever was there; give returns one array at once.
    a2.fill(5);
    arena.give(a2);
    expect(arena.bytesFree).toBe(16000);
    // The last given back is the first lent again, as it was left.
    const s = arena.takeScratch(Float64Array, 1000);
    expect(s).toBe(a2);
    expect(s[0]).toBe(5);
    // Below 4 kB arrays are not kept.
    const small = arena.take(Uint8Array, 100);
    arena.reclaim();
    expect(arena.take(Uint8Array, 100)).not.toBe(small);
  });

  it('drops the shapes the last sim did not ask for, keeping what it used', () => {
    const arena = new ArrayArena();
    // "Run" 1 uses two shapes, "run" 2 only the first: the second's array is dropped at the next reclaim.
    arena.take(Float64Array, 1000);
    arena.take(Float64Array, 1001);
    arena.reclaim();
    expect(arena.bytesFree).toBe(8000 + 8008);
    arena.take(Float64Array, 1000);
    arena.reclaim();
    expect(arena.bytesFree).toBe(8000);
    // A run asking for a shape and finding none free keeps its new array for the next.
    arena.take(Float64Array, 1000);
    arena.take(Float64Array, 1000);
    arena.reclaim();
    expect(arena.bytesFree).toBe(16000);
  });

  it('keeps at most bytesMax free', () => {
    const arena = new ArrayArena(true, 20_000);
    for (let i = 0; i < 4; i++) arena.take(Float64Array, 1000);
    arena.reclaim();
    expect(arena.bytesFree).toBe(16000);
    expect(ARENA_BYTES_MAX).toBe(512 * 2 ** 20);
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
      // What summarize reads (first-track ticks, birth ticks, levels, UCT numbers) as well as the hash.
      out.push(JSON.stringify(summarize(sim)));
      sim.propagator.dispose();
      arena.reclaim();
      return out;
    };
    const fresh = async (runIndex: number) => {
      const sim = await createSim(model, { runIndex });
      const out = [stateHash(sim)];
      while (sim.tick < ticks) {
        step(sim);
        out.push(stateHash(sim));
      }
      out.push(JSON.stringify(summarize(sim)));
      sim.propagator.dispose();
      return out;
    };
    const first = await hashes(1);
    expect(arena.bytesFree).toBeGreaterThan(10_000_000);
    // Run 2 on run 1's arrays, then run 1 again on run 2's: each as on fresh arrays.
    const second = await hashes(2);
    expect(second).toEqual(await fresh(2));
    expect(await hashes(1)).toEqual(first);
    expect(first).toEqual(await fresh(1));
  }, 180_000);
});
