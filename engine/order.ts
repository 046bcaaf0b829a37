/**
 * Stable iteration order. bitecs reuses entity ids and its query order depends on removal history, so
 * systems never iterate a query directly: they iterate lists sorted by the scenario's stable index,
 * rebuilt here whenever entities come or go. The propagator's slots follow the same order.
 *
 * Slots: the propagator holds one slot per orbiter, in stable order; a removed object's slot is zeroed
 * (dead) and the slots are compacted (a full reload) once half are dead. Objects entering during a run
 * (spawn.ts: breakup fragments) take stable indices after every other, so they come last in stable order:
 * their slots are appended (`Propagator.append`) without writing the loaded ones again (a 14,713-object
 * catalog costs ~50 ms to reload, per breakup). `order.reload` (set by whoever changes a loaded orbit)
 * still reloads everything.
 */
import { query } from 'bitecs';
import type { SatRec } from 'satellite.js';
import { satrecFrom } from './physics/orbit-sources.js';
import type { OrbitSlots } from './propagators/propagator.js';
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
  const from = sim.slots.length;
  const live = sim.order.reload ? -1 : liveSlotsPrefix(sim);
  if (live < 0 || sim.deadSlots * 2 > sim.slots.length) {
    sim.slots = sim.order.orbiters.slice();
    sim.deadSlots = 0;
    const slots = sim.slots;
    sim.propagator.load(new SimSlots(sim, slots, preparedBlock(sim, slots)));
    sim.order.reload = false;
  } else if (live < sim.order.orbiters.length) {
    const added = sim.order.orbiters.subarray(live);
    const slots = new Uint32Array(from + added.length);
    slots.set(sim.slots);
    slots.set(added, from);
    sim.slots = slots;
    sim.propagator.append(new SimSlots(sim, slots, undefined), from);
  }
  sim.order.dirty = false;
}

/**
 * How many orbiters the live (non-zero) slots hold, when they are exactly the first orbiters in order (so
 * the rest are new and can be appended); -1 when the slots no longer match (reload them all).
 */
function liveSlotsPrefix(sim: Sim): number {
  const { slots } = sim;
  const orbiters = sim.order.orbiters;
  let live = 0;
  for (let s = 0; s < slots.length; s++) {
    if (slots[s] === 0) continue;
    if (live >= orbiters.length || orbiters[live] !== slots[s]) return -1;
    live++;
  }
  return live;
}

/**
 * The propagator's view of the sim's slots. A class: the propagator calls these for every slot of every
 * load, and V8 keeps the compiled calls to methods every run shares, where closures made per load would
 * be compiled again each run.
 */
class SimSlots implements OrbitSlots {
  readonly count: number;
  constructor(private readonly sim: Sim, private readonly slots: Uint32Array, readonly preparedAll: Uint8Array | undefined) {
    this.count = slots.length;
  }

  satrec(i: number): SatRec {
    return satrecOf(this.sim, this.slots[i]);
  }

  prepared(i: number): Uint8Array | undefined {
    return preparedOf(this.sim, this.slots[i]);
  }

  stable(i: number): number {
    return this.sim.c.Identity.stableIndex[this.slots[i]];
  }

  base(i: number): boolean {
    return onScenarioOrbit(this.sim, this.slots[i]);
  }
}

/** True when the entity is one of the scenario's objects, still on the orbit the scenario gave it. */
function onScenarioOrbit(sim: Sim, eid: number): boolean {
  const s = sim.c.Identity.stableIndex[eid];
  return eid !== 0 && s < sim.model.objects.length && sim.objects[s] === sim.model.objects[s];
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
