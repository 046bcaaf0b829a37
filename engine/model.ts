import type { AccessLevel } from './policy/agreements.js';
import type { IdentityFidelity, StripField } from './policy/fidelity.js';
import type { Product } from './policy/products.js';

/**
 * The engine's input: a scenario resolved to plain data. The scenario loader (scenarios/load.ts) builds it
 * from YAML and catalog files and checks every reference; the engine trusts it and never reads a file.
 * Every field carries its unit in its name. Ids are strings unique within their kind.
 *
 * Read next: world.ts (createSim turns a model into entities), scenarios/schema.ts (the YAML language).
 */

/** Where an orbit comes from. Every kind becomes an SGP4 satrec, so everything propagates alike. */
export type OrbitSource =
  | { readonly kind: 'tle'; readonly line1: string; readonly line2: string }
  | { readonly kind: 'omm'; readonly omm: Readonly<Record<string, string | number>> }
  | { readonly kind: 'elements'; readonly elements: MeanElementsModel };

/** Keplerian mean elements (SGP4 / TLE sense), as a planner writes them in YAML. */
export interface MeanElementsModel {
  readonly epochMs: number;
  /** Mean motion, revolutions per day (Kozai, as in a TLE). */
  readonly meanMotionRevPerDay: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argPerigeeDeg: number;
  readonly meanAnomalyDeg: number;
  /** SGP4 drag term B*, 1 / earth radii. */
  readonly bstarPerEarthRadius: number;
  readonly noradId: number;
}

export interface NationModel {
  /** ISO 3166-1 alpha-3 trigraph, or a scenario-defined organisation code (ESA, MNO). */
  readonly id: string;
  readonly name: string;
  readonly side: 'blue' | 'red' | 'neutral';
  /** False for nations that only appear as owners in catalog owner data (they play no cell). */
  readonly declared: boolean;
}

export interface CoalitionModel {
  readonly id: string;
  readonly name: string;
  /** Member nation ids, expanded (coalitions of coalitions flattened) and sorted. */
  readonly members: readonly string[];
}

export interface OrbitalObjectModel {
  readonly id: string;
  readonly name: string;
  readonly noradId: number | null;
  /** Owning nation id, or null for objects nobody owns (debris, unknown). */
  readonly owner: string | null;
  readonly kind: 'payload' | 'rocket-body' | 'debris' | 'unknown';
  readonly orbit: OrbitSource;
  /** Radar cross-section, m^2 (null when unknown: later sensor models pick a default by kind). */
  readonly rcsM2: number | null;
  /** Where the object was defined, for messages: `file:line`. */
  readonly origin: string;
}

export interface SiteModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altKm: number;
}

export interface RadarSensorModel {
  readonly id: string;
  readonly kind: 'radar';
  readonly owner: string;
  readonly site: string;
  readonly elevationDegMin: number;
  readonly rangeKmMax: number;
  /** Azimuth window, degrees clockwise from north; [0, 360] is all round. Wraps through north when min > max. */
  readonly azimuthDegMin: number;
  readonly azimuthDegMax: number;
  /** Probability that an object in the field of view is detected on one look (one tick). */
  readonly detectionProbability: number;
}

export type SensorModel = RadarSensorModel;

/** Who may see an item of information. White cells see everything; NOFORN never leaves its owner. */
export interface VisibilityModel {
  readonly owner: string | null;
  readonly classification: string;
  /** Nation ids the item is releasable to, besides its owner; `all` is public. */
  readonly releasableTo: readonly string[] | 'all';
  readonly caveats: readonly string[];
}

/**
 * How much of an item an agreement passes on (engine/policy/fidelity.ts applies it). The identity of
 * `FULL_FIDELITY` (all zeros, `full`, nothing stripped) passes items unchanged.
 */
export interface FidelityModel {
  /** 1-sigma Gaussian noise added to each position axis, km (0: none). */
  readonly positionNoiseKm: number;
  /** Positions rounded to a grid of this pitch on each axis, km (0: not rounded). */
  readonly positionRoundingKm: number;
  /** `unknown`: the recipient learns where an object is, not which object it is. */
  readonly identity: IdentityFidelity;
  /** Fields removed from every item before it leaves the provider. */
  readonly strip: readonly StripField[];
}

/**
 * A sharing agreement, resolved: the provider releases the listed products to the recipient nations, up
 * to a classification ceiling, after a latency, with a fidelity, while it is in force.
 * Whether it is in force at a tick also depends on `agreement-change` injects (engine/policy/agreements.ts).
 */
export interface AgreementModel {
  readonly id: string;
  /** The nation that shares: only its own items travel under this agreement. */
  readonly provider: string;
  /** Receiving nations: coalitions expanded, the provider left out, sorted, each once. */
  readonly recipients: readonly string[];
  /** Products shared, in the canonical order of engine/policy/products.ts, each once. */
  readonly products: readonly Product[];
  /** Highest classification level released (the scenario's lowest level when the YAML names none). */
  readonly classificationMax: string;
  /** Delay from the provider's tick to the recipients', ms (rounded up to whole steps when routed). */
  readonly latencyMs: number;
  readonly fidelity: FidelityModel;
  /** How the recipient's people reach the products; descriptive, the rules are the same for all. */
  readonly access: AccessLevel;
  /** False: a draft that takes force only when an `agreement-change` inject signs it. */
  readonly signed: boolean;
  /** First tick in force: the first tick at or after `from`. */
  readonly fromTick: number;
  /** First tick no longer in force (the first at or after `until`); null: to the end of the run. */
  readonly untilTick: number | null;
}

/** A master scenario events list entry, resolved to a tick. */
export interface InjectModel {
  readonly id: string;
  readonly tick: number;
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  /** Kind-specific parameters, validated by the schema. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly visibility: VisibilityModel;
  readonly expect: { readonly response: string; readonly withinMs: number } | null;
}

/** How tracks age (scenario `tracking:`): uncertainty grows linearly from the last observation. */
export interface TrackingModel {
  readonly uncertaintyKmInitial: number;
  readonly uncertaintyGrowthKmPerHour: number;
  readonly custodyKmMax: number;
}

export interface LimitsModel {
  /** Most entities of every kind the sim may hold at once (objects, sites, sensors, fragments). */
  readonly entitiesMax: number;
  /** Most events one run may log; past it one `limit-reached` event is logged and the rest are counted. */
  readonly eventsMax: number;
}

export interface ScenarioModel {
  readonly name: string;
  /** Exercise marking printed on every output, e.g. `UNCLASSIFIED // EXERCISE`. */
  readonly marking: string;
  readonly epochMs: number;
  readonly stepMs: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly classificationLevels: readonly string[];
  readonly nations: readonly NationModel[];
  readonly coalitions: readonly CoalitionModel[];
  readonly objects: readonly OrbitalObjectModel[];
  readonly sites: readonly SiteModel[];
  readonly sensors: readonly SensorModel[];
  /** Sharing agreements, in scenario order. */
  readonly agreements: readonly AgreementModel[];
  readonly injects: readonly InjectModel[];
  readonly limits: LimitsModel;
  readonly tracking: TrackingModel;
  /** sha256 of the scenario text and every file it pulled in (for manifests and replays). */
  readonly contentHash: string;
}
