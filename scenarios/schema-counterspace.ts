/**
 * The scenario language for counterspace and debris: direct-ascent ASAT interceptor classes and their
 * launchers, co-orbital ASATs, ground lasers, missile-warning sensors, the debris settings (fragment
 * cut-off and caps) and conjunction screening. The injects that use them (asat-launch, breakup,
 * co-orbital-attack, laser-dazzle, cyber) are in schema.ts with the rest of the MSEL.
 *
 * The models behind the numbers are in engine/counterspace/ and engine/physics/breakup.ts, screening.ts and
 * collision-probability.ts; docs/scenario-reference.md (`counterspace`) explains them to the planner.
 */
import { z } from 'zod';
import { Deg, describe, Duration, Id, Marking, NationId, Probability } from './schema-common.js';

export const BREAKUP_PRESET_NAMES = ['cosmos-1408', 'fengyun-1c'] as const;
export const BreakupPresetName = describe(z.enum(BREAKUP_PRESET_NAMES), 'A calibrated reference event: cosmos-1408 (2021, ~1,500 trackable fragments) or fengyun-1c (2007, ~3,300 of 10 cm or more).');

/**
 * How a destroyed object fragments: a calibrated preset, or the standard breakup model's inputs. Every
 * field given overrides the preset; without a preset the missing ones come from the engagement (the
 * target's mass by kind, the kill vehicle's mass, the closing speed).
 */
export const BreakupSpec = z.strictObject({
  preset: BreakupPresetName.optional(),
  massKg: describe(z.number().positive().max(1_000_000), 'Mass of the body that breaks up, kg.').optional(),
  projectileMassKg: describe(z.number().positive().max(1_000_000), 'Collision: mass of the impactor, kg.').optional(),
  impactSpeedKmPerS: describe(z.number().positive().max(30), 'Collision: relative speed at impact, km/s.').optional(),
  scale: describe(z.number().positive().max(100), 'Multiplies the model\'s fragment count (the calibration factor S).').optional(),
});

export const Interceptor = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  altitudeKmMax: describe(z.number().positive().max(40_000), 'Highest intercept altitude, km.'),
  rangeKmMax: describe(z.number().positive().max(50_000), 'Longest slant range from the launch site to the intercept point, km.'),
  elevationDegMin: describe(Deg(0, 90), 'Lowest elevation of the intercept point seen from the launch site, degrees.').default(10),
  boostTime: describe(Duration, 'Fly-out time = boostTime + slant range / speedKmPerS.').default('60s'),
  speedKmPerS: describe(z.number().positive().max(20), 'Mean fly-out speed after boost, km/s.').default(3),
  killProbability: describe(Probability, 'Chance a kill vehicle that reaches the intercept point destroys the target.').default(0.9),
  killVehicleMassKg: describe(z.number().positive().max(100_000), 'Mass of the kill vehicle, kg (the impactor of the breakup).').default(100),
  trackKmMax: describe(z.number().positive().max(100_000), "Weapons-quality track: the launching nation's uncertainty of the target must be at most this, km (default: tracking.custodyKmMax).").optional(),
  planningWindow: describe(Duration, 'How far ahead fire control searches for an intercept time.').default('12h'),
  breakup: describe(BreakupSpec, 'How the target fragments on a hit (default: the standard model from the target mass by kind and the closing speed).').optional(),
});

export const Launcher = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  site: describe(Id, 'The launch site.'),
  owner: describe(NationId, "Default: the site's owner.").optional(),
  interceptor: describe(Id, 'An interceptor class of counterspace.interceptors.'),
  inventory: describe(z.number().int().min(0).max(1000), 'Interceptors available; each launch uses one.').default(1),
});

export const CoOrbital = z.strictObject({
  id: Id,
  object: describe(Id, 'The orbiting object that is the ASAT.'),
  owner: describe(NationId, "Default: the object's owner.").optional(),
  deltaVMps: describe(z.number().min(0).max(20_000), 'Delta-v budget for closing on targets, m/s.'),
  phasingRevsMin: describe(z.number().min(0.5).max(1000), 'Fewest revolutions spent phasing (shorter costs more delta-v).').default(2),
});

export const Laser = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  site: describe(Id, 'Where the laser stands.'),
  owner: describe(NationId, "Default: the site's owner.").optional(),
  rangeKmMax: describe(z.number().positive().max(50_000), 'Longest slant range at which it dazzles, km.').default(1500),
  elevationDegMin: describe(Deg(0, 90), 'Lowest elevation of the target, degrees.').default(20),
});

export const MissileWarningSensor = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  host: describe(Id, 'Space-based infrared: the satellite that carries it; it sees a launch whose site is in its view of the Earth.').optional(),
  radar: describe(Id, 'Ground radar: a radar sensor of the scenario; it sees an interceptor that flies into its coverage.').optional(),
  owner: describe(NationId, "Default: the host's or the radar's owner.").optional(),
  delay: describe(Duration, 'From detection to the warning (processing, reporting).').default('60s'),
  marking: describe(Marking, 'Marking of its launch warnings.').default({ releasableTo: 'all', caveats: [] }),
});

const KIND_MASS_DEFAULT = { payload: 1000, 'rocket-body': 1500, debris: 1, unknown: 100 };

export const Debris = z.strictObject({
  fragmentCutoffM: describe(z.number().positive().max(10), 'Smallest fragment (characteristic length) that becomes an object, m.').default(0.1),
  fragmentsPerEventMax: describe(z.number().int().positive().max(20_000), 'Most fragments one breakup adds.').default(10_000),
  fragmentsTotalMax: describe(z.number().int().positive().max(1_000_000), 'Most fragments all breakups of a run add.').default(50_000),
  massKg: describe(z.strictObject({
    payload: z.number().positive().max(1_000_000).default(KIND_MASS_DEFAULT.payload),
    'rocket-body': z.number().positive().max(1_000_000).default(KIND_MASS_DEFAULT['rocket-body']),
    debris: z.number().positive().max(1_000_000).default(KIND_MASS_DEFAULT.debris),
    unknown: z.number().positive().max(1_000_000).default(KIND_MASS_DEFAULT.unknown),
  }), 'Mass of an object by kind when a breakup needs it, kg (fragments carry their own).').default(KIND_MASS_DEFAULT),
});

export const Conjunctions = z.strictObject({
  every: describe(Duration, 'Screen every object this often; each screening covers the time to the next.').default('10m'),
  sample: describe(Duration, 'Propagation sample within a screening; the screening distance is padded for it.').default('60s'),
  screeningKm: describe(z.number().positive().max(1000), 'Pairs that come within this distance are refined and assessed, km.').default(5),
  hardBodyRadiusM: describe(z.number().positive().max(1000), 'Combined hard-body radius of a pair, m: the analyst\'s envelope the collision probability integrates over (truth collides on the bodies\' own sizes).').default(20),
  warnPc: describe(Probability, 'A nation is warned when its collision probability reaches this.').default(1e-5),
  collisions: describe(z.boolean(), 'True: a pair that truly passes within the sum of the two bodies\' radii (sqrt(RCS / pi) each) collides and both break up.').default(true),
  pairsMax: describe(z.number().int().positive().max(1_000_000), 'Most close approaches kept from one screening, and from each of its sample intervals (the first in stable-index order: a fresh cloud\'s pairs among its own fragments go first); past it a limit-reached event.').default(100_000),
  marking: describe(Marking, "Marking of each nation's conjunction warnings.").default({ releasableTo: 'all', caveats: [] }),
});

export const Counterspace = z.strictObject({
  interceptors: describe(z.array(Interceptor), 'Direct-ascent ASAT interceptor classes.').default([]),
  launchers: describe(z.array(Launcher), 'DA-ASAT launchers: a site, a class, an inventory.').default([]),
  coOrbital: describe(z.array(CoOrbital), 'Co-orbital ASAT satellites.').default([]),
  lasers: describe(z.array(Laser), 'Ground lasers that dazzle optical sensors on satellites.').default([]),
  missileWarning: describe(z.array(MissileWarningSensor), 'Sensors that detect launches and issue launch warnings.').default([]),
  debris: describe(Debris, 'Fragment cut-off, caps, and object masses by kind.').default({ fragmentCutoffM: 0.1, fragmentsPerEventMax: 10_000, fragmentsTotalMax: 50_000, massKg: KIND_MASS_DEFAULT }),
  conjunctions: describe(Conjunctions, 'Conjunction screening and warnings (default: none).').optional(),
});
