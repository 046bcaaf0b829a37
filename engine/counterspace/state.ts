/**
 * The counterspace state of a run: launcher inventories, interceptors in flight, co-orbital approaches,
 * active dazzles and cyber effects, breakups waiting for their tick, fragments made so far, and the
 * records the summary reports (launches, detections, breakups, fragment custody over time, conjunctions).
 * Everything here is plain data in stable order (lists appended in tick order), so it hashes and
 * replays like the rest of the sim.
 *
 * Read next: da-asat.ts, co-orbital.ts, non-kinetic.ts, conjunctions.ts (what reads and writes it).
 */
import type { BreakupSpecModel } from '../model-counterspace.js';
import type { ScenarioModel } from '../model.js';
import { Screener } from '../physics/screening.js';

/** An interceptor on its way: from launch to its planned intercept tick. */
export interface Flight {
  /** 'L-1', 'L-2'... in launch order: the launch's name in warnings. */
  readonly id: string;
  readonly launcher: number;
  readonly nation: string;
  readonly target: string;
  readonly launchTick: number;
  readonly interceptTick: number;
  /** Launch site and planned intercept point, Earth-fixed, km. */
  readonly siteEcefKm: readonly [number, number, number];
  readonly interceptEcefKm: readonly [number, number, number];
  /** Fly-out time, s. */
  readonly flyOutS: number;
  /** Warning sensors (indices) that have seen this flight. */
  readonly seenBy: Set<number>;
  outcome: 'in-flight' | 'hit' | 'miss' | 'target-gone';
}

export interface Approach {
  readonly asat: number;
  readonly target: string;
  readonly effect: 'kinetic' | 'shadow';
  readonly standoffKm: number;
  readonly orderTick: number;
  readonly arrivalTick: number;
  readonly deltaVMps: number;
  done: boolean;
}

export interface TimedEffect {
  readonly kind: 'dazzle' | 'cyber';
  readonly source: string;
  readonly target: string;
  readonly effect: 'deny' | 'degrade';
  readonly factor: number;
  readonly marginLossDb: number;
  readonly fromTick: number;
  readonly untilTick: number;
  /** Ticks the effect acted (a dazzle acts only while the geometry holds). */
  activeTicks: number;
}

export interface PendingBreakup {
  readonly tick: number;
  readonly object: string;
  readonly cause: 'explosion' | 'collision' | 'asat' | 'co-orbital';
  readonly spec: BreakupSpecModel | null;
  /** Collision: the impactor's mass and the closing speed (null: from the spec or defaults). */
  readonly projectileMassKg: number | null;
  readonly impactSpeedKmPerS: number | null;
  readonly by: string | null;
}

export interface BreakupRecord {
  readonly tick: number;
  readonly object: string;
  readonly cause: PendingBreakup['cause'];
  readonly regime: string;
  readonly drawn: number;
  readonly added: number;
  readonly refused: number;
  readonly cut: number;
  /** Stable indices [first, last] of the fragments it added. */
  readonly firstStable: number;
  readonly lastStable: number;
}

/** A close approach found by screening, with truth's numbers (white cell). */
export interface ConjunctionRecord {
  readonly key: string;
  readonly object1: string;
  readonly object2: string;
  readonly screenTick: number;
  readonly tcaMs: number;
  readonly missKm: number;
  readonly relativeSpeedKmps: number;
  /** Nations warned (their Pc reached warnPc), with their Pc. */
  readonly warned: { nation: string; pc: number }[];
  collided: boolean;
}

/** A launch warning waiting for its sensor's reporting delay. */
export interface PendingWarning {
  readonly tick: number;
  readonly flight: string;
  readonly sensor: number;
  readonly detectedTick: number;
}

export interface CounterspaceState {
  readonly inventory: Int32Array;
  readonly flights: Flight[];
  readonly pendingWarnings: PendingWarning[];
  readonly approaches: Approach[];
  /** Co-orbital orders of this tick, planned once the orbits are propagated (engage). */
  readonly coOrbitalOrders: { asat: string; target: string; effect: 'kinetic' | 'shadow'; standoffKm: number }[];
  /** Burns ordered this tick, carried out once the orbits are propagated (manoeuvre.ts). */
  readonly manoeuvres: { object: string; radialMps: number; alongTrackMps: number; crossTrackMps: number }[];
  readonly effects: TimedEffect[];
  readonly pendingBreakups: PendingBreakup[];
  readonly breakups: BreakupRecord[];
  fragmentsAdded: number;
  /** Launch warnings each nation holds first: flight id -> nation -> tick received. */
  readonly firstWarning: Map<string, Map<string, { tick: number; via: string }>>;
  /** Fragment custody per nation sampled over time: tick, then custody count per nation table. */
  readonly fragmentCustody: { tick: number; fragments: number; byTable: number[]; trackedByTable: number[] }[];
  readonly conjunctions: ConjunctionRecord[];
  conjunctionsDropped: number;
  screenings: number;
  readonly screener: Screener | null;
  /** Base detection probability by sensor entity, to restore after a degrade. */
  readonly basePd: Map<number, number>;
}

/** Most conjunction records kept for the summary and pictures. */
export const CONJUNCTION_RECORDS_MAX = 20_000;
/** Most timed effects (dazzles, cyber) active or past. */
export const EFFECTS_MAX = 10_000;

export function createCounterspaceState(model: ScenarioModel): CounterspaceState {
  const cs = model.counterspace;
  return {
    inventory: Int32Array.from(cs.launchers.map((l) => l.inventory)),
    flights: [],
    pendingWarnings: [],
    approaches: [],
    coOrbitalOrders: [],
    manoeuvres: [],
    effects: [],
    pendingBreakups: [],
    breakups: [],
    fragmentsAdded: 0,
    firstWarning: new Map(),
    fragmentCustody: [],
    conjunctions: [],
    conjunctionsDropped: 0,
    screenings: 0,
    screener: cs.conjunctions ? new Screener(cs.conjunctions.pairsMax) : null,
    basePd: new Map(),
  };
}
