/**
 * Objects that enter the sim during a run (breakup fragments, a launch, a manoeuvred satellite's new
 * element set): each gets the next stable index (after every scenario entity, so hashes and iteration
 * order stay stable), an entity with an orbit, and a row in every per-object table (tracks, sensors'
 * detection masks, markings, GNSS membership). They enter the sim at the next tick: the stable lists are
 * rebuilt before it and their propagator slots appended after the others (order.ts, no reload of the
 * objects already loaded), and the state hash counts them from then.
 *
 * Bounded: past `limits.entitiesMax` the rest are refused, counted, and a `limit-reached` event says so.
 * Nobody knows a spawned object but as its model says (`catalogued`, its owner); custody metrics count
 * it when the scenario's objects of interest are all objects.
 *
 * Read next: tracks.ts (growTracks, admit), order.ts (satrecOf reads `sim.objects`).
 */
import { addComponent, addEntity } from 'bitecs';
import { logLimitOnce } from './limits.js';
import type { OrbitalObjectModel } from './model.js';
import { ensureCandidates } from './sensors/candidates.js';
import { rcsOf, standardMagnitudeOf } from './sensors/targets.js';
import { brightnessOf } from './sensors/brightness.js';
import type { Sim } from './sim.js';
import { admit, growTracks } from './tracks.js';
import { CONSTELLATIONS } from './physics/gnss.js';

/** What addObjects did: the entity ids of the objects added, and how many the entity limit refused. */
export interface Spawned {
  eids: number[];
  refused: number;
}

export function addObjects(sim: Sim, objects: readonly OrbitalObjectModel[]): Spawned {
  const out: Spawned = { eids: [], refused: 0 };
  if (objects.length === 0) return out;
  // Every entity (object, site, sensor) holds an id in eidById; the components hold `capacity`.
  const room = sim.c.capacity - sim.eidById.size;
  const nationIndex = new Map(sim.nations.map((n, i) => [n.id, i]));
  const accepted = objects.slice(0, Math.max(0, Math.min(objects.length, room)));
  out.refused = objects.length - accepted.length;
  if (out.refused > 0) logLimitOnce(sim, 'entitiesMax', sim.c.capacity);
  const first = sim.ids.length;
  const size = first + accepted.length;
  growPerObject(sim, size);
  accepted.forEach((o, k) => {
    const stable = first + k;
    if (sim.eidById.has(o.id)) throw new Error(`vigil spawn - object id '${o.id}' is already in the sim`);
    const eid = addEntity(sim.world);
    if (eid > sim.c.capacity) throw new Error(`vigil spawn - entity id ${eid} exceeds limits.entitiesMax ${sim.c.capacity}`);
    (sim.ids as string[]).push(o.id);
    sim.objects[stable] = o;
    sim.c.Identity.stableIndex[eid] = stable;
    sim.eidById.set(o.id, eid);
    addComponent(sim.world, eid, sim.c.Orbit);
    sim.c.Orbit.satrec[eid] = undefined;
    sim.c.Ownership.nationIndex[eid] = o.owner === null ? -1 : (nationIndex.get(o.owner) ?? -1);
    sim.c.Target.rcsM2[eid] = rcsOf(o);
    sim.c.Target.standardMagnitude[eid] = standardMagnitudeOf(o);
    sim.c.Target.brightness[eid] = brightnessOf(sim.c.Target.standardMagnitude[eid]);
    if (o.marking !== null && o.owner !== null) sim.objectMarking[stable] = sim.markings.intern(o.owner, o.marking);
    if (o.constellation !== null) sim.ew.constellationOf[stable] = CONSTELLATIONS.indexOf(o.constellation);
    admit(sim.tracks, stable, sim.tick + 1, sim.model.tracking.interest === null, (nation) => o.catalogued || o.owner === nation);
    out.eids.push(eid);
  });
  sim.objectsAdded += accepted.length;
  // Dirty, not reload: refreshOrder appends the new slots (they come last in stable order).
  sim.order.dirty = true;
  return out;
}

/** Grow every table indexed by stable index to hold `size` entries. */
function growPerObject(sim: Sim, size: number): void {
  growTracks(sim.tracks, size);
  for (const [eid, seen] of sim.sensorSeen) {
    if (seen.length >= size) continue;
    const grown = new Uint8Array(size);
    grown.set(seen);
    sim.sensorSeen.set(eid, grown);
  }
  if (sim.objectMarking.length < size) {
    const m = new Int32Array(size).fill(-1);
    m.set(sim.objectMarking);
    sim.objectMarking = m;
  }
  if (sim.ew.constellationOf.length < size) {
    const c = new Int8Array(size).fill(-1);
    c.set(sim.ew.constellationOf);
    sim.ew.constellationOf = c;
  }
  sim.candidates = ensureCandidates(sim.candidates, size + 1);
}
