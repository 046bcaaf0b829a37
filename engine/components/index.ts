/**
 * Components: structure-of-arrays typed arrays indexed by bitecs entity id, units in field names.
 * One `Components` bundle belongs to one sim (several sims can live in one process side by side).
 * Capacity is fixed when the sim is created (scenario `limits.entitiesMax`): put a limit on everything.
 *
 * Registered with bitecs (so queries find them): Orbit, GroundSite, Sensor. Identity (every entity) and
 * Kinematics (every orbiting one) are held for entities the queries already give and are never queried,
 * so they are not registered: a registration costs bitecs a set insertion and a mask update per entity,
 * two thirds of creating a catalog's entities, again at every run of a batch.
 *
 * Read next: world.ts (creates entities), systems/ (the loops over these arrays).
 */
import type { SatRec } from 'satellite.js';
import { FRESH, type ArrayArena } from '../arena.js';

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

/** Sensor kinds as stored in `Sensor.kindCode`. */
export const SENSOR_KINDS = ['radar', 'optical', 'space'] as const;
export const RADAR = 0;
export const OPTICAL = 1;
export const SPACE = 2;
/** Space sensor pointing as stored in `Sensor.pointingCode`. */
export const POINTINGS = ['any', 'nadir', 'zenith'] as const;

/**
 * A sensor of any kind: its field of view, how it detects, its capacity, what it has done. Ground
 * sensors stand on a site; a space sensor rides an orbiting object (its host).
 */
export interface Sensor {
  kindCode: Uint8Array;
  /** Ground sensors: the site's entity id. Space sensors: the host's stable index (its entity may leave the sim). */
  platform: Uint32Array;
  elevationRadMin: Float64Array;
  elevationRadMax: Float64Array;
  rangeKmMax: Float64Array;
  azimuthRadMin: Float64Array;
  azimuthRadMax: Float64Array;
  detectionProbability: Float64Array;
  /** Radar equation: SNR = snrConstant * rcsM2 / rangeKm^4; 0 when the radar has a fixed probability. */
  snrConstant: Float64Array;
  /** Swerling I detection threshold over noise, linear. */
  thresholdLinear: Float64Array;
  /** Optical sensors: faintest visual magnitude (NaN: not optical). */
  magnitudeMax: Float64Array;
  /** Ground optical: sine of the highest Sun elevation at which the site is dark enough. */
  sunElevationSinMax: Float64Array;
  /** Space sensors: index into POINTINGS. */
  pointingCode: Uint8Array;
  /** Space sensors: cosine of the cone half-angle. */
  halfAngleCos: Float64Array;
  earthClearanceKm: Float64Array;
  /** Space optical: cosine of the Sun exclusion angle. */
  sunExclusionCos: Float64Array;
  measurementNoiseKm: Float64Array;
  /** Most objects observed per step; 0: no limit. */
  capacity: Uint32Array;
  /** The marking of what the sensor produces: index into the sim's marking table. */
  markingId: Int32Array;
  /** Objects the sensor could see at the current tick (before its capacity). */
  inViewCount: Uint32Array;
  /** Detections since the start of the run. */
  detectionsTotal: Float64Array;
  /** Distinct objects detected at least once since the start of the run. */
  objectsDetected: Float64Array;
  /** The sensor sees nothing before this tick (an outage inject or, later, an effect). */
  downUntilTick: Float64Array;
}

/** What sensors need to know of a target: how big it looks to a radar and to a telescope. */
export interface Target {
  rcsM2: Float64Array;
  standardMagnitude: Float64Array;
  /** 10^(-0.4 standardMagnitude): lets optical sensors reject faint objects without logarithms. */
  brightness: Float64Array;
}

export interface Components {
  readonly capacity: number;
  readonly Identity: Identity;
  readonly Orbit: Orbit;
  readonly Kinematics: Kinematics;
  readonly Ownership: Ownership;
  readonly GroundSite: GroundSite;
  readonly Sensor: Sensor;
  readonly Target: Target;
}

/** Allocate every component for `capacity` entities (bitecs ids run from 1 up to capacity), from `arena`. */
export function createComponents(capacity: number, arena: ArrayArena = FRESH): Components {
  const n = capacity + 1;
  return {
    capacity,
    Identity: { stableIndex: arena.take(Uint32Array, n) },
    Orbit: { satrec: new Array<SatRec | undefined>(n).fill(undefined) },
    Kinematics: {
      posTemeKm: arena.take(Float64Array, 3 * n),
      velTemeKmps: arena.take(Float64Array, 3 * n),
      posEcefKm: arena.take(Float64Array, 3 * n),
    },
    Ownership: { nationIndex: arena.take(Int16Array, n, -1) },
    GroundSite: {
      latRad: arena.take(Float64Array, n),
      lonRad: arena.take(Float64Array, n),
      altKm: arena.take(Float64Array, n),
      posEcefKm: arena.take(Float64Array, 3 * n),
      eastEcef: arena.take(Float64Array, 3 * n),
      northEcef: arena.take(Float64Array, 3 * n),
      upEcef: arena.take(Float64Array, 3 * n),
    },
    Sensor: {
      kindCode: arena.take(Uint8Array, n),
      platform: arena.take(Uint32Array, n),
      elevationRadMin: arena.take(Float64Array, n),
      elevationRadMax: arena.take(Float64Array, n),
      rangeKmMax: arena.take(Float64Array, n),
      azimuthRadMin: arena.take(Float64Array, n),
      azimuthRadMax: arena.take(Float64Array, n),
      detectionProbability: arena.take(Float64Array, n),
      snrConstant: arena.take(Float64Array, n),
      thresholdLinear: arena.take(Float64Array, n),
      magnitudeMax: arena.take(Float64Array, n),
      sunElevationSinMax: arena.take(Float64Array, n),
      pointingCode: arena.take(Uint8Array, n),
      halfAngleCos: arena.take(Float64Array, n),
      earthClearanceKm: arena.take(Float64Array, n),
      sunExclusionCos: arena.take(Float64Array, n),
      measurementNoiseKm: arena.take(Float64Array, n),
      capacity: arena.take(Uint32Array, n),
      markingId: arena.take(Int32Array, n),
      inViewCount: arena.take(Uint32Array, n),
      detectionsTotal: arena.take(Float64Array, n),
      objectsDetected: arena.take(Float64Array, n),
      downUntilTick: arena.take(Float64Array, n),
    },
    Target: { rcsM2: arena.take(Float64Array, n), standardMagnitude: arena.take(Float64Array, n), brightness: arena.take(Float64Array, n) },
  };
}
