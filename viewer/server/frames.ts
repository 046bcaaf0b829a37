/**
 * Frames: a view's picture at the current tick, packed for the wire (protocol.ts). A view is truth (the
 * white cell's default) or the pictures of one or more nations (a nation cell sees the union of its
 * nations' pictures: each object drawn as the member holding the best track of it names it). Built from
 * the engine's glyphs (engine/glyphs.ts: a nation's own track tables, never truth), once per view per
 * tick however many connections watch it; each view's names table only grows, so a slot keeps its
 * designation and a client caches names.
 */
import { designationOf, geodeticByStable, heldOrbit, pictureGlyphs, truthGlyphs, createGlyphs, type Glyphs, type Sim } from '../../engine/index.js';
import { encodeFrame } from '../protocol.js';
import { overlaysFor } from './overlays.js';
import { positionOn } from './ground-track.js';

export interface Name {
  d: string;
  n: string;
  norad: number | null;
  /** Kind (payload, rocket-body, debris, unknown) when the view knows the object by name; null otherwise. */
  k: string | null;
}

/** Most names one view may hold (designations only grow: fragments, UCTs). */
export const VIEW_NAMES_MAX = 2_000_000;

export class View {
  readonly names: Name[] = [];
  readonly #slots = new Map<string, number>();
  #frameTick = -1;
  #frame: Uint8Array | null = null;
  #glyphs: Glyphs[] = [];

  /** `nations` empty: truth. */
  constructor(readonly key: string, readonly nations: readonly string[]) {}

  get truth(): boolean {
    return this.nations.length === 0;
  }

  #slot(name: Name, stable: number, nation: string | null): number {
    let s = this.#slots.get(name.d);
    if (s === undefined) {
      if (this.names.length >= VIEW_NAMES_MAX) return 0;
      s = this.names.length;
      this.names.push(name);
      this.#slots.set(name.d, s);
      this.#slotStable.push(stable);
      this.#slotNation.push(nation);
    }
    return s;
  }

  /** Per slot: the object and the member nation whose name it is (null: truth). */
  readonly #slotStable: number[] = [];
  readonly #slotNation: (string | null)[] = [];

  #overlaysTick = -1;
  #overlays = '';

  /** The view's overlays at the current tick, as JSON (built at most once per tick). */
  overlays(sim: Sim): string {
    if (this.#overlaysTick !== sim.tick) {
      this.#overlays = JSON.stringify(overlaysFor(sim, this.nations));
      this.#overlaysTick = sim.tick;
    }
    return this.#overlays;
  }

  /** The frame at the sim's current tick (built at most once per tick). */
  frame(sim: Sim, geo: Float32Array): Uint8Array {
    if (this.#frameTick === sim.tick && this.#frame) return this.#frame;
    const chosen = this.truth ? this.#truth(sim) : this.#union(sim);
    const { stable, state, sigma, slot } = chosen;
    const simTimeMs = sim.time.epochMs + sim.tick * sim.time.stepMs;
    // An object that changed orbit since the nation's newest report of it is drawn on the orbit the nation
    // holds (engine/orbit-history.ts), not where it flies now.
    const held = new Map<number, [number, number, number] | null>();
    if (!this.truth && sim.orbitHistory.size > 0) {
      for (let i = 0; i < stable.length; i++) {
        if (!sim.orbitHistory.has(stable[i])) continue;
        const orbit = heldOrbit(sim, this.#slotNation[slot[i]] ?? this.nations[0], stable[i]);
        if (orbit) held.set(i, positionOn(orbit, simTimeMs));
      }
    }
    this.#frame = encodeFrame({ truth: this.truth, tick: sim.tick, count: stable.length, simTimeMs, names: this.names.length }, (i, rec) => {
      const s = stable[i];
      rec.slot = slot[i];
      const h = held.get(i);
      rec.latDeg = h ? h[0] : geo[3 * s];
      rec.lonDeg = h ? h[1] : geo[3 * s + 1];
      rec.altKm = h ? h[2] : geo[3 * s + 2];
      rec.state = state[i];
      rec.sigmaKm = sigma[i];
    });
    this.#frameTick = sim.tick;
    return this.#frame;
  }

  /** Slot of the object at `stable` as member `k` names it, from the cache while its name cannot have changed. */
  #slotOf(sim: Sim, k: number, stable: number): number {
    if (stable >= this.#cachedSlot.length) this.#grow(sim.ids.length);
    // A nation's name for an object changes only when it learns the real name or numbers a UCT.
    let key = k + 1;
    if (!this.truth) {
      const table = sim.tracks.tables[this.#tableIndex[k]];
      key = (k + 1) * 4 + (table.realName[stable] & table.known[stable]) + 2 * Math.min(1, table.uctNumber[stable]);
    }
    if (this.#cachedKey[stable] === key) return this.#cachedSlot[stable];
    let slot: number;
    if (this.truth) {
      const o = sim.objects[stable]!;
      slot = this.#slot({ d: o.id, n: o.name, norad: o.noradId, k: o.kind }, stable, null);
    } else {
      const name = designationOf(sim, this.nations[k], stable);
      const o = sim.objects[stable]!;
      slot = this.#slot({ d: name.designation, n: name.name, norad: name.noradId, k: name.designation === o.id ? o.kind : null }, stable, this.nations[k]);
    }
    this.#cachedKey[stable] = key;
    this.#cachedSlot[stable] = slot;
    // A name several members share (a real id) is inspected as the member drawing it now.
    this.#slotStable[slot] = stable;
    this.#slotNation[slot] = this.truth ? null : this.nations[k];
    return slot;
  }

  #cachedKey = new Int32Array(0);
  #cachedSlot = new Uint32Array(0);
  #tableIndex: number[] = [];

  #grow(n: number): void {
    const key = new Int32Array(Math.max(n, 2 * this.#cachedKey.length));
    key.set(this.#cachedKey);
    const slot = new Uint32Array(key.length);
    slot.set(this.#cachedSlot);
    this.#cachedKey = key;
    this.#cachedSlot = slot;
  }

  #truth(sim: Sim): { stable: Int32Array; state: Uint8Array; sigma: Float32Array; slot: Uint32Array } {
    const g = (this.#glyphs[0] = truthGlyphs(sim, this.#glyphs[0]));
    const slot = new Uint32Array(g.n);
    for (let i = 0; i < g.n; i++) slot[i] = this.#slotOf(sim, 0, g.stable[i]);
    return { stable: g.stable.subarray(0, g.n), state: g.state.subarray(0, g.n), sigma: g.sigmaKm.subarray(0, g.n), slot };
  }

  #union(sim: Sim): { stable: Int32Array; state: Uint8Array; sigma: Float32Array; slot: Uint32Array } {
    this.#tableIndex = this.nations.map((n) => sim.tracks.nations.indexOf(n));
    const per = this.nations.map((n, k) => (this.#glyphs[k] = pictureGlyphs(sim, n, this.#glyphs[k] ?? createGlyphs(1024))));
    if (per.length === 1) {
      const g = per[0];
      const slot = new Uint32Array(g.n);
      for (let i = 0; i < g.n; i++) slot[i] = this.#slotOf(sim, 0, g.stable[i]);
      return { stable: g.stable.subarray(0, g.n), state: g.state.subarray(0, g.n), sigma: g.sigmaKm.subarray(0, g.n), slot };
    }
    // Best member per object: lowest state (custody, stale, lost, uncorrelated), then lowest uncertainty.
    const best = new Map<number, { k: number; i: number }>();
    per.forEach((g, k) => {
      for (let i = 0; i < g.n; i++) {
        const s = g.stable[i];
        const b = best.get(s);
        if (!b || g.state[i] < per[b.k].state[b.i] || (g.state[i] === per[b.k].state[b.i] && g.sigmaKm[i] < per[b.k].sigmaKm[b.i])) best.set(s, { k, i });
      }
    });
    const stables = [...best.keys()].sort((a, b) => a - b);
    const n = stables.length;
    const out = { stable: new Int32Array(n), state: new Uint8Array(n), sigma: new Float32Array(n), slot: new Uint32Array(n) };
    stables.forEach((s, j) => {
      const { k, i } = best.get(s)!;
      out.stable[j] = s;
      out.state[j] = per[k].state[i];
      out.sigma[j] = per[k].sigmaKm[i];
      out.slot[j] = this.#slotOf(sim, k, s);
    });
    return out;
  }

  /** The object a designation on this view's map stands for, and whose name it is (inspecting). */
  stableOf(designation: string): { stable: number; nation: string | null } {
    const slot = this.#slots.get(designation);
    if (slot === undefined) return { stable: -1, nation: null };
    return { stable: this.#slotStable[slot], nation: this.#slotNation[slot] };
  }
}

/** Views by key, and the geodetic positions of the tick they share. */
export class Views {
  readonly #views = new Map<string, View>();
  #geoTick = -1;
  #geo: Float32Array | undefined;

  /** The view of `nations` (empty: truth). */
  get(nations: readonly string[]): View {
    const key = nations.length === 0 ? 'truth' : [...nations].sort().join(',');
    let v = this.#views.get(key);
    if (!v) {
      v = new View(key, [...nations].sort());
      this.#views.set(key, v);
    }
    return v;
  }

  geo(sim: Sim): Float32Array {
    if (this.#geoTick !== sim.tick || !this.#geo) {
      this.#geo = geodeticByStable(sim, this.#geo);
      this.#geoTick = sim.tick;
    }
    return this.#geo;
  }
}
