import type { ConstellationName, JammerModel, ReceiverModel, TerminalModel, TransponderModel } from './model-ew.js';
import type { CounterspaceModel } from './model-counterspace.js';
import type { LiveModel, OrderKind } from './model-live.js';
import type { AccessLevel } from './policy/agreements.js';
export type * from './model-ew.js';
export type * from './model-live.js';
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
  /** Radar cross-section, m^2 (the scenario's, or a default by kind: engine/sensors/targets.ts). */
  readonly rcsM2: number | null;
  /** Visual magnitude at 1000 km and 90 deg phase (null: estimated from the RCS as an area). */
  readonly standardMagnitude: number | null;
  /**
   * True when the object is in the public catalog every nation starts with (catalog imports, and scenario
   * objects unless `catalogued: false`). Other objects are known only to their owner until a nation
   * correlates its uncorrelated tracks of them (engine/tracks.ts).
   */
  readonly catalogued: boolean;
  /** How the owner marks what it knows of the object (null: its sensors' markings alone). */
  readonly marking: ItemMarkingModel | null;
  /** The GNSS constellation of a navigation satellite, or null. */
  readonly constellation: ConstellationName | null;
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

/** The marking of an item of information, its owner aside (the owner is the producing nation). */
export interface ItemMarkingModel {
  readonly classification: string;
  /** Nations the item is releasable to besides its owner (REL TO), or `all`. */
  readonly releasableTo: readonly string[] | 'all';
  readonly caveats: readonly string[];
}

/** What every sensor has: owner, marking of what it produces, tasking and accuracy. */
interface SensorBase {
  readonly id: string;
  /** Owner of the sensor's observations: for a hosted payload, the payload's nation, not the host's. */
  readonly owner: string;
  readonly rangeKmMax: number;
  /** Probability that an object the sensor may see is detected on one look (one tick). */
  readonly detectionProbability: number;
  /** 1-sigma position error of one observation, km. */
  readonly measurementNoiseKm: number;
  /** Most objects observed per step (null: every object in view). */
  readonly capacity: number | null;
  /** Objects observed first when more are in view than the capacity allows, highest priority first. */
  readonly priority: readonly string[];
  readonly marking: ItemMarkingModel;
}

/** The search radar equation (engine/physics/radar-equation.ts); null fields take the documented defaults. */
export interface RadarEquationModel {
  /** Average power times effective aperture, W m^2. */
  readonly powerApertureWm2: number;
  readonly noiseTemperatureK: number;
  readonly lossesDb: number;
  /** Time to search the whole field of view once, s. */
  readonly frameTimeS: number;
  /** Detection threshold over noise, dB; the false-alarm probability is exp(-threshold). */
  readonly detectionThresholdDb: number;
}

export interface RadarSensorModel extends SensorBase {
  readonly kind: 'radar';
  readonly site: string;
  readonly elevationDegMin: number;
  readonly elevationDegMax: number;
  /** Azimuth window, degrees clockwise from north; [0, 360] is all round. Wraps through north when min > max. */
  readonly azimuthDegMin: number;
  readonly azimuthDegMax: number;
  /** Null: every object in the field of view is detected with `detectionProbability`. */
  readonly radarEquation: RadarEquationModel | null;
}

export interface OpticalSensorModel extends SensorBase {
  readonly kind: 'optical';
  readonly site: string;
  readonly elevationDegMin: number;
  readonly elevationDegMax: number;
  readonly azimuthDegMin: number;
  readonly azimuthDegMax: number;
  /** The site is dark enough while the Sun is at most this high, degrees (-12: nautical twilight). */
  readonly sunElevationDegMax: number;
  /** Faintest visual magnitude detected. */
  readonly magnitudeMax: number;
}

export interface SpaceSensorModel extends SensorBase {
  readonly kind: 'space';
  /** The orbiting object that carries the sensor (another nation's satellite for a hosted payload). */
  readonly host: string;
  /** `any`: steerable over the whole sky; `nadir`/`zenith`: a cone about the local vertical. */
  readonly pointing: 'any' | 'nadir' | 'zenith';
  /** Half-angle of the cone about the boresight, degrees (ignored for `any`). */
  readonly halfAngleDeg: number;
  /** The line of sight must clear the Earth's surface by this much, km. */
  readonly earthClearanceKm: number;
  /** Null: a radio-frequency or unrestricted sensor; a number: optical, target sunlit and this bright. */
  readonly magnitudeMax: number | null;
  /** Optical only: no detection within this angle of the Sun, degrees. */
  readonly sunExclusionDeg: number;
}

export type SensorModel = RadarSensorModel | OpticalSensorModel | SpaceSensorModel;
export type GroundSensorModel = RadarSensorModel | OpticalSensorModel;

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
  readonly expect: InjectExpectation | null;
  /** What the event shows instead of `params` (an order names objects as its nation knows them). */
  readonly shown?: Readonly<Record<string, unknown>>;
}

/** The player response an inject expects: said in words; `order` and `by` let the server notice it. */
export interface InjectExpectation {
  readonly response: string;
  readonly withinMs: number;
  /** An order of this kind from one of `by` meets it (null: the white cell marks it by hand). */
  readonly order: OrderKind | null;
  /** Nations expected to respond (expanded; empty: any nation the inject reached). */
  readonly by: readonly string[];
}

/** How tracks age (scenario `tracking:`): uncertainty grows linearly from the last observation. */
export interface TrackingModel {
  /** Default 1-sigma measurement error of a sensor that names none, km. */
  readonly uncertaintyKmInitial: number;
  readonly uncertaintyGrowthKmPerHour: number;
  readonly custodyKmMax: number;
  /** Reports an uncorrelated track needs before the nation catalogues (correlates) it. */
  readonly correlationReports: number;
  /** The objects custody metrics count, by scenario object id, in stable order (null: every object). */
  readonly interest: readonly string[] | null;
}

export interface LimitsModel {
  /** Most entities of every kind the sim may hold at once (objects, sites, sensors, fragments). */
  readonly entitiesMax: number;
  /** Most events one run may log; past it one `limit-reached` event is logged and the rest are counted. */
  readonly eventsMax: number;
  /** Most observations all sensors may make in one step; past it the rest are dropped and counted. */
  readonly observationsPerStepMax: number;
  /** Most shared items in flight (released, not yet delivered); past it the rest are dropped and counted. */
  readonly sharedItemsInFlightMax: number;
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
  readonly transponders: readonly TransponderModel[];
  readonly terminals: readonly TerminalModel[];
  readonly jammers: readonly JammerModel[];
  readonly receivers: readonly ReceiverModel[];
  /** DA-ASAT, co-orbital, lasers, missile warning, debris and conjunctions (model-counterspace.ts). */
  readonly counterspace: CounterspaceModel;
  readonly injects: readonly InjectModel[];
  readonly limits: LimitsModel;
  readonly tracking: TrackingModel;
  /** What a batch of runs reports per run (scenario `metrics:`), in scenario order. */
  readonly metrics: readonly MetricModel[];
  /** The uncertain parameters of a batch (scenario `montecarlo:`), or null. */
  readonly montecarlo: MonteCarloModel | null;
  /** The live game (`vigil serve`): cells, orders, adjudication. */
  readonly live: LiveModel;
  /** sha256 of the scenario text and every file it pulled in (for manifests and replays). */
  readonly contentHash: string;
}

export type MetricKind = 'objects-detected' | 'custody' | 'warning-time' | 'satcom-availability' | 'pnt-availability' | 'debris-count' | 'conjunctions';

export interface MetricModel {
  readonly id: string;
  readonly kind: MetricKind;
  /** The nation or coalition it is about (null: the whole exercise). */
  readonly for: string | null;
  /** The nations `for` stands for (every declared nation when null). */
  readonly nations: readonly string[];
}

export type DistributionModel =
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly dist: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly dist: 'choice'; readonly values: readonly (string | number)[] }
  | { readonly dist: 'bernoulli'; readonly p: number };

export interface MonteCarloParameterModel {
  /** As the planner wrote it: 'sensors.fyl-radar.detectionProbability'. */
  readonly path: string;
  /** Where it is in the YAML document: keys and list indices. */
  readonly yamlPath: readonly (string | number)[];
  /** The field holds a duration or a time ('5m', '2026-...'): a drawn number is seconds. */
  readonly duration: boolean;
  /** What the language takes there: a drawn number is rounded for 'integer', a bernoulli draw is 1/0 for numbers. */
  readonly valueType: 'integer' | 'number' | 'boolean' | 'text';
  readonly draw: DistributionModel;
}

export interface MonteCarloModel {
  readonly runs: number;
  readonly parameters: readonly MonteCarloParameterModel[];
}
