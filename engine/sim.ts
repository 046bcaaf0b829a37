/**
 * The Sim: one run of one scenario. It owns the bitecs world, the components, the clock, the random
 * streams, the event log and the propagator. Systems (engine/systems/) read and write it; nothing else
 * mutates it. Create one with `createSim` (world.ts).
 */
import type { World } from 'bitecs';
import type { ArrayArena } from './arena.js';
import type { Components } from './components/index.js';
import type { EventLog } from './events.js';
import type { InjectModel, NationModel, OrbitalObjectModel, ScenarioModel } from './model.js';
import type { PreparedOrbits } from './propagators/prepared.js';
import type { Propagator } from './propagators/propagator.js';
import type { RngStreams } from './rng.js';
import type { TimeBase } from './time.js';
import type { NationTracks } from './tracks.js';
import type { LimitName } from './limits.js';
import type { MarkingTable } from './markings.js';
import type { Candidates } from './sensors/candidates.js';
import type { ObservationBuffer } from './sensors/observations.js';
import type { PriorityRanks } from './sensors/tasking.js';
import type { SimViews } from './sensors/shared-views.js';
import type { SharingState } from './sharing.js';
import type { EwState } from './ew/state.js';
import type { StatusBoard } from './ew/status.js';
import type { CounterspaceState } from './counterspace/state.js';

/** Entity lists in stable (scenario) order. Systems iterate these, never bitecs query order. */
export interface StableOrder {
  /** Orbiting objects still in the sim, by stable index. */
  orbiters: Uint32Array;
  /** Sensors of every kind, by stable index. */
  sensors: Uint32Array;
  /** Set when entities were added or removed: the lists are rebuilt before the next system reads them. */
  dirty: boolean;
  /** Objects to take out of the sim before the next tick (destroyed this tick). */
  pendingRemovals: number[];
  /**
   * Set when orbiting entities were added: the propagator is loaded anew. Removals only zero their slot
   * (a WASM upload costs milliseconds per thousand objects), until half the slots are dead.
   */
  reload: boolean;
}

export interface Sim {
  readonly model: ScenarioModel;
  readonly world: World;
  readonly c: Components;
  readonly time: TimeBase;
  /** The current tick; state in the components is the state at this tick. */
  tick: number;
  readonly seed: number;
  readonly runIndex: number;
  readonly rng: RngStreams;
  readonly events: EventLog;
  readonly propagator: Propagator;
  /** Scenario id by stable index. */
  readonly ids: readonly string[];
  /** Entity id by scenario id (entities that left the sim are removed). */
  readonly eidById: Map<string, number>;
  readonly nations: readonly NationModel[];
  readonly order: StableOrder;
  /** Propagator slot -> entity id for the satrecs currently loaded; 0 marks the slot of a removed object. */
  slots: Uint32Array;
  /** Slots whose object was removed since the last load. */
  deadSlots: number;
  /** GMST at the current tick, radians. */
  gmstRad: number;
  /** Index of the next MSEL inject to apply (injects are sorted by tick, then scenario order). */
  injectCursor: number;
  /** Orbit changes of objects during the run, by stable index (orbit-history.ts). */
  readonly orbitHistory: Map<number, import('./orbit-history.js').OrbitChange[]>;
  /** Injects and orders given during the run (commands.ts), by tick then the order they were given. */
  readonly liveInjects: InjectModel[];
  /** Objects in the sim at tick 0, before any left. */
  readonly objectsInitial: number;
  /** Objects added during the run (spawn.ts). */
  objectsAdded: number;
  /** Per sensor entity: which stable indices it has ever detected (1 byte per object). */
  readonly sensorSeen: Map<number, Uint8Array>;
  /** Per sensor entity with a priority list: rank by stable index. */
  readonly sensorRanks: Map<number, PriorityRanks>;
  /** What one sensor may see this tick (reused by every sensor). */
  candidates: Candidates;
  /** Unit Sun direction at the current tick, TEME and Earth-fixed. */
  readonly sunTeme: Float64Array;
  readonly sunEcef: Float64Array;
  /** This tick's observations, every sensor. */
  readonly observations: ObservationBuffer;
  /** The markings of the items the run produces. */
  readonly markings: MarkingTable;
  /** By stable index: the owner's marking of what it knows of the object, or -1. */
  objectMarking: Int32Array;
  /** The orbiting objects by stable index: the scenario's, then those added during the run (spawn.ts). */
  readonly objects: (OrbitalObjectModel | undefined)[];
  /** Agreements, items in flight, counters. */
  readonly sharing: SharingState;
  /** Electronic warfare and PNT: transponders, terminals, jammers, receivers. */
  readonly ew: EwState;
  /** Status items (link, PNT, geolocation): what each nation holds, what is in flight. */
  readonly status: StatusBoard;
  /** Marking ids of the EW items each thing produces, by its index in the scenario's lists. */
  readonly ewMarkings: { readonly terminal: Int32Array; readonly receiver: Int32Array; readonly transponder: Int32Array };
  /** Limits already reported with a `limit-reached` event. */
  readonly limitsReached: Set<LimitName>;
  /** Prepared SGP4 structs of the scenario's objects (by stable index), or null. */
  readonly prepared: PreparedOrbits | null;
  /** Each declared nation's tracks (engine/tracks.ts). */
  readonly tracks: NationTracks;
  /** A batch's shared fields of view of the ground sensors (sensors/shared-views.ts), or null. */
  views: SimViews | null;
  /** Engagements, breakups, effects and conjunctions (engine/counterspace/). */
  readonly counterspace: CounterspaceState;
  /** Where the sim's large typed arrays come from (arena.ts; FRESH unless a batch worker lends its own). */
  readonly arena: ArrayArena;
}
