/**
 * Meaning of the SSA sections: sensors (ground radars and telescopes, space-based sensors and hosted
 * payloads, checked against sites and objects), item markings (levels checked, REL TO expanded, unknown
 * caveats warned) and tracking (objects of interest). Read next: engine/model.ts (what this builds).
 */
import type { ItemMarkingModel, OrbitalObjectModel, SensorModel, SiteModel, TrackingModel } from '../engine/model.js';
import { KNOWN_CAVEATS } from '../engine/policy/releasability.js';
import { parseDurationMs } from './durations.js';
import type { Path } from './positions.js';
import { didYouMean } from './problems.js';
import type { Resolver } from './resolve.js';
import type { ScenarioDoc } from './schema.js';

export function resolveSensors(r: Resolver, sites: SiteModel[], objects: OrbitalObjectModel[]): SensorModel[] {
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const objectById = new Map(objects.map((o) => [o.id, o]));
  const out: SensorModel[] = [];
  r.s.sensors.forEach((sensor, i) => {
    const path: Path = ['sensors', i];
    r.claimId(sensor.id, [...path, 'id']);
    if (sensor.owner !== undefined) r.nationRef(sensor.owner, [...path, 'owner']);
    sensor.priority.forEach((id, j) => {
      if (!objectById.has(id) && !r.catalogsIncomplete) r.add([...path, 'priority', j], 'UNKNOWN_REF', `object '${id}' is not in the scenario${didYouMean(id, objectById.keys())}`);
    });
    const base = {
      id: sensor.id,
      detectionProbability: sensor.detectionProbability,
      measurementNoiseKm: sensor.measurementNoiseKm ?? r.s.tracking.uncertaintyKmInitial,
      capacity: sensor.capacity ?? null,
      priority: [...sensor.priority],
      marking: markingOf(r, sensor.marking, [...path, 'marking']),
      rangeKmMax: sensor.rangeKmMax,
    };
    if (sensor.priority.length > 0 && sensor.capacity === undefined) r.add([...path, 'priority'], 'INVALID_VALUE', `sensor '${sensor.id}' has a priority list but no capacity: it looks at everything in view, so the list changes nothing`, 'warning');
    if (base.measurementNoiseKm > r.s.tracking.custodyKmMax) r.add([...path, 'measurementNoiseKm'], 'OUT_OF_RANGE', `sensor '${sensor.id}' measures to ${base.measurementNoiseKm} km, worse than tracking.custodyKmMax ${r.s.tracking.custodyKmMax} km: one observation never gives custody`, 'warning');
    if (sensor.kind === 'space' && sensor.pointing !== 'any' && sensor.halfAngleDeg >= 180) r.add([...path, 'halfAngleDeg'], 'INVALID_VALUE', `pointing '${sensor.pointing}' with halfAngleDeg ${sensor.halfAngleDeg} is no cone at all: give the field of view's half-angle`, 'warning');
    if (sensor.kind === 'space') {
      const host = objectById.get(sensor.host);
      if (!host) {
        if (!r.catalogsIncomplete) r.add([...path, 'host'], 'UNKNOWN_REF', `host '${sensor.host}' is not an object of the scenario${didYouMean(sensor.host, objectById.keys())}`);
        return;
      }
      const owner = sensor.owner ?? host.owner;
      if (owner === null) {
        r.add([...path, 'owner'], 'INVALID_VALUE', `host '${host.id}' has no owner: give the payload's owner`);
        return;
      }
      out.push({
        ...base, kind: 'space', owner, host: host.id, pointing: sensor.pointing, halfAngleDeg: sensor.halfAngleDeg,
        earthClearanceKm: sensor.earthClearanceKm, magnitudeMax: sensor.magnitudeMax ?? null, sunExclusionDeg: sensor.sunExclusionDeg,
      });
      return;
    }
    const site = siteById.get(sensor.site);
    if (!site) {
      r.add([...path, 'site'], 'UNKNOWN_REF', `site '${sensor.site}' is not declared under sites:${didYouMean(sensor.site, siteById.keys())}`);
      return;
    }
    if (sensor.elevationDegMin >= sensor.elevationDegMax) r.add([...path, 'elevationDegMax'], 'OUT_OF_RANGE', `elevationDegMax ${sensor.elevationDegMax} must be above elevationDegMin ${sensor.elevationDegMin}`);
    if (sensor.azimuthDeg[0] === sensor.azimuthDeg[1]) r.add([...path, 'azimuthDeg'], 'OUT_OF_RANGE', `the azimuth window [${sensor.azimuthDeg.join(', ')}] is empty: give [from, to] with from != to ([0, 360] is all round)`);
    else if (sensor.kind === 'radar' && sensor.radarEquation && sensor.elevationDegMax <= 0) {
      r.add([...path, 'elevationDegMax'], 'OUT_OF_RANGE', `a radar with a radarEquation searches above the horizon: elevationDegMax must be above 0 (the search volume would be empty)`);
    }
    const ground = {
      ...base, owner: sensor.owner ?? site.owner, site: site.id, elevationDegMin: sensor.elevationDegMin, elevationDegMax: sensor.elevationDegMax,
      azimuthDegMin: sensor.azimuthDeg[0], azimuthDegMax: sensor.azimuthDeg[1],
    };
    if (sensor.kind === 'optical') {
      out.push({ ...ground, kind: 'optical', sunElevationDegMax: sensor.sunElevationDegMax, magnitudeMax: sensor.magnitudeMax });
      return;
    }
    const eq = sensor.radarEquation;
    if (eq && r.s.sensors[i].detectionProbability !== 1 && pathHasKey(r, [...path], 'detectionProbability')) {
      r.add([...path, 'detectionProbability'], 'INVALID_VALUE', `sensor '${sensor.id}' has a radarEquation, which gives the probability of detection: remove detectionProbability`);
    }
    const frameTimeS = eq?.frameTime === undefined ? r.stepMs / 1000 : (parseDurationMs(eq.frameTime) ?? 0) / 1000;
    if (eq && frameTimeS <= 0) r.add([...path, 'radarEquation', 'frameTime'], 'OUT_OF_RANGE', 'frameTime must be longer than zero: the time the radar takes to search its field of view once');
    out.push({
      ...ground, kind: 'radar',
      radarEquation: eq ? { powerApertureWm2: eq.powerApertureWm2, noiseTemperatureK: eq.noiseTemperatureK, lossesDb: eq.lossesDb, frameTimeS, detectionThresholdDb: eq.detectionThresholdDb } : null,
    });
  });
  return out;
}

/** True when the planner wrote `key` in the mapping at `path` (not a default). */
function pathHasKey(r: Resolver, path: Path, key: string): boolean {
  const node = r.ctx.doc.getIn(path, true) as { has?: (k: string) => boolean } | undefined;
  return typeof node?.has === 'function' && node.has(key);
}

/** A marking as items carry it: the level checked, REL TO expanded to sorted nations. */
export function markingOf(r: Resolver, m: ScenarioDoc['sensors'][number]['marking'], path: Path): ItemMarkingModel {
  const classification = r.levelRef(m.classification, [...path, 'classification']);
  let releasableTo: readonly string[] | 'all' = 'all';
  m.caveats.forEach((c, i) => {
    if (!KNOWN_CAVEATS.includes(c)) r.add([...path, 'caveats', i], 'INVALID_VALUE', `caveat '${c}' is not one the engine knows (${KNOWN_CAVEATS.join(', ')}): every release of these items will be refused (fail closed)`, 'warning');
  });
  if (m.releasableTo !== 'all' && m.releasableTo.length === 0) r.add([...path, 'releasableTo'], 'INVALID_VALUE', `releasable to nobody: these items never leave their owner (as NOFORN); say NOFORN, or name the nations`, 'warning');
  if (m.releasableTo !== 'all') {
    const nations = new Set<string>();
    m.releasableTo.forEach((p, j) => {
      for (const n of r.partyRef(p, [...path, 'releasableTo', j]) ?? []) nations.add(n);
    });
    releasableTo = [...nations].sort();
  }
  return { classification, releasableTo, caveats: [...new Set(m.caveats)].sort() };
}

export function resolveTracking(r: Resolver, objects: OrbitalObjectModel[]): TrackingModel {
  const t = r.s.tracking;
  let interest: string[] | null = null;
  if (t.interest) {
    const ids = new Set(t.interest.ids ?? []);
    const known = new Set(objects.map((o) => o.id));
    t.interest.ids?.forEach((id, j) => {
      if (!known.has(id) && !r.catalogsIncomplete) r.add(['tracking', 'interest', 'ids', j], 'UNKNOWN_REF', `object '${id}' is not in the scenario${didYouMean(id, known)}`);
    });
    const owners = new Set(t.interest.owners ?? []);
    const kinds = new Set<string>(t.interest.kinds ?? []);
    interest = objects.filter((o) => ids.has(o.id) || owners.has(o.owner ?? 'none') || kinds.has(o.kind)).map((o) => o.id);
    if (interest.length === 0 && !r.catalogsIncomplete) r.add(['tracking', 'interest'], 'INVALID_VALUE', 'no object matches tracking.interest: custody metrics would count nothing', 'warning');
  }
  return {
    uncertaintyKmInitial: t.uncertaintyKmInitial,
    uncertaintyGrowthKmPerHour: t.uncertaintyGrowthKmPerHour,
    custodyKmMax: t.custodyKmMax,
    correlationReports: t.correlationReports,
    interest,
  };
}

