/**
 * The scenario language: one zod 4 schema for everything a planner writes. Units live in key names
 * (`rangeKmMax`, `altM`, `latDeg`); durations are text (`90s`, `6h`); epochs are ISO 8601 UTC.
 * Objects are strict: an unknown key is an error with a "did you mean" hint (load.ts).
 *
 * The engine core reads: the header, nations, coalitions, objects, catalogs, sites, radar sensors, msel
 * and limits; the releasability policy (engine/policy/) reads classification and agreements. Metrics and
 * montecarlo are validated and cross-checked now and read by the capabilities that follow (EW/PNT,
 * counterspace, batch runs), so scenarios written today keep working.
 *
 * `npm run schema` regenerates scenario.schema.json from this file; a test keeps them in step.
 * Read next: load.ts (YAML -> problems or a ScenarioModel), docs/scenario-reference.md.
 */
import { z } from 'zod';
import { ACCESS_LEVELS, CHANGE_ACTIONS } from '../engine/policy/agreements.js';
import { ORDER_KINDS } from '../engine/model-live.js';
import { Live } from './schema-live.js';
import { IDENTITY_FIDELITIES, STRIP_FIELDS } from '../engine/policy/fidelity.js';
import { PRODUCTS } from '../engine/policy/products.js';

/** The language version this build reads. */
export const LANGUAGE_VERSION = 1;

import { Constellation, Jammer, Pnt, Satcom } from './schema-ew.js';
import { BreakupSpec, Counterspace } from './schema-counterspace.js';
export { describe, Id, NationId, PartyId, Duration, Epoch, When, Deg, Probability, Marking } from './schema-common.js';
import { describe, Id, NationId, PartyId, Duration, Epoch, When, Deg, Probability, Marking } from './schema-common.js';

export const Nation = z.strictObject({
  id: NationId,
  name: describe(z.string().min(1), 'Display name.').optional(),
  side: describe(z.enum(['blue', 'red', 'neutral']), 'Blue: exercise partners; red: opposing forces.').default('blue'),
});

export const Coalition = z.strictObject({
  id: describe(z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'a coalition id in capitals, digits and _ (FVEY, NATO, OLYMPIC_DEFENDER)' }), 'Coalition id.'),
  name: z.string().min(1).optional(),
  members: describe(z.array(PartyId).min(1), 'Nations or other coalitions; expanded to nations at load.'),
});

export const Classification = z.strictObject({
  levels: describe(z.array(z.string().min(1)).min(1).max(16), 'Classification levels, lowest first (compared by place, not by name).').default(['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET']),
  default: describe(z.string().min(1), 'Level of an item that names none (default: the lowest).').optional(),
});

/** Keplerian mean elements (SGP4 sense). Give exactly one of semiMajorAxisKm and meanMotionRevPerDay. */
export const Elements = z.strictObject({
  epoch: describe(Epoch, 'Element epoch (default: the scenario epoch).').optional(),
  semiMajorAxisKm: describe(z.number().positive(), "SGP4 mean semi-major axis, km (converted to the TLE mean motion whose SGP4 'a' it is, WGS-72).").optional(),
  meanMotionRevPerDay: describe(z.number().positive(), 'Mean motion, revolutions per day (as in a TLE).').optional(),
  eccentricity: z.number().min(0).lt(1),
  inclinationDeg: Deg(0, 180),
  raanDeg: Deg(0, 360).default(0),
  argPerigeeDeg: Deg(0, 360).default(0),
  meanAnomalyDeg: Deg(0, 360).default(0),
  bstar: describe(z.number(), 'SGP4 drag term B*, 1/earth radii.').default(0),
});

const ObjectKind = z.enum(['payload', 'rocket-body', 'debris', 'unknown']);
const OwnerRef = describe(z.union([NationId, z.literal('none')]), "Owning nation, or 'none'.");

export const SpaceObject = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  owner: OwnerRef.default('none'),
  kind: ObjectKind.default('payload'),
  noradId: describe(z.number().int().min(0).max(999_999_999), 'Catalog number (taken from the TLE or OMM when given there).').optional(),
  rcsM2: describe(z.number().positive(), 'Radar cross-section, m^2 (default by kind: payload 1, rocket-body 4, debris 0.05, unknown 0.1).').optional(),
  standardMagnitude: describe(z.number().min(-30).max(30), 'Visual magnitude at 1000 km and 90 deg phase (default: from the RCS as a diffuse sphere).').optional(),
  constellation: describe(Constellation, 'A navigation satellite of this GNSS constellation.').optional(),
  catalogued: describe(z.boolean(), 'False: not in the public catalog; other nations first see it as an uncorrelated track.').default(true),
  marking: describe(Marking, "How the owner marks what it knows of this object (combined with its sensors' markings).").optional(),
  tle: describe(z.string().min(1), 'A two- or three-line element set.').optional(),
  omm: describe(z.record(z.string(), z.union([z.string(), z.number()])), 'A CelesTrak/Space-Track GP (OMM) JSON record.').optional(),
  elements: Elements.optional(),
});

export const OwnerRule = z.strictObject({
  file: describe(z.string().min(1), 'CSV with columns norad,owner (more columns allowed), relative to the scenario file.').optional(),
  default: describe(OwnerRef, 'Owner of objects the file does not list.').default('none'),
  overrides: describe(z.record(z.string().regex(/^\d+$/, { message: 'a NORAD catalog number' }), OwnerRef), 'Owner by NORAD number, over the file.').default({}),
});

export const Catalog = z.strictObject({
  file: describe(z.string().min(1), 'TLE file (2- or 3-line) or GP JSON (array of OMM records), relative to the scenario file.'),
  format: describe(z.enum(['tle', 'omm-json', 'omm-kvn']), 'Default: omm-json for .json files, omm-kvn for .kvn and .omm files, tle otherwise.').optional(),
  constellation: describe(Constellation, 'Its objects are navigation satellites of this GNSS constellation.').optional(),
  idPrefix: describe(z.string().regex(/^[A-Za-z0-9_.:-]*$/, { message: 'letters, digits, _ . : - only (no spaces)' }), "Object id = idPrefix + NORAD number (default 'NORAD-').").default('NORAD-'),
  kind: ObjectKind.default('unknown'),
  onBadEntry: describe(z.enum(['error', 'skip']), "A corrupt entry is an error (default) or is skipped with a warning.").default('error'),
  owners: OwnerRule.default({ default: 'none', overrides: {} }),
  select: z.strictObject({
    noradIds: describe(z.array(z.number().int().min(0)), 'Only these catalog numbers.').optional(),
    names: describe(z.array(z.string().min(1)), "Only names matching one of these patterns ('*' and '?' wildcards, case-insensitive).").optional(),
    limit: describe(z.number().int().positive(), 'At most this many objects, in file order.').optional(),
  }).optional(),
});

export const Site = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  owner: NationId,
  latDeg: describe(Deg(-90, 90), 'Geodetic latitude (WGS-84), degrees north.'),
  lonDeg: describe(Deg(-180, 360), 'Longitude, degrees east.'),
  altM: describe(z.number().min(-500).max(10_000), 'Height above the WGS-84 ellipsoid, m.').default(0),
});

/** What every sensor kind has. */
const SensorCommon = {
  id: Id,
  name: z.string().min(1).optional(),
  detectionProbability: describe(Probability, 'Chance of detecting an object the sensor may see on one look (one step).').default(1),
  measurementNoiseKm: describe(z.number().positive().max(10_000), '1-sigma position error of one observation, km (default: tracking.uncertaintyKmInitial).').optional(),
  capacity: describe(z.number().int().positive().max(1_000_000), 'Most objects observed per step; the rest wait (default: every object in view).').optional(),
  priority: describe(z.array(Id), 'Objects observed first when more are in view than the capacity, highest first; then the objects looked at longest ago by sensors of its nation.').default([]),
  marking: describe(Marking, 'Marking of every observation and track the sensor produces.').default({ releasableTo: 'all', caveats: [] }),
};

const GroundSensorCommon = {
  ...SensorCommon,
  site: describe(Id, 'The site the sensor stands on.'),
  owner: describe(NationId, "Default: the site's owner.").optional(),
  elevationDegMax: describe(Deg(0, 90), 'Highest elevation the sensor sees, degrees.').default(90),
  azimuthDeg: describe(z.tuple([Deg(0, 360), Deg(0, 360)]), 'Azimuth window [from, to], degrees clockwise from north; wraps through north when from > to.').default([0, 360]),
};

/** The search radar equation: SNR = P_av A_e t_s sigma / (4 pi Omega k T_s L R^4). */
export const RadarEquation = z.strictObject({
  powerApertureWm2: describe(z.number().positive(), 'Average transmitted power times effective aperture, W m^2.'),
  noiseTemperatureK: describe(z.number().positive().max(100_000), 'System noise temperature, K.').default(500),
  lossesDb: describe(z.number().min(0).max(60), 'System losses, dB.').default(10),
  frameTime: describe(Duration, 'Time to search the whole field of view once (default: the step).').optional(),
  detectionThresholdDb: describe(z.number().min(0).max(40), 'Detection threshold over noise, dB; false-alarm probability exp(-threshold). 11.4 dB: 1e-6.').default(11.4),
});

export const RadarSensor = z.strictObject({
  ...GroundSensorCommon,
  kind: z.literal('radar'),
  elevationDegMin: describe(Deg(-5, 90), 'Lowest elevation the radar sees, degrees.').default(0),
  rangeKmMax: describe(z.number().positive().max(100_000), 'Longest range the radar sees, km.'),
  radarEquation: describe(RadarEquation, 'Detection from the radar equation and each object\'s RCS (Swerling I); without it every object in view is detected with detectionProbability.').optional(),
});

export const OpticalSensor = z.strictObject({
  ...GroundSensorCommon,
  kind: z.literal('optical'),
  elevationDegMin: describe(Deg(0, 90), 'Lowest elevation the telescope sees, degrees.').default(20),
  rangeKmMax: describe(z.number().positive().max(1_000_000), 'Longest range, km.').default(50_000),
  sunElevationDegMax: describe(Deg(-90, 90), 'The site is dark enough while the Sun is at most this high, degrees (-12: nautical twilight).').default(-12),
  magnitudeMax: describe(z.number().min(-30).max(30), 'Faintest visual magnitude the telescope detects.').default(16),
});

export const SpaceSensor = z.strictObject({
  ...SensorCommon,
  kind: z.literal('space'),
  host: describe(Id, 'The object that carries the sensor; a hosted payload names another nation\'s satellite.'),
  owner: describe(NationId, "Owner of the payload and its observations (default: the host's owner).").optional(),
  rangeKmMax: describe(z.number().positive().max(1_000_000), 'Longest range, km.'),
  pointing: describe(z.enum(['any', 'nadir', 'zenith']), "'any': steerable over the whole sky; 'nadir'/'zenith': a cone about the local vertical.").default('any'),
  halfAngleDeg: describe(Deg(0, 180), 'Half-angle of the cone about the boresight, degrees (ignored for any).').default(180),
  earthClearanceKm: describe(z.number().min(0).max(10_000), 'The line of sight must clear the Earth by this height, km.').default(100),
  magnitudeMax: describe(z.number().min(-30).max(30), 'Optical payload: faintest magnitude; the target must be sunlit (default: a sensor that needs no light).').optional(),
  sunExclusionDeg: describe(Deg(0, 180), 'Optical payload: no detection within this angle of the Sun, degrees.').default(30),
});

export const Sensor = z.discriminatedUnion('kind', [RadarSensor, OpticalSensor, SpaceSensor]);

/** A kind of information an agreement shares (engine/policy/products.ts holds the list). */
export const Product = describe(z.enum(PRODUCTS), 'A kind of information shared: SSA tracks and observations, warnings, SATCOM and PNT status, imagery.');

/** How much of each item an agreement passes on (engine/policy/fidelity.ts applies it). */
export const Fidelity = z.strictObject({
  positionNoiseKm: describe(z.number().min(0).max(100_000), 'Gaussian noise added to each position axis, 1-sigma, km (0: none).').default(0),
  positionRoundingKm: describe(z.number().min(0).max(100_000), 'Positions rounded to a grid of this pitch on each axis, km (0: not rounded).').default(0),
  identity: describe(z.enum(IDENTITY_FIDELITIES), "'unknown': objects arrive unidentified (identity downgraded to UNKNOWN).").default('full'),
  strip: describe(z.array(z.enum(STRIP_FIELDS)), 'Fields removed from every item before release.').default([]),
});

export const Agreement = z.strictObject({
  id: Id,
  provider: describe(NationId, 'The nation that shares (only its own items).'),
  recipients: describe(z.array(PartyId).min(1), 'Nations or coalitions that receive.'),
  products: describe(z.array(Product).min(1), 'Kinds of information shared.'),
  classificationMax: describe(z.string().min(1), 'Highest level released under the agreement (default: the lowest level).').optional(),
  latency: describe(Duration, 'Delay before a shared item reaches the recipients (rounded up to whole steps).').default('0s'),
  fidelity: describe(Fidelity, 'What the recipients get of each item (default: everything, unchanged).').default({ positionNoiseKm: 0, positionRoundingKm: 0, identity: 'full', strip: [] }),
  access: describe(z.enum(ACCESS_LEVELS), 'How the recipients reach the products: liaison officer, exchange officer or full feed (descriptive).').default('full'),
  signed: describe(z.boolean(), "False: a draft that takes force when an agreement-change inject with action 'sign' signs it.").default(true),
  from: describe(When, 'In force from (default: the start).').optional(),
  until: describe(When, 'In force until, exclusive (default: the end).').optional(),
});

const Audience = describe(z.array(z.union([PartyId, z.literal('white'), z.literal('all')])).min(1), "Cells that see the inject: 'white', 'all', nations or coalitions.");
const InjectBase = {
  id: Id,
  at: When,
  title: z.string().min(1),
  detail: z.string().default(''),
  to: Audience.default(['white']),
  classification: z.string().min(1).optional(),
  expect: z.strictObject({
    response: describe(z.string().min(1), 'The player response the white cell expects.'),
    within: describe(Duration, 'How soon after the inject.'),
    order: describe(z.enum(ORDER_KINDS), 'An order of this kind from a nation in `by` meets it (the live server notes it); otherwise the white cell marks it.').optional(),
    by: describe(z.array(PartyId).min(1), 'Nations or coalitions expected to respond (default: any the inject reached).').optional(),
  }).optional(),
};

export const Inject = z.discriminatedUnion('kind', [
  z.strictObject({ ...InjectBase, kind: z.literal('message') }),
  z.strictObject({ ...InjectBase, kind: z.literal('sensor-outage'), sensor: Id, duration: Duration }),
  z.strictObject({ ...InjectBase, kind: z.literal('agreement-change'), agreement: Id, action: z.enum(CHANGE_ACTIONS) }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('constellation-outage'),
    constellation: Constellation,
    duration: Duration,
    area: describe(z.strictObject({ latDeg: Deg(-90, 90), lonDeg: Deg(-180, 360), radiusKm: z.number().positive().max(20_040) }), 'Only receivers within this circle (default: everywhere).').optional(),
    signalLossDb: describe(z.number().positive().max(100), 'A degradation: the signal arrives this much weaker (default: the signal is off).').optional(),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('jamming'),
    jammer: describe(Id, 'A jammer of the scenario (jammers:).'),
    action: describe(z.enum(['on', 'off']), 'Switch it on (default) or off.').default('on'),
    duration: describe(Duration, 'On for this long, then off (default: until switched off).').optional(),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('asat-launch'),
    by: describe(NationId, 'The launching nation.'),
    target: describe(Id, 'The orbiting object to intercept; the launching nation must hold a weapons-quality track of it.'),
    launcher: describe(Id, "A launcher of counterspace.launchers (default: the nation's first launcher with an interceptor that can reach the target).").optional(),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('breakup'),
    object: describe(Id, 'The orbiting object that breaks up.'),
    cause: describe(z.enum(['explosion', 'collision']), "'explosion' (propulsion, battery) or 'collision' (with an untracked object).").default('explosion'),
    breakup: describe(BreakupSpec, 'Preset or model inputs (default: the object mass by kind).').optional(),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('co-orbital-attack'),
    asat: describe(Id, 'A co-orbital ASAT of counterspace.coOrbital.'),
    target: describe(Id, 'The orbiting object to close on.'),
    effect: describe(z.enum(['kinetic', 'shadow']), "'kinetic': ram the target (both break up); 'shadow': hold station near it.").default('shadow'),
    standoffKm: describe(z.number().min(0).max(1000), "'shadow': along-track distance kept from the target, km.").default(5),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('laser-dazzle'),
    laser: describe(Id, 'A laser of counterspace.lasers.'),
    target: describe(Id, 'The satellite whose optical sensors are dazzled while it is in the laser\'s reach.'),
    duration: Duration,
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('manoeuvre'),
    object: describe(Id, 'The satellite that burns (a payload; its owner orders it).'),
    deltaV: describe(z.strictObject({
      radialMps: z.number().min(-5000).max(5000).default(0),
      alongTrackMps: z.number().min(-5000).max(5000).default(0),
      crossTrackMps: z.number().min(-5000).max(5000).default(0),
    }), 'An impulsive burn in the satellite\'s radial / along-track / cross-track frame, m/s.'),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('sensor-tasking'),
    sensor: describe(Id, 'The sensor tasked.'),
    priority: describe(z.array(Id).max(1000), 'Objects it observes first from now on, highest first (replaces its priority list; empty: none).'),
  }),
  z.strictObject({
    ...InjectBase,
    kind: z.literal('cyber'),
    target: describe(Id, 'A sensor, missile-warning sensor, site (its sensors and terminals), transponder, terminal or satellite (its transponders and hosted sensors).'),
    effect: describe(z.enum(['deny', 'degrade']), "'deny': out of action; 'degrade': sensors detect with detectionProbability x factor, links lose marginLossDb.").default('deny'),
    factor: describe(Probability, "'degrade': what remains of a sensor's detection probability.").default(0.5),
    marginLossDb: describe(z.number().min(0).max(100), "'degrade': link margin lost by the target's links, dB.").default(6),
    duration: Duration,
  }),
]);

export const Metric = z.strictObject({
  id: Id,
  kind: z.enum(['objects-detected', 'custody', 'warning-time', 'satcom-availability', 'pnt-availability', 'debris-count', 'conjunctions']),
  for: describe(PartyId, 'The nation or coalition the metric is about.').optional(),
});

export const Distribution = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('uniform'), min: z.number(), max: z.number() }),
  z.strictObject({ dist: z.literal('normal'), mean: z.number(), sd: z.number().nonnegative() }),
  z.strictObject({ dist: z.literal('triangular'), min: z.number(), mode: z.number(), max: z.number() }),
  z.strictObject({ dist: z.literal('choice'), values: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ dist: z.literal('bernoulli'), p: Probability }),
]);

export const MonteCarlo = z.strictObject({
  runs: z.number().int().positive().max(100_000).default(100),
  parameters: z.array(z.strictObject({
    path: describe(z.string().min(1), "The field to vary, by ids: 'sensors.fylingdales-radar.detectionProbability'."),
    draw: Distribution,
  })).default([]),
});

/**
 * How a nation's tracks age: a track's position uncertainty starts at `uncertaintyKmInitial` when its
 * nation observes the object and grows by `uncertaintyGrowthKmPerHour` until the next observation;
 * the nation holds custody while it is at most `custodyKmMax`.
 */
export const Tracking = z.strictObject({
  uncertaintyKmInitial: describe(z.number().nonnegative().max(10_000), 'Position uncertainty of a track just after an observation, km.').default(1),
  uncertaintyGrowthKmPerHour: describe(z.number().nonnegative().max(100_000), 'Growth of the uncertainty while the object is not observed, km per hour.').default(2),
  custodyKmMax: describe(z.number().positive().max(100_000), 'Custody is held while the uncertainty is at most this, km.').default(10),
  correlationReports: describe(z.number().int().min(1).max(1000), 'Reports an uncorrelated track needs before the nation catalogues it.').default(3),
  interest: describe(z.strictObject({
    ids: describe(z.array(Id), 'These objects.').optional(),
    owners: describe(z.array(z.union([NationId, z.literal('none')])), "Objects of these owners ('none': nobody's).").optional(),
    kinds: describe(z.array(ObjectKind), 'Objects of these kinds.').optional(),
  }), 'The objects custody metrics count: those matching any list (default: every object).').optional(),
});

export const Limits = z.strictObject({
  entitiesMax: describe(z.number().int().positive().max(2_000_000), 'Most entities at once (objects, sites, sensors, fragments).').default(100_000),
  eventsMax: describe(z.number().int().positive().max(50_000_000), 'Most events logged in one run.').default(1_000_000),
  catalogObjectsMax: describe(z.number().int().positive().max(2_000_000), 'Most objects imported from catalogs.').default(60_000),
  observationsPerStepMax: describe(z.number().int().positive().max(50_000_000), 'Most observations all sensors make in one step; the rest are dropped and counted.').default(1_000_000),
  sharedItemsInFlightMax: describe(z.number().int().positive().max(50_000_000), 'Most shared items released and not yet delivered; the rest are dropped and counted.').default(2_000_000),
});

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  vigil: describe(z.literal(LANGUAGE_VERSION), 'Scenario language version.'),
  name: z.string().min(1),
  description: z.string().optional(),
  marking: describe(z.string().min(1), 'Exercise marking shown on every output.').default('UNCLASSIFIED // EXERCISE'),
  epoch: describe(Epoch, 'Scenario start, UTC.'),
  duration: describe(Duration, 'How long the scenario runs.'),
  step: describe(Duration, 'Simulation step (whole milliseconds).').default('10s'),
  seed: describe(z.number().int().min(0).max(2 ** 32 - 1), 'Seed of every random stream (the CLI can override it).').default(1),
  classification: Classification.default({ levels: ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] }),
  nations: z.array(Nation).default([]),
  coalitions: z.array(Coalition).default([]),
  objects: z.array(SpaceObject).default([]),
  catalogs: z.array(Catalog).default([]),
  sites: z.array(Site).default([]),
  sensors: z.array(Sensor).default([]),
  agreements: z.array(Agreement).default([]),
  satcom: describe(Satcom, 'SATCOM transponders on satellites, and the terminals that use them.').default({ transponders: [], terminals: [] }),
  jammers: describe(z.array(Jammer), 'Noise jammers: uplink, downlink and GNSS.').default([]),
  pnt: describe(Pnt, 'GNSS receivers.').default({ receivers: [] }),
  counterspace: describe(Counterspace, 'DA-ASAT, co-orbital ASAT, lasers, missile warning, debris and conjunctions.').default({ interceptors: [], launchers: [], coOrbital: [], lasers: [], missileWarning: [], debris: { fragmentCutoffM: 0.1, fragmentsPerEventMax: 10_000, fragmentsTotalMax: 50_000, massKg: { payload: 1000, 'rocket-body': 1500, debris: 1, unknown: 100 } } }),
  msel: z.array(Inject).default([]),
  metrics: z.array(Metric).default([]),
  montecarlo: MonteCarlo.optional(),
  live: describe(Live, 'The live game (vigil serve): cells, the orders nation cells may give, adjudication.').default({ adjudication: 'white', orders: ['task-sensor', 'manoeuvre', 'jammer', 'agreement'], cells: [], observers: [], frameHz: 5, speed: 60 }),
  tracking: Tracking.default({ uncertaintyKmInitial: 1, uncertaintyGrowthKmPerHour: 2, custodyKmMax: 10, correlationReports: 3 }),
  limits: Limits.default({ entitiesMax: 100_000, eventsMax: 1_000_000, catalogObjectsMax: 60_000, observationsPerStepMax: 1_000_000, sharedItemsInFlightMax: 2_000_000 }),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioDoc = z.output<typeof Scenario>;

/** The JSON Schema editors use to validate scenarios as planners type. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://vigil.invalid/scenario.schema.json', title: 'Vigil scenario', description: 'A Vigil exercise scenario (YAML).' };
}
