/**
 * Stable iteration order. bitecs reuses entity ids and its query order depends on removal history, so
 * systems never iterate a query directly: they iterate lists sorted by the scenario's stable index,
 * rebuilt here whenever entities come or go. The propagator's slots follow the same order.
 */
import { query } from 'bitecs';
import type { SatRec } from 'satellite.js';
import { satrecFrom } from './physics/orbit-sources.js';
import type { Sim } from './sim.js';

function sortedByStableIndex(sim: Sim, eids: ArrayLike<number>): Uint32Array {
  const stable = sim.c.Identity.stableIndex;
  return Uint32Array.from(eids).sort((a, b) => stable[a] - stable[b]);
}

/** Rebuild the stable lists if entities were added or removed since the last rebuild. */
export function refreshOrder(sim: Sim): void {
  if (!sim.order.dirty) return;
  sim.order.orbiters = sortedByStableIndex(sim, query(sim.world, [sim.c.Orbit]));
  sim.order.sensors = sortedByStableIndex(sim, query(sim.world, [sim.c.Sensor]));
  if (sim.order.reload || sim.deadSlots * 2 > sim.slots.length) {
    sim.slots = sim.order.orbiters.slice();
    sim.deadSlots = 0;
    const slots = sim.slots;
    sim.propagator.load({ count: slots.length, satrec: (i) => satrecOf(sim, slots[i]), prepared: (i) => preparedOf(sim, slots[i]), preparedAll: preparedBlock(sim, slots) });
    sim.order.reload = false;
  }
  sim.order.dirty = false;
}

/** The satrec of an orbiting entity, created from its scenario orbit on first use. */
export function satrecOf(sim: Sim, eid: number): SatRec {
  let satrec = sim.c.Orbit.satrec[eid];
  if (!satrec) {
    satrec = satrecFrom(sim.objects[sim.c.Identity.stableIndex[eid]]!.orbit);
    sim.c.Orbit.satrec[eid] = satrec;
  }
  return satrec;
}

/**
 * All prepared structs as one block when the slots are exactly the scenario's objects in order with no
 * satrec built yet (the usual case at tick 0): the propagator then loads them with one memory copy.
 */
function preparedBlock(sim: Sim, slots: Uint32Array): Uint8Array | undefined {
  const p = sim.prepared;
  if (!p || slots.length !== p.count) return undefined;
  const { stableIndex } = sim.c.Identity;
  for (let i = 0; i < slots.length; i++) if (stableIndex[slots[i]] !== i || sim.c.Orbit.satrec[slots[i]]) return undefined;
  return p.bytes;
}

/** The prepared struct of a scenario object, when the sim has prepared orbits. */
function preparedOf(sim: Sim, eid: number): Uint8Array | undefined {
  const p = sim.prepared;
  const stable = sim.c.Identity.stableIndex[eid];
  if (!p || stable >= p.count || sim.c.Orbit.satrec[eid]) return undefined;
  return p.bytes.subarray(stable * p.structBytes, (stable + 1) * p.structBytes);
}
