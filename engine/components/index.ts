/**
 * Components: structure-of-arrays typed arrays indexed by bitecs entity id, units in field names.
 * One `Components` bundle belongs to one sim (several sims can live in one process side by side).
 * Capacity is fixed when the sim is created (scenario `limits.entitiesMax`): put a limit on everything.
 *
 * Read next: world.ts (creates entities), systems/ (the loops over these arrays).
 */
import type { SatRec } from 'satellite.js';

/** Identity of every entity: its position in the stable scenario order (hash and iteration order). */
export interface Identity {
  /** Stable index: scenario order, never reused. Index into `Sim.ids`. */
  stableIndex: Uint32Array;
}

/** An object on an SGP4 orbit. Its satrec is created on first use (sim.ts `satrecOf`): a sim loaded from
 * prepared orbits never needs the JavaScript satrecs of its catalog. */
export interface Orbit {
  satrec: (SatRec | undefined)[];
}

/** Position and velocity of an orbiting object at the current tick. */
export interface Kinematics {
  /** TEME position, km, xyz interleaved (index 3*eid). */
  posTemeKm: Float64Array;
  /** TEME velocity, km/s, xyz interleaved. */
  velTemeKmps: Float64Array;
  /** Earth-fixed (PEF) position, km, xyz interleaved. */
  posEcefKm: Float64Array;
}

/** Owner of an entity: index into `Sim.nations`, or -1 for nobody. */
export interface Ownership {
  nationIndex: Int16Array;
}

/** A point on the ground: WGS-84 position and local axes, precomputed. */
export interface GroundSite {
  latRad: Float64Array;
  lonRad: Float64Array;
  altKm: Float64Array;
  posEcefKm: Float64Array;
  /** Unit vectors east, north, up (ECEF), 3 per entity each. */
  eastEcef: Float64Array;
  northEcef: Float64Array;
  upEcef: Float64Array;
}

/** A ground radar: field of view and detection. Its site is the entity `siteEid`. */
export interface Radar {
  siteEid: Uint32Array;
  elevationRadMin: Float64Array;
  rangeKmMax: Float64Array;
  azimuthRadMin: Float64Array;
  azimuthRadMax: Float64Array;
  detectionProbability: Float64Array;
  /** Objects in the field of view at the current tick. */
  inViewCount: Uint32Array;
  /** Detections since the start of the run. */
  detectionsTotal: Float64Array;
  /** Distinct objects detected at least once since the start of the run. */
  objectsDetected: Float64Array;
  /** The radar sees nothing before this tick (an outage inject or, later, an effect). */
  downUntilTick: Float64Array;
}

export interface Components {
  readonly capacity: number;
  readonly Identity: Identity;
  readonly Orbit: Orbit;
  readonly Kinematics: Kinematics;
  readonly Ownership: Ownership;
  readonly GroundSite: GroundSite;
  readonly Radar: Radar;
}

/** Allocate every component for `capacity` entities (bitecs ids run from 1 up to capacity). */
export function createComponents(capacity: number): Components {
  const n = capacity + 1;
  return {
    capacity,
    Identity: { stableIndex: new Uint32Array(n) },
    Orbit: { satrec: new Array<SatRec | undefined>(n).fill(undefined) },
    Kinematics: {
      posTemeKm: new Float64Array(3 * n),
      velTemeKmps: new Float64Array(3 * n),
      posEcefKm: new Float64Array(3 * n),
    },
    Ownership: { nationIndex: new Int16Array(n).fill(-1) },
    GroundSite: {
      latRad: new Float64Array(n),
      lonRad: new Float64Array(n),
      altKm: new Float64Array(n),
      posEcefKm: new Float64Array(3 * n),
      eastEcef: new Float64Array(3 * n),
      northEcef: new Float64Array(3 * n),
      upEcef: new Float64Array(3 * n),
    },
    Radar: {
      siteEid: new Uint32Array(n),
      elevationRadMin: new Float64Array(n),
      rangeKmMax: new Float64Array(n),
      azimuthRadMin: new Float64Array(n),
      azimuthRadMax: new Float64Array(n),
      detectionProbability: new Float64Array(n),
      inViewCount: new Uint32Array(n),
      detectionsTotal: new Float64Array(n),
      objectsDetected: new Float64Array(n),
      downUntilTick: new Float64Array(n),
    },
  };
}
