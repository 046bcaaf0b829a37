/**
 * Glyphs: what a map draws of a picture at the current tick, in typed arrays a server can pack into a
 * frame without building the picture's objects. A nation's glyphs come from its own track tables alone
 * (the same tables pictureFor reads: fog of war by construction), one per object it holds a track or an
 * uncorrelated track of, with the state a display colours it by; the white cell's are truth, one per
 * object in orbit, coloured by owner.
 *
 * Where a glyph is drawn: the object's position at the tick, WGS-84 geodetic. Vigil models a track's
 * quality as its uncertainty, not as an orbit error (tracks.ts): a nation holds the object's own element
 * set, so its track is drawn where the object is; its uncertainty and age go with it.
 *
 * Read next: picture.ts (the same picture as records), viewer/protocol.ts (how frames carry these).
 */
import { ecefToGeodetic } from './physics/frames.js';
import type { Sim } from './sim.js';
import { uctDesignation } from './systems/track-events.js';
import { inCustody, isUncorrelated, sigmaAt } from './tracks.js';

/** Track states of a nation's glyphs. */
export const GLYPH_CUSTODY = 0;
/** A known object out of custody, its uncertainty under STALE_FACTOR x custodyKmMax. */
export const GLYPH_STALE = 1;
/** A known object whose uncertainty has grown past that: where it is is little more than a guess. */
export const GLYPH_LOST = 2;
export const GLYPH_UNCORRELATED = 3;
/** A stale track becomes lost when its uncertainty passes this many times the custody threshold. */
export const STALE_FACTOR = 10;

export interface Glyphs {
  n: number;
  /** Stable index of each glyph's object (never sent to a nation cell: servers name glyphs by designation). */
  stable: Int32Array;
  /** GLYPH_* for a nation; the owner's nation index (-1 -> 255: nobody's) for the white cell. */
  state: Uint8Array;
  /** Uncertainty now, km (0 for truth). */
  sigmaKm: Float32Array;
}

export function createGlyphs(capacity: number): Glyphs {
  return { n: 0, stable: new Int32Array(capacity), state: new Uint8Array(capacity), sigmaKm: new Float32Array(capacity) };
}

function room(g: Glyphs, n: number): Glyphs {
  if (g.stable.length >= n) return g;
  return createGlyphs(Math.max(n, 2 * g.stable.length));
}

/** A nation's glyphs at the current tick, in stable order (reuses `into` when it has room). */
export function pictureGlyphs(sim: Sim, nation: string, into?: Glyphs): Glyphs {
  const t = sim.tracks.nations.indexOf(nation);
  if (t < 0) throw new Error(`vigil glyphs - '${nation}' keeps no tracks`);
  const { tracks } = sim;
  const table = tracks.tables[t];
  const orbiters = sim.order.orbiters;
  const g = room(into ?? createGlyphs(orbiters.length), orbiters.length);
  const stableIndex = sim.c.Identity.stableIndex;
  const lostKm = STALE_FACTOR * tracks.custodyKmMax;
  let n = 0;
  for (let i = 0; i < orbiters.length; i++) {
    const s = stableIndex[orbiters[i]];
    if (s >= tracks.size || table.updateTick[s] < 0) continue;
    const uct = isUncorrelated(table, s);
    if (!uct && table.known[s] === 0) continue;
    const sigma = sigmaAt(tracks, table.sigmaKm[s], table.updateTick[s], sim.tick);
    g.stable[n] = s;
    g.sigmaKm[n] = sigma;
    g.state[n] = uct ? GLYPH_UNCORRELATED : inCustody(table, s, sim.tick) ? GLYPH_CUSTODY : sigma < lostKm ? GLYPH_STALE : GLYPH_LOST;
    n++;
  }
  g.n = n;
  return g;
}

/** Truth: every object in orbit, its state the owner's nation index (255: nobody's). */
export function truthGlyphs(sim: Sim, into?: Glyphs): Glyphs {
  const orbiters = sim.order.orbiters;
  const g = room(into ?? createGlyphs(orbiters.length), orbiters.length);
  const stableIndex = sim.c.Identity.stableIndex;
  const nationIndex = sim.c.Ownership.nationIndex;
  for (let i = 0; i < orbiters.length; i++) {
    g.stable[i] = stableIndex[orbiters[i]];
    const owner = nationIndex[orbiters[i]];
    g.state[i] = owner < 0 || owner > 254 ? 255 : owner;
    g.sigmaKm[i] = 0;
  }
  g.n = orbiters.length;
  return g;
}

/** What a nation calls the object at `stable`: its id (known by name) or its own designation. */
export function designationOf(sim: Sim, nation: string, stable: number): { designation: string; name: string; noradId: number | null } {
  const table = sim.tracks.tables[sim.tracks.nations.indexOf(nation)];
  const object = sim.objects[stable]!;
  if (table.realName[stable] === 1 && table.known[stable] === 1) return { designation: object.id, name: object.name, noradId: object.noradId };
  const d = uctDesignation(nation, table.uctNumber[stable]);
  return { designation: d, name: d, noradId: null };
}

/**
 * Geodetic latitude and longitude, degrees, and altitude, km, of every object in orbit at the current
 * tick, by stable index (3 per object; NaN for objects not in orbit). One pass serves every cell.
 */
export function geodeticByStable(sim: Sim, into?: Float32Array): Float32Array {
  const size = 3 * sim.ids.length;
  const out = into && into.length >= size ? into : new Float32Array(size);
  out.fill(NaN);
  const pos = sim.c.Kinematics.posEcefKm;
  const stableIndex = sim.c.Identity.stableIndex;
  for (const eid of sim.order.orbiters) {
    const k = 3 * eid;
    const g = ecefToGeodetic({ x: pos[k], y: pos[k + 1], z: pos[k + 2] });
    const s = 3 * stableIndex[eid];
    out[s] = (g.latRad * 180) / Math.PI;
    out[s + 1] = (g.lonRad * 180) / Math.PI;
    out[s + 2] = g.altKm;
  }
  return out;
}

/**
 * What `nation` calls the object with scenario id `id` in what it is told (events of its own orders): the
 * id when it knows the object by it, its own UCT designation when it holds one, otherwise "an object it
 * does not hold" (never the real id of an object it knows only by its own designation, or not at all).
 */
export function knownAs(sim: Sim, nation: string, id: string): string {
  const t = sim.tracks.nations.indexOf(nation);
  const eid = sim.eidById.get(id);
  // An object that left the sim keeps its stable index (its row in the track tables).
  const s = eid !== undefined ? sim.c.Identity.stableIndex[eid] : sim.ids.indexOf(id);
  if (t < 0 || s < 0 || s >= sim.tracks.size) return id;
  const table = sim.tracks.tables[t];
  if (table.known[s] === 1 && table.realName[s] === 1) return id;
  if (table.uctNumber[s] > 0) return uctDesignation(nation, table.uctNumber[s]);
  return 'an object it does not hold';
}
