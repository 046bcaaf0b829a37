/**
 * The sharing state of a run: the agreements prepared for routing, the items in flight (released by a
 * provider, not yet delivered), and what each agreement carried and refused. systems/share.ts drives it.
 *
 * Routing is by marking: every item of one marking, product and tick takes the same routes, so routes
 * are worked out once per (marking, product) per tick with the policy's own rules (policy/agreements.ts
 * in force, policy/releasability.ts denialReason) and reused for every item.
 *
 * What fidelity does to an SSA item (the model in docs/scenario-reference.md): position noise of sigma_n
 * per axis and rounding to a grid g add to the item's uncertainty as independent errors,
 * sigma' = sqrt(sigma^2 + sigma_n^2 + g^2/12) (a uniform rounding error has variance g^2/12); identity
 * `unknown`, both `name` and `noradId` stripped, or `velTemeKmPerS` stripped (a position alone names no
 * orbit) deliver an unidentified report: the recipient matches it to the public catalog by its orbit,
 * but an object outside the public catalog stays an uncorrelated track until it has
 * `correlationReports` reports (engine/tracks.ts); `uncertaintyKm` stripped makes the recipient assume
 * the worst it still calls custody (`custodyKmMax`); `source` stripped hides the sensor.
 */
import { FRESH, type ArrayArena } from './arena.js';
import type { MarkingTable } from './markings.js';
import type { AgreementModel, ScenarioModel } from './model.js';
import { agreementChangesFrom, inRanges, type AgreementChange } from './policy/agreements.js';
import { denialReason, type DenialReason } from './policy/releasability.js';
import { createSharingPolicy, type SharingPolicy } from './policy/routes.js';
import { PRODUCTS, type Product } from './policy/products.js';

/** The SSA products, as systems/share.ts names them. */
export const OBSERVATIONS: Product = 'ssa.observations';
export const TRACKS: Product = 'ssa.tracks';

/** One way items of one marking and product go at one tick. */
export interface SsaRoute {
  readonly recipientTable: number;
  readonly agreement: number;
  readonly latencyTicks: number;
  /** Added to the item's variance: noise^2 + rounding^2 / 12, km^2. */
  readonly addVarianceKm2: number;
  /** False when the recipient learns where an object is but not which (or cannot start a track). */
  readonly identified: boolean;
  readonly stripSource: boolean;
  readonly stripUncertainty: boolean;
  /** Every field the agreement strips (status items apply them field by field). */
  readonly strip: ReadonlySet<string>;
}

interface Refusal {
  readonly agreement: number;
  readonly reason: DenialReason;
}

interface RouteSet {
  readonly routes: readonly SsaRoute[];
  readonly refusals: readonly Refusal[];
}

/** Items delivered at one tick, in the order they were released. */
export interface InFlight {
  n: number;
  recipient: Int16Array;
  stable: Int32Array;
  sigmaKm: Float64Array;
  itemTick: Int32Array;
  agreement: Int16Array;
  sensor: Int32Array;
  marking: Int32Array;
  /** Bit 0: identified; bit 1: uncertainty withheld. */
  flags: Uint8Array;
}

export interface AgreementCounters {
  sent: Float64Array;
  delivered: Float64Array;
  /** Items the in-flight limit dropped, by agreement. */
  dropped: Float64Array;
  /** Refusals by agreement index and reason. */
  refused: Map<DenialReason, Float64Array>;
}

/** Pairs of (stable index, marking id) touched this tick. */
export interface Touched {
  stable: Int32Array;
  marking: Int32Array;
  n: number;
}

export function touch(t: Touched, stable: number, marking: number): void {
  if (t.n === t.stable.length) {
    const s = new Int32Array(2 * t.n);
    s.set(t.stable);
    const m = new Int32Array(2 * t.n);
    m.set(t.marking);
    t.stable = s;
    t.marking = m;
  }
  t.stable[t.n] = stable;
  t.marking[t.n] = marking;
  t.n++;
}

export interface SharingState {
  policy: SharingPolicy;
  readonly agreements: readonly AgreementModel[];
  readonly agreementIndex: ReadonlyMap<string, number>;
  /** The MSEL's changes, then those given during the run (commands.ts). */
  readonly changes: AgreementChange[];
  readonly queue: Map<number, InFlight>;
  /** Delivered batches kept for reuse (a few), so steady sharing allocates nothing. */
  readonly pool: InFlight[];
  /** Where batches come from and go back to beyond the pool (the sim's arena). */
  readonly arena: ArrayArena;
  inFlight: number;
  readonly inFlightMax: number;
  dropped: number;
  readonly counters: AgreementCounters;
  memoTick: number;
  readonly memo: Map<number, RouteSet>;
  /** The batch the last item went into, and its delivery tick (-1: none). */
  lastDeliverTick: number;
  lastBatch: InFlight | undefined;
  /** Per nation table: (object, marking) pairs its own sensors updated this tick, each once. */
  readonly touched: Touched[];
}

export function createSharingState(model: ScenarioModel, tables: readonly string[], arena: ArrayArena = FRESH): SharingState {
  const changes = agreementChangesFrom(model.injects);
  const n = model.agreements.length;
  return {
    policy: createSharingPolicy(model, changes),
    agreements: model.agreements,
    agreementIndex: new Map(model.agreements.map((a, i) => [a.id, i])),
    changes,
    queue: new Map(),
    pool: [],
    arena,
    inFlight: 0,
    inFlightMax: model.limits.sharedItemsInFlightMax,
    dropped: 0,
    counters: { sent: new Float64Array(n), delivered: new Float64Array(n), dropped: new Float64Array(n), refused: new Map() },
    memoTick: -1,
    memo: new Map(),
    lastDeliverTick: -1,
    lastBatch: undefined,
    touched: tables.map(() => ({ stable: new Int32Array(64), marking: new Int32Array(64), n: 0 })),
  };
}

/** Routes of items of `marking` and `product` produced at `tick` (memoised per tick). */
export function routesFor(st: SharingState, markings: MarkingTable, nations: readonly string[], marking: number, product: Product, tick: number): RouteSet {
  if (st.memoTick !== tick) {
    st.memo.clear();
    st.memoTick = tick;
  }
  const key = marking * PRODUCTS.length + PRODUCTS.indexOf(product);
  let set = st.memo.get(key);
  if (set) return set;
  const item = markings.get(marking);
  const routes: SsaRoute[] = [];
  const refusals: Refusal[] = [];
  for (const p of item.owner === null ? [] : (st.policy.byProvider.get(item.owner) ?? [])) {
    const a = p.agreement;
    if (!a.products.includes(product) || !inRanges(p.ranges, tick)) continue;
    const index = st.agreementIndex.get(a.id)!;
    for (const recipient of a.recipients) {
      const reason = denialReason(item, recipient, a, st.policy.levels);
      if (reason !== null) {
        refusals.push({ agreement: index, reason });
        continue;
      }
      const f = a.fidelity;
      const strip = new Set(f.strip);
      routes.push({
        recipientTable: nations.indexOf(recipient),
        agreement: index,
        latencyTicks: p.latencyTicks,
        addVarianceKm2: f.positionNoiseKm ** 2 + f.positionRoundingKm ** 2 / 12,
        identified: f.identity === 'full' && !(strip.has('name') && strip.has('noradId')) && !strip.has('velTemeKmPerS'),
        stripSource: strip.has('source'),
        stripUncertainty: strip.has('uncertaintyKm'),
        strip,
      });
    }
  }
  set = { routes, refusals };
  st.memo.set(key, set);
  return set;
}

export function countRefusals(st: SharingState, refusals: readonly Refusal[]): void {
  for (const r of refusals) {
    let arr = st.counters.refused.get(r.reason);
    if (!arr) {
      arr = new Float64Array(st.agreements.length);
      st.counters.refused.set(r.reason, arr);
    }
    arr[r.agreement]++;
  }
}

/** Put one item in flight; false (and counted) when `limits.sharedItemsInFlightMax` is reached. */
export function enqueue(
  st: SharingState, deliverTick: number, recipient: number, stable: number, sigmaKm: number, itemTick: number,
  agreement: number, sensor: number, marking: number, flags: number,
): boolean {
  if (st.inFlight >= st.inFlightMax) {
    st.dropped++;
    st.counters.dropped[agreement]++;
    return false;
  }
  // Items of one tick mostly share a delivery tick: keep the last batch at hand.
  let b = st.lastDeliverTick === deliverTick ? st.lastBatch : st.queue.get(deliverTick);
  if (!b) {
    b = st.pool.pop() ?? newBatch(st.arena, 1024);
    b.n = 0;
    st.queue.set(deliverTick, b);
  } else if (b.n === b.recipient.length) {
    b = grow(st.arena, b);
    st.queue.set(deliverTick, b);
  }
  st.lastDeliverTick = deliverTick;
  st.lastBatch = b;
  const i = b.n++;
  b.recipient[i] = recipient;
  b.stable[i] = stable;
  b.sigmaKm[i] = sigmaKm;
  b.itemTick[i] = itemTick;
  b.agreement[i] = agreement;
  b.sensor[i] = sensor;
  b.marking[i] = marking;
  b.flags[i] = flags;
  st.inFlight++;
  st.counters.sent[agreement]++;
  return true;
}

/** Give a delivered batch back for reuse. */
export function recycle(st: SharingState, b: InFlight): void {
  if (st.lastBatch === b) {
    st.lastBatch = undefined;
    st.lastDeliverTick = -1;
  }
  if (st.pool.length < 8) st.pool.push(b);
  else giveBatch(st.arena, b);
}

/** A batch of `size` items; only its first `n` are ever read, so its arrays need no zeroing. */
function newBatch(arena: ArrayArena, size: number): InFlight {
  return {
    n: 0,
    recipient: arena.takeScratch(Int16Array, size),
    stable: arena.takeScratch(Int32Array, size),
    sigmaKm: arena.takeScratch(Float64Array, size),
    itemTick: arena.takeScratch(Int32Array, size),
    agreement: arena.takeScratch(Int16Array, size),
    sensor: arena.takeScratch(Int32Array, size),
    marking: arena.takeScratch(Int32Array, size),
    flags: arena.takeScratch(Uint8Array, size),
  };
}

function giveBatch(arena: ArrayArena, b: InFlight): void {
  arena.give(b.recipient);
  arena.give(b.stable);
  arena.give(b.sigmaKm);
  arena.give(b.itemTick);
  arena.give(b.agreement);
  arena.give(b.sensor);
  arena.give(b.marking);
  arena.give(b.flags);
}

function grow(arena: ArrayArena, b: InFlight): InFlight {
  const g = newBatch(arena, 2 * b.recipient.length);
  g.n = b.n;
  g.recipient.set(b.recipient);
  g.stable.set(b.stable);
  g.sigmaKm.set(b.sigmaKm);
  g.itemTick.set(b.itemTick);
  g.agreement.set(b.agreement);
  g.sensor.set(b.sensor);
  g.marking.set(b.marking);
  g.flags.set(b.flags);
  giveBatch(arena, b);
  return g;
}
