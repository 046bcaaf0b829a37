/**
 * The state hash: XXH64 over the canonical state at the current tick, as 16 hex digits. Canonical means
 * stable ids and stable order (the scenario's stable index), never bitecs storage order, and exact float
 * bits. Two runs with the same inputs (scenario, seed, run index, event log, engine version, propagator,
 * Node major) give the same hash sequence; a replay checks itself against it.
 *
 * Covered: tick and time, every orbiting object (stable index, TEME position and velocity), every
 * sensor's counters, terminals' links, receivers' fixes and jammers' states, every nation's track checksum (each update's object, tick, uncertainty and route)
 * and counts, the sharing counters and items in flight, every random stream's state, and the event
 * log's chained sha256 digest and counts.
 *
 * Why XXH64 (xxhash-wasm): the hash runs every tick over ~0.8 MB for the 14,713-object catalog; native
 * sha256 took ~0.7 ms of it (8% of a tick), XXH64 ~0.15 ms. The hash detects divergence, it is not a
 * security seal, and a 64-bit hash of equal-or-not states has no birthday problem.
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';
import { deltaVLeftMps } from './counterspace/co-orbital.js';
import type { Sim } from './sim.js';

let api: XXHashAPI | undefined;
let loading: Promise<XXHashAPI> | undefined;

/** Load the hash's WASM module once per process; createSim awaits it so stateHash can stay synchronous. */
export async function initStateHash(): Promise<void> {
  loading ??= xxhash();
  api = await loading;
}

const scratchBySim = new WeakMap<Sim, Float64Array>();

/**
 * Every orbiter's stable index, position and velocity into `buf` from `w`; returns the next index. Its
 * own small function: a batch worker hashes once a run, and V8 compiles the hot loop alone instead of
 * the whole of stateHash again every run.
 */
function writeOrbiters(sim: Sim, buf: Float64Array, w: number): number {
  const orbiters = sim.order.orbiters;
  const { posTemeKm, velTemeKmps } = sim.c.Kinematics;
  const stable = sim.c.Identity.stableIndex;
  for (let i = 0; i < orbiters.length; i++) {
    const eid = orbiters[i];
    const k = 3 * eid;
    buf[w++] = stable[eid];
    buf[w++] = posTemeKm[k];
    buf[w++] = posTemeKm[k + 1];
    buf[w++] = posTemeKm[k + 2];
    buf[w++] = velTemeKmps[k];
    buf[w++] = velTemeKmps[k + 1];
    buf[w++] = velTemeKmps[k + 2];
  }
  return w;
}

export function stateHash(sim: Sim): string {
  const orbiters = sim.order.orbiters;
  const sensors = sim.order.sensors;
  const streams = sim.rng.sorted();
  const size = 8 + COUNTERSPACE_HASH_SIZE + ewHashSize(sim) + 7 * orbiters.length + 5 * sensors.length + 5 * sim.tracks.nations.length + 3 * sim.sharing.agreements.length + 4 * streams.length;
  let buf = scratchBySim.get(sim);
  if (!buf || buf.length < size) {
    // Written from 0 to w before it is hashed: scratch from the sim's arena.
    buf = sim.arena.takeScratch(Float64Array, Math.max(size, 8 + COUNTERSPACE_HASH_SIZE + ewHashSize(sim) + 7 * sim.c.capacity + 5 * sim.tracks.nations.length + 3 * sim.sharing.agreements.length + 4 * streams.length));
    scratchBySim.set(sim, buf);
  }
  let w = 0;
  buf[w++] = sim.tick;
  buf[w++] = sim.time.epochMs + sim.tick * sim.time.stepMs;
  buf[w++] = sim.events.count;
  buf[w++] = sim.events.dropped;
  w = writeOrbiters(sim, buf, w);
  const stable = sim.c.Identity.stableIndex;
  const { Sensor } = sim.c;
  for (let i = 0; i < sensors.length; i++) {
    const eid = sensors[i];
    buf[w++] = stable[eid];
    buf[w++] = Sensor.inViewCount[eid];
    buf[w++] = Sensor.detectionsTotal[eid];
    buf[w++] = Sensor.downUntilTick[eid];
    buf[w++] = Sensor.objectsDetected[eid];
  }
  for (const table of sim.tracks.tables) {
    buf[w++] = table.updates;
    buf[w++] = table.checksum;
    buf[w++] = table.custodyNow;
    buf[w++] = table.nextUct;
    buf[w++] = table.sharedUpdates;
  }
  w = hashEw(sim, buf, w);
  w = hashCounterspace(sim, buf, w);
  const { sharing } = sim;
  buf[w++] = sharing.inFlight;
  buf[w++] = sharing.dropped;
  buf[w++] = sim.observations.dropped;
  buf[w++] = sim.markings.size;
  for (let a = 0; a < sharing.agreements.length; a++) {
    buf[w++] = sharing.counters.sent[a];
    buf[w++] = sharing.counters.delivered[a];
    let refused = 0;
    for (const arr of sharing.counters.refused.values()) refused += arr[a];
    buf[w++] = refused;
  }
  for (const stream of streams) {
    const s = stream.state();
    buf[w++] = s.c;
    buf[w++] = s.s0;
    buf[w++] = s.s1;
    buf[w++] = s.s2;
  }
  if (!api) throw new Error('vigil hash - stateHash before initStateHash (createSim awaits it)');
  // The text part (event digest, stream names) seeds the hash of the numeric part.
  const seed = api.h64(`${sim.events.digest}\n${streams.map((s) => s.name).join('\n')}`);
  return api.h64Raw(new Uint8Array(buf.buffer, 0, w * 8), seed).toString(16).padStart(16, '0');
}

/** Numbers the counterspace state adds to the hash. */
const COUNTERSPACE_HASH_SIZE = 9;

/**
 * Launcher inventories, flights and their outcomes, approaches and the delta-v left, effects and the
 * ticks they acted, breakups pending and fragments added, conjunctions found: what an engagement
 * changes before any of it reaches an orbit, a track or the event log.
 */
function hashCounterspace(sim: Sim, buf: Float64Array, w: number): number {
  const cs = sim.counterspace;
  let inventory = 0;
  for (let i = 0; i < cs.inventory.length; i++) inventory += (i + 1) * cs.inventory[i];
  let outcomes = 0;
  for (const f of cs.flights) outcomes = (outcomes * 5 + ['in-flight', 'hit', 'miss', 'target-gone'].indexOf(f.outcome) + 1) % 2 ** 48;
  let effects = 0;
  for (const e of cs.effects) effects += e.activeTicks;
  let deltaV = 0;
  for (const x of deltaVLeftMps(sim)) deltaV += x;
  buf[w++] = inventory;
  buf[w++] = cs.flights.length;
  buf[w++] = outcomes;
  buf[w++] = cs.approaches.filter((a) => a.done).length * 1e6 + cs.approaches.length;
  buf[w++] = deltaV;
  buf[w++] = effects;
  buf[w++] = cs.pendingBreakups.length;
  buf[w++] = cs.fragmentsAdded;
  buf[w++] = cs.conjunctions.length + cs.conjunctionsDropped;
  return w;
}

/** Numbers the EW and PNT state adds to the hash. */
function ewHashSize(sim: Sim): number {
  return 4 * sim.model.terminals.length + 2 * sim.model.receivers.length + sim.model.jammers.length + 1;
}

/** Terminals (transponder, up, margin, jammed), receivers (fix counts), jammers (on), status items in flight. */
function hashEw(sim: Sim, buf: Float64Array, w: number): number {
  const t = sim.ew.terminals;
  for (let i = 0; i < sim.model.terminals.length; i++) {
    buf[w++] = t.transponder[i];
    buf[w++] = t.up[i];
    buf[w++] = Number.isFinite(t.marginDb[i]) ? t.marginDb[i] : -1e300;
    buf[w++] = t.jammed[i];
  }
  const r = sim.ew.receivers;
  for (let i = 0; i < sim.model.receivers.length; i++) {
    buf[w++] = r.fixPointTicks[i];
    buf[w++] = r.deniedPointTicks[i];
  }
  for (let i = 0; i < sim.model.jammers.length; i++) buf[w++] = sim.ew.jammers.on[i];
  buf[w++] = sim.status.inFlight;
  return w;
}
