/**
 * The scenario language for electronic warfare and PNT: SATCOM transponders and terminals, jammers, and
 * GNSS receivers. Units in key names (`eirpDbw`, `gOverTDbPerK`, `bandwidthMHz`, `uplinkGHz`); where a
 * thing is (a site, a fixed point, an orbiting object, or a moving track of waypoints) is one shape,
 * `Platform`, shared by terminals, jammers and receivers.
 *
 * The models behind the numbers are in engine/physics/link-budget.ts, antenna.ts, dop.ts and gnss.ts,
 * and the planner's reference explains them (docs/scenario-reference.md, `satcom`, `jammers`, `pnt`).
 */
import { z } from 'zod';
import { Deg, describe, Id, Marking, NationId, When } from './schema-common.js';

/** Frequency bands by their letter names (IEEE 521, with UHF for the military 240-400 MHz SATCOM). */
export const BAND_NAMES = ['UHF', 'L', 'S', 'C', 'X', 'Ku', 'K', 'Ka', 'Q', 'V'] as const;
export const Band = describe(z.enum(BAND_NAMES), 'Frequency band by letter: UHF, L, S, C, X, Ku, K, Ka, Q, V.');

/** GNSS constellations the engine models (engine/physics/gnss.ts). */
export const GNSS_NAMES = ['GPS', 'GALILEO', 'GLONASS', 'BEIDOU'] as const;
export const Constellation = describe(z.enum(GNSS_NAMES), 'A GNSS constellation: GPS, GALILEO, GLONASS or BEIDOU.');

const Dbw = (lo: number, hi: number) => z.number().min(lo).max(hi);
const Marked = { marking: describe(Marking, 'Marking of the status items it produces (link, PNT, geolocation).').default({ releasableTo: 'all', caveats: [] }) };

/** A waypoint of a moving platform: positions between waypoints are interpolated linearly in time. */
export const Waypoint = z.strictObject({
  at: When,
  latDeg: Deg(-90, 90),
  lonDeg: Deg(-180, 360),
  altM: z.number().min(-500).max(100_000).default(0),
});

/**
 * Where a terminal, jammer or receiver is: exactly one of a site, a fixed point (latDeg, lonDeg, altM),
 * an orbiting object, or a track of waypoints (aircraft, ships).
 */
export const PlatformFields = {
  site: describe(Id, 'A site of the scenario.').optional(),
  latDeg: describe(Deg(-90, 90), 'Fixed point: geodetic latitude, degrees north.').optional(),
  lonDeg: describe(Deg(-180, 360), 'Fixed point: longitude, degrees east.').optional(),
  altM: describe(z.number().min(-500).max(100_000), 'Fixed point: height above the WGS-84 ellipsoid, m.').optional(),
  object: describe(Id, 'Carried by this orbiting object.').optional(),
  track: describe(z.array(Waypoint).min(2).max(10_000), 'A moving platform: waypoints, held before the first and after the last.').optional(),
};

export const SpotBeam = z.strictObject({
  kind: z.literal('spot'),
  latDeg: describe(Deg(-90, 90), 'Beam centre on the ground, latitude.'),
  lonDeg: describe(Deg(-180, 360), 'Beam centre on the ground, longitude.'),
  halfAngleDeg: describe(z.number().positive().max(20), 'Half-power half-angle seen from the satellite, degrees (3 dB down there).'),
});
export const GlobalBeam = z.strictObject({ kind: z.literal('global') });
export const Beam = z.discriminatedUnion('kind', [GlobalBeam, SpotBeam]);

/** A transponder on a satellite: a bent pipe from its uplink to its downlink. */
export const Transponder = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  satellite: describe(Id, 'The orbiting object that carries it.'),
  owner: describe(NationId, "Operator of the transponder (default: the satellite's owner).").optional(),
  band: Band,
  uplinkGHz: describe(z.number().positive().max(100), 'Uplink centre frequency, GHz.'),
  downlinkGHz: describe(z.number().positive().max(100), 'Downlink centre frequency, GHz.'),
  bandwidthMHz: describe(z.number().positive().max(10_000), 'Transponder bandwidth, MHz.'),
  eirpDbw: describe(Dbw(0, 100), 'Downlink EIRP one carrier gets at beam peak, dBW (at least 0 dBW = 1 W).'),
  gOverTDbPerK: describe(Dbw(-50, 50), 'Uplink receive G/T at beam peak, dB/K.'),
  beam: describe(Beam, "Coverage: 'global' (the whole visible Earth) or a 'spot' beam.").default({ kind: 'global' }),
  terminalsMax: describe(z.number().int().positive().max(100_000), 'Most terminals served at once; the highest priority first.').optional(),
  ...Marked,
});

/** A SATCOM terminal: uplinks to and downlinks from one transponder at a time. */
export const Terminal = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  owner: NationId,
  ...PlatformFields,
  eirpDbw: describe(Dbw(0, 100), 'Uplink EIRP toward the satellite, dBW (at least 0 dBW = 1 W).'),
  gainDbi: describe(Dbw(-10, 80), 'Antenna peak gain, dBi (sets the beamwidth and the off-axis gain toward jammers).'),
  gOverTDbPerK: describe(Dbw(-50, 60), 'Downlink receive G/T, dB/K.'),
  dataRateMbps: describe(z.number().positive().max(100_000), 'Data rate of its carrier, Mbit/s.'),
  requiredEbN0Db: describe(Dbw(-10, 40), 'Eb/N0 the modem needs at that rate, dB.'),
  carrierBandwidthMHz: describe(z.number().positive().max(10_000), 'Occupied bandwidth of its carrier, MHz (default: 1.2 x the data rate, QPSK rate 1/2); jamming is counted over it.').optional(),
  carrierOffsetMHz: describe(z.number().min(-10_000).max(10_000), "Its carrier's centre from the transponder's centre, MHz.").default(0),
  pointingLossDb: describe(Dbw(0, 20), 'Antenna pointing loss, dB (each way).').default(0.5),
  elevationDegMin: describe(Deg(0, 90), 'Lowest elevation it works at, degrees.').default(10),
  transponders: describe(z.array(Id).min(1).max(32), 'Transponders it may use, in preference order.'),
  priority: describe(z.number().int().min(0).max(1000), 'When a transponder is full, higher priority terminals are served first.').default(0),
  ...Marked,
});

/** Where a jammer points: a satellite (uplink jamming) or a point on the ground (downlink and GNSS jamming). */
export const JammerTarget = z.strictObject({
  satellite: describe(Id, 'Uplink jamming: the satellite the jammer points at.').optional(),
  latDeg: describe(Deg(-90, 90), 'Downlink or GNSS jamming: the area centre, latitude.').optional(),
  lonDeg: describe(Deg(-180, 360), 'Downlink or GNSS jamming: the area centre, longitude.').optional(),
});

export const JammerWindow = z.strictObject({
  from: When,
  until: describe(When, 'Off again at (default: the end).').optional(),
});

/** A noise jammer: its power spreads evenly over its bandwidth; it hurts every receiver whose band it overlaps. */
export const Jammer = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  owner: NationId,
  ...PlatformFields,
  band: Band,
  frequencyGHz: describe(z.number().positive().max(100), 'Centre frequency, GHz.'),
  bandwidthMHz: describe(z.number().positive().max(10_000), 'Bandwidth its power spreads over, MHz.'),
  eirpDbw: describe(Dbw(0, 120), 'EIRP at boresight, dBW (at least 0 dBW = 1 W: a negative value is usually watts written as dBW).'),
  gainDbi: describe(Dbw(-10, 80), 'Antenna peak gain, dBi; 3 or less: omnidirectional.').default(0),
  beamwidthDeg: describe(z.number().positive().max(360), 'Half-power beamwidth, degrees (default: from the gain).').optional(),
  target: describe(JammerTarget, 'What it points at: a satellite, or a point on the ground.'),
  on: describe(z.array(JammerWindow), 'When it radiates; injects switch it on and off too.').default([]),
  ...Marked,
});

/** A regular grid of receivers over a region (one PNT receiver per point). */
export const Grid = z.strictObject({
  latDeg: describe(z.tuple([Deg(-90, 90), Deg(-90, 90)]), '[south, north] edges, degrees.'),
  lonDeg: describe(z.tuple([Deg(-180, 360), Deg(-180, 360)]), '[west, east] edges, degrees.'),
  stepDeg: describe(z.number().positive().max(90), 'Spacing of the points, degrees.'),
  altM: describe(z.number().min(-500).max(100_000), 'Height of every point, m (aircraft: their cruise level).').default(0),
});

/** A GNSS receiver, or a grid of them over a region. */
export const Receiver = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  owner: NationId,
  ...PlatformFields,
  grid: describe(Grid, 'A region of receivers instead of one point.').optional(),
  constellations: describe(z.array(Constellation).min(1).max(4), 'Constellations it can use; in single mode, the fallback order.'),
  mode: describe(z.enum(['single', 'multi']), "'single': the first usable constellation in the list; 'multi': all usable ones together.").default('multi'),
  elevationDegMin: describe(Deg(0, 90), 'Elevation mask, degrees.').default(10),
  pdopMax: describe(z.number().positive().max(1000), 'A fix is usable while PDOP is at most this.').default(6),
  jammingToleranceDb: describe(Dbw(-20, 100), 'Highest jamming-to-signal ratio J/S at which it still tracks a signal, dB.').default(24),
  antennaGainDbi: describe(Dbw(-30, 30), 'Antenna gain toward a jammer near the horizon, dBi.').default(0),
  ...Marked,
});

export const Satcom = z.strictObject({
  transponders: z.array(Transponder).default([]),
  terminals: z.array(Terminal).default([]),
});

export const Pnt = z.strictObject({
  receivers: z.array(Receiver).default([]),
});
