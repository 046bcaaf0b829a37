/**
 * createSim: turns a resolved scenario into a running simulation at tick 0. Entities are created in
 * scenario order (objects, then sites, then sensors), which is their stable index; the schedule is run
 * once so that the state at tick 0 is defined before the first `step`.
 *
 * Read next: schedule.ts (what `step` runs), hash.ts (`stateHash`).
 */
import { addComponent, addEntity, createWorld, query } from 'bitecs';
import { FRESH, type ArrayArena } from './arena.js';
import { createComponents, type Components } from './components/index.js';
import { EventLog, PUBLIC } from './events.js';
import { initStateHash } from './hash.js';
import { MarkingTable } from './markings.js';
import type { ScenarioModel, SensorModel, SiteModel } from './model.js';
import { DEG, topocentre } from './physics/frames.js';
import { dbToLinear, searchRadarConstant, solidAngleSr } from './physics/radar-equation.js';
import { createCandidates } from './sensors/candidates.js';
import { simViews } from './sensors/shared-views.js';
import { createObservations } from './sensors/observations.js';
import { brightnessOf } from './sensors/brightness.js';
import { rcsOf, standardMagnitudeOf } from './sensors/targets.js';
import { createSharingState } from './sharing.js';
import { createEwState } from './ew/state.js';
import { createStatusBoard } from './ew/status.js';
import { createCounterspaceState } from './counterspace/state.js';
import { createJsPropagator } from './propagators/js.js';
import { orbitSourcesHash, preparedSignature, type PreparedOrbits } from './propagators/prepared.js';
import type { PropagatorName } from './propagators/propagator.js';
import { createWasmPropagator } from './propagators/wasm.js';
import { createEphemerisPropagator, type Ephemeris } from './propagators/ephemeris.js';
import { satrecFrom } from './physics/orbit-sources.js';
import { RngStreams } from './rng.js';
import { runSchedule } from './schedule.js';
import type { Sim } from './sim.js';
import { isoUtc } from './time.js';
import { createNationTracks } from './tracks.js';
import { OPTICAL, POINTINGS, RADAR, SPACE } from './components/index.js';

export interface SimOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Index of this run in a batch (0 for a single run). */
  runIndex?: number;
  /** SGP4 backend; `wasm` unless told otherwise. */
  propagator?: PropagatorName;
  /**
   * The scenario's objects already initialised (propagators/prepared.ts), e.g. from the CLI's cache:
   * start-up becomes a memory copy. Ignored (each object initialised afresh) when they were prepared for
   * another satellite.js build or another scenario.
   */
  prepared?: PreparedOrbits;
  /**
   * The scenario's objects already propagated at every tick (a batch's shared ephemeris): the run reads
   * them instead of propagating (same bits). Ignored for another scenario's objects or time base.
   */
  ephemeris?: Ephemeris;
  /**
   * Lends the sim its large typed arrays (arena.ts): a batch worker passes one arena to each of its runs
   * in turn and reclaims it between them. Default: every array fresh.
   */
  arena?: ArrayArena;
}

/** True when the ephemeris was made for this model's objects and time base. */
function ephemerisFits(e: Ephemeris, model: ScenarioModel): boolean {
  return e.objects === model.objects.length && e.epochMs === model.epochMs && e.stepMs === model.stepMs;
}

/** A limit in the scenario was exceeded: an operating error the caller reports, not a crash. */
export class LimitError extends Error {
  constructor(message: string) {
    super(`vigil engine - ${message}`);
    this.name = 'LimitError';
  }
}

export async function createSim(model: ScenarioModel, options: SimOptions = {}): Promise<Sim> {
  const entitiesNeeded = model.objects.length + model.sites.length + model.sensors.length;
  if (entitiesNeeded > model.limits.entitiesMax) {
    throw new LimitError(`the scenario needs ${entitiesNeeded} entities but limits.entitiesMax is ${model.limits.entitiesMax}: raise the limit or import fewer objects`);
  }
  const seed = options.seed ?? model.seed;
  const runIndex = options.runIndex ?? 0;
  const shared = options.ephemeris && options.propagator !== 'js' && ephemerisFits(options.ephemeris, model) ? options.ephemeris : null;
  // A shared ephemeris brings the objects' prepared structs with it.
  const given = options.prepared ?? shared?.prepared ?? undefined;
  const prepared = given && options.propagator !== 'js' && (await usable(given, model)) ? given : null;
  const propagator = options.propagator === 'js'
    ? createJsPropagator()
    : shared
      ? await createEphemerisPropagator(shared, { satrec: (stable) => satrecFrom(model.objects[stable].orbit), prepared })
      : await createWasmPropagator();
  await initStateHash();
  const arena = options.arena ?? FRESH;
  const c = createComponents(model.limits.entitiesMax, arena);
  const tracks = createNationTracks(model, arena);
  const markings = new MarkingTable(model.classificationLevels);
  const sim: Sim = {
    model,
    world: createWorld(),
    c,
    time: { epochMs: model.epochMs, stepMs: model.stepMs },
    tick: 0,
    seed,
    runIndex,
    rng: new RngStreams(seed, runIndex),
    events: new EventLog(model.limits.eventsMax),
    propagator,
    ids: [...model.objects.map((o) => o.id), ...model.sites.map((s) => s.id), ...model.sensors.map((s) => s.id)],
    eidById: new Map(),
    nations: model.nations,
    order: { orbiters: new Uint32Array(0), sensors: new Uint32Array(0), pendingRemovals: [], dirty: true, reload: true },
    slots: new Uint32Array(0),
    deadSlots: 0,
    gmstRad: 0,
    injectCursor: 0,
    liveInjects: [],
    orbitHistory: new Map(),
    objectsInitial: model.objects.length,
    objectsAdded: 0,
    sensorSeen: new Map(),
    sensorRanks: new Map(),
    candidates: createCandidates(model.objects.length + 1),
    sunTeme: new Float64Array(3),
    sunEcef: new Float64Array(3),
    observations: createObservations(model.limits.observationsPerStepMax),
    markings,
    objectMarking: arena.take(Int32Array, model.objects.length, -1),
    objects: [...model.objects],
    sharing: createSharingState(model, tracks.nations, arena),
    limitsReached: new Set(),
    ew: createEwState(model),
    status: createStatusBoard(),
    ewMarkings: {
      terminal: Int32Array.from(model.terminals.map((t) => markings.intern(t.owner, t.marking))),
      receiver: Int32Array.from(model.receivers.map((r) => markings.intern(r.owner, r.marking))),
      transponder: Int32Array.from(model.transponders.map((t) => markings.intern(t.owner, t.marking))),
    },
    prepared,
    tracks,
    counterspace: createCounterspaceState(model),
    views: null,
    arena,
  };
  const nationIndex = new Map(model.nations.map((n, i) => [n.id, i]));
  // The stable lists' queries registered while the world is empty: bitecs then keeps them as entities
  // come, instead of scanning every entity at the first query (a loop V8 compiled anew every run).
  query(sim.world, [c.Orbit]);
  query(sim.world, [c.Sensor]);
  let stable = addObjects(sim, nationIndex);
  for (const site of model.sites) addSite(sim, newEntity(sim, stable++), site, nationIndex.get(site.owner) ?? -1);
  const stableById = new Map(sim.ids.map((id, i) => [id, i]));
  for (const sensor of model.sensors) addSensor(sim, newEntity(sim, stable++), sensor, nationIndex.get(sensor.owner) ?? -1, stableById);
  if (shared?.views) sim.views = simViews(shared.views, shared.pos, shared.objects, model, (id) => sim.eidById.get(id));
  sim.events.push(0, isoUtc(model.epochMs), 'sim-start', [], {
    scenario: model.name,
    seed,
    runIndex,
    propagator: propagator.name,
    objects: model.objects.length,
  }, PUBLIC);
  runSchedule(sim);
  return sim;
}

/** The scenario's objects as entities, in stable order (their own function: see hash.ts writeOrbiters). */
function addObjects(sim: Sim, nationIndex: ReadonlyMap<string, number>): number {
  const { c, markings } = sim;
  let stable = 0;
  for (const object of sim.model.objects) {
    const eid = newEntity(sim, stable++);
    addComponent(sim.world, eid, c.Orbit);
    c.Ownership.nationIndex[eid] = object.owner === null ? -1 : (nationIndex.get(object.owner) ?? -1);
    c.Target.rcsM2[eid] = rcsOf(object);
    c.Target.standardMagnitude[eid] = standardMagnitudeOf(object);
    c.Target.brightness[eid] = brightnessOf(c.Target.standardMagnitude[eid]);
    if (object.marking !== null && object.owner !== null) sim.objectMarking[stable - 1] = markings.intern(object.owner, object.marking);
  }
  return stable;
}

async function usable(prepared: PreparedOrbits, model: ScenarioModel): Promise<boolean> {
  const own = await preparedSignature();
  const count = model.objects.length;
  if (prepared.signature !== own.signature || prepared.structBytes !== own.structBytes) return false;
  if (prepared.count !== count || prepared.bytes.length !== count * own.structBytes) return false;
  return prepared.sourcesHash === orbitSourcesHash(model.objects);
}

function newEntity(sim: Sim, stableIndex: number): number {
  const eid = addEntity(sim.world);
  // Slot bookkeeping uses 0 for "no entity": bitecs 0.4 starts ids at 1.
  if (eid === 0) throw new Error('vigil engine - bitecs returned entity id 0, which the engine reserves');
  if (eid > sim.c.capacity) throw new LimitError(`entity id ${eid} exceeds limits.entitiesMax ${sim.c.capacity}`);
  sim.c.Identity.stableIndex[eid] = stableIndex;
  sim.eidById.set(sim.ids[stableIndex], eid);
  return eid;
}

function addSite(sim: Sim, eid: number, site: SiteModel, owner: number): void {
  const g = sim.c.GroundSite;
  addComponent(sim.world, eid, g);
  sim.c.Ownership.nationIndex[eid] = owner;
  g.latRad[eid] = site.latDeg * DEG;
  g.lonRad[eid] = site.lonDeg * DEG;
  g.altKm[eid] = site.altKm;
  const topo = topocentre({ latRad: g.latRad[eid], lonRad: g.lonRad[eid], altKm: site.altKm });
  writeVec(g.posEcefKm, eid, topo.posEcefKm);
  writeVec(g.eastEcef, eid, topo.east);
  writeVec(g.northEcef, eid, topo.north);
  writeVec(g.upEcef, eid, topo.up);
}

function addSensor(sim: Sim, eid: number, sensor: SensorModel, owner: number, stableById: ReadonlyMap<string, number>): void {
  const r: Components['Sensor'] = sim.c.Sensor;
  addComponent(sim.world, eid, r);
  sim.c.Ownership.nationIndex[eid] = owner;
  r.rangeKmMax[eid] = sensor.rangeKmMax;
  r.detectionProbability[eid] = sensor.detectionProbability;
  r.measurementNoiseKm[eid] = sensor.measurementNoiseKm;
  r.capacity[eid] = sensor.capacity ?? 0;
  r.markingId[eid] = sim.markings.intern(sensor.owner, sensor.marking);
  r.magnitudeMax[eid] = NaN;
  if (sensor.kind === 'space') {
    r.kindCode[eid] = SPACE;
    r.platform[eid] = stableById.get(sensor.host)!;
    r.pointingCode[eid] = POINTINGS.indexOf(sensor.pointing);
    r.halfAngleCos[eid] = Math.cos(sensor.halfAngleDeg * DEG);
    r.earthClearanceKm[eid] = sensor.earthClearanceKm;
    r.magnitudeMax[eid] = sensor.magnitudeMax ?? NaN;
    r.sunExclusionCos[eid] = Math.cos(sensor.sunExclusionDeg * DEG);
  } else {
    r.kindCode[eid] = sensor.kind === 'optical' ? OPTICAL : RADAR;
    r.platform[eid] = sim.eidById.get(sensor.site)!;
    r.elevationRadMin[eid] = sensor.elevationDegMin * DEG;
    r.elevationRadMax[eid] = sensor.elevationDegMax * DEG;
    r.azimuthRadMin[eid] = sensor.azimuthDegMin * DEG;
    r.azimuthRadMax[eid] = sensor.azimuthDegMax * DEG;
    if (sensor.kind === 'optical') {
      r.magnitudeMax[eid] = sensor.magnitudeMax;
      r.sunElevationSinMax[eid] = Math.sin(sensor.sunElevationDegMax * DEG);
    } else if (sensor.radarEquation) {
      const eq = sensor.radarEquation;
      const width = sensor.azimuthDegMax - sensor.azimuthDegMin;
      const azWidthRad = (width <= 0 ? width + 360 : width) * DEG;
      r.snrConstant[eid] = searchRadarConstant({
        powerApertureWm2: eq.powerApertureWm2,
        frameTimeS: eq.frameTimeS,
        searchSolidAngleSr: solidAngleSr(azWidthRad, Math.max(0, sensor.elevationDegMin) * DEG, sensor.elevationDegMax * DEG),
        noiseTemperatureK: eq.noiseTemperatureK,
        lossesDb: eq.lossesDb,
      });
      r.thresholdLinear[eid] = dbToLinear(eq.detectionThresholdDb);
    }
  }
  if (sensor.priority.length > 0) sim.sensorRanks.set(eid, new Map(sensor.priority.map((id, i) => [stableById.get(id)!, i])));
  sim.sensorSeen.set(eid, sim.arena.take(Uint8Array, sim.objects.length));
}

function writeVec(arr: Float64Array, eid: number, v: { x: number; y: number; z: number }): void {
  arr[3 * eid] = v.x;
  arr[3 * eid + 1] = v.y;
  arr[3 * eid + 2] = v.z;
}
