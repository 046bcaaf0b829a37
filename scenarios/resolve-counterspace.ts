/**
 * Meaning of the counterspace section and its injects: every reference checked (sites, objects, radars,
 * interceptor classes, launchers, lasers), and each engagement checked against what the weapon can reach:
 * an asat-launch whose target's perigee lies above every usable interceptor's ceiling, or a co-orbital
 * attack beyond the ASAT's delta-v even for a coplanar Hohmann transfer, is a positioned error (the run
 * would only log a refusal). Read next: engine/model-counterspace.ts (what this builds).
 */
import type { OrbitalObjectModel, SensorModel, SiteModel } from '../engine/model.js';
import type { BreakupSpecModel, CounterspaceModel, InterceptorModel, LauncherModel, WarningSensorModel } from '../engine/model-counterspace.js';
import type { TerminalModel, TransponderModel } from '../engine/model-ew.js';
import { hohmannDeltaVMps, meanOrbitOf } from '../engine/counterspace/orbit-geometry.js';
import { parseDurationMs } from './durations.js';
import type { Path } from './positions.js';
import { didYouMean } from './problems.js';
import type { Resolver } from './resolve.js';
import { markingOf } from './resolve-ssa.js';
import type { ScenarioDoc } from './schema.js';

type Spec = NonNullable<ScenarioDoc['counterspace']['interceptors'][number]['breakup']>;

function specOf(b: Spec | undefined): BreakupSpecModel | null {
  if (!b) return null;
  return { preset: b.preset ?? null, massKg: b.massKg ?? null, projectileMassKg: b.projectileMassKg ?? null, impactSpeedKmPerS: b.impactSpeedKmPerS ?? null, scale: b.scale ?? null };
}

interface Refs {
  objects: ReadonlyMap<string, OrbitalObjectModel>;
  sites: ReadonlyMap<string, SiteModel>;
  sensors: ReadonlyMap<string, SensorModel>;
}

export function resolveCounterspace(r: Resolver, objects: readonly OrbitalObjectModel[], sites: readonly SiteModel[], sensors: readonly SensorModel[]): CounterspaceModel {
  const cs = r.s.counterspace;
  const refs: Refs = { objects: new Map(objects.map((o) => [o.id, o])), sites: new Map(sites.map((s) => [s.id, s])), sensors: new Map(sensors.map((s) => [s.id, s])) };
  const base: Path = ['counterspace'];
  const interceptors: InterceptorModel[] = cs.interceptors.map((x, i) => {
    r.claimId(x.id, [...base, 'interceptors', i, 'id']);
    return {
      id: x.id, name: x.name ?? x.id, altitudeKmMax: x.altitudeKmMax, rangeKmMax: x.rangeKmMax, elevationDegMin: x.elevationDegMin,
      boostS: (parseDurationMs(x.boostTime) ?? 0) / 1000, speedKmPerS: x.speedKmPerS, killProbability: x.killProbability,
      killVehicleMassKg: x.killVehicleMassKg, trackKmMax: x.trackKmMax ?? r.s.tracking.custodyKmMax,
      planningWindowMs: parseDurationMs(x.planningWindow) ?? 0, breakup: specOf(x.breakup),
    };
  });
  const siteOf = (id: string, path: Path): SiteModel | null => {
    const s = refs.sites.get(id);
    if (!s) r.add(path, 'UNKNOWN_REF', `site '${id}' is not declared under sites:${didYouMean(id, refs.sites.keys())}`);
    return s ?? null;
  };
  const launchers: LauncherModel[] = [];
  cs.launchers.forEach((x, i) => {
    const path: Path = [...base, 'launchers', i];
    r.claimId(x.id, [...path, 'id']);
    if (x.owner !== undefined) r.nationRef(x.owner, [...path, 'owner']);
    const site = siteOf(x.site, [...path, 'site']);
    const k = interceptors.findIndex((c) => c.id === x.interceptor);
    if (k < 0) r.add([...path, 'interceptor'], 'UNKNOWN_REF', `interceptor '${x.interceptor}' is not declared under counterspace.interceptors:${didYouMean(x.interceptor, interceptors.map((c) => c.id))}`);
    if (site && k >= 0) launchers.push({ id: x.id, name: x.name ?? x.id, owner: x.owner ?? site.owner, site: site.id, latDeg: site.latDeg, lonDeg: site.lonDeg, altKm: site.altKm, interceptor: k, inventory: x.inventory });
  });
  const coOrbital = cs.coOrbital.flatMap((x, i) => {
    const path: Path = [...base, 'coOrbital', i];
    r.claimId(x.id, [...path, 'id']);
    if (x.owner !== undefined) r.nationRef(x.owner, [...path, 'owner']);
    const o = objectRef(r, refs, x.object, [...path, 'object'], 'ASAT object');
    const owner = x.owner ?? o?.owner ?? null;
    if (o && owner === null) r.add([...path, 'owner'], 'REQUIRED', `object '${x.object}' has no owner: give the co-orbital ASAT an owner`);
    return o && owner !== null ? [{ id: x.id, object: o.id, owner, deltaVMps: x.deltaVMps, phasingRevsMin: x.phasingRevsMin }] : [];
  });
  const lasers = cs.lasers.flatMap((x, i) => {
    const path: Path = [...base, 'lasers', i];
    r.claimId(x.id, [...path, 'id']);
    if (x.owner !== undefined) r.nationRef(x.owner, [...path, 'owner']);
    const site = siteOf(x.site, [...path, 'site']);
    return site ? [{ id: x.id, name: x.name ?? x.id, owner: x.owner ?? site.owner, site: site.id, latDeg: site.latDeg, lonDeg: site.lonDeg, altKm: site.altKm, rangeKmMax: x.rangeKmMax, elevationDegMin: x.elevationDegMin }] : [];
  });
  const warningSensors: WarningSensorModel[] = [];
  cs.missileWarning.forEach((x, i) => {
    const path: Path = [...base, 'missileWarning', i];
    r.claimId(x.id, [...path, 'id']);
    if (x.owner !== undefined) r.nationRef(x.owner, [...path, 'owner']);
    if ((x.host === undefined) === (x.radar === undefined)) {
      r.add(path, 'INVALID_VALUE', `missile-warning sensor '${x.id}' needs exactly one of host (space-based infrared) and radar (a ground radar sensor)`);
      return;
    }
    let owner: string | null = x.owner ?? null;
    if (x.host !== undefined) {
      const o = objectRef(r, refs, x.host, [...path, 'host'], 'host');
      if (!o) return;
      owner ??= o.owner;
    } else {
      const s = refs.sensors.get(x.radar!);
      if (!s || s.kind !== 'radar') {
        r.add([...path, 'radar'], 'UNKNOWN_REF', `'${x.radar}' is not a radar sensor of the scenario${didYouMean(x.radar!, [...refs.sensors.values()].filter((v) => v.kind === 'radar').map((v) => v.id))}`);
        return;
      }
      owner ??= s.owner;
    }
    if (owner === null) {
      r.add([...path, 'owner'], 'REQUIRED', `missile-warning sensor '${x.id}' is on an object nobody owns: give it an owner`);
      return;
    }
    warningSensors.push({
      id: x.id, name: x.name ?? x.id, owner, kind: x.host !== undefined ? 'infrared' : 'radar', host: x.host ?? null, radar: x.radar ?? null,
      delayMs: parseDurationMs(x.delay) ?? 0, marking: markingOf(r, x.marking, [...path, 'marking']),
    });
  });
  const d = cs.debris;
  const conj = cs.conjunctions;
  let conjunctions: CounterspaceModel['conjunctions'] = null;
  if (conj) {
    const everyMs = parseDurationMs(conj.every) ?? 0, sampleMs = parseDurationMs(conj.sample) ?? 0;
    const path: Path = [...base, 'conjunctions'];
    if (r.stepMs > 0 && (everyMs < r.stepMs || everyMs % r.stepMs !== 0)) r.add([...path, 'every'], 'INVALID_VALUE', `every must be a whole number of steps (step ${r.stepMs / 1000} s)`);
    if (sampleMs <= 0 || sampleMs > everyMs || everyMs % sampleMs !== 0) r.add([...path, 'sample'], 'INVALID_VALUE', `sample must divide every (${conj.every}) into whole samples`);
    else if (everyMs / sampleMs > 1000) r.add([...path, 'sample'], 'LIMIT', `every / sample is ${everyMs / sampleMs} samples per screening, over 1000: take a longer sample`);
    conjunctions = {
      everyTicks: r.stepMs > 0 ? Math.max(1, Math.round(everyMs / r.stepMs)) : 1, sampleMs, screeningKm: conj.screeningKm, hardBodyRadiusM: conj.hardBodyRadiusM,
      warnPc: conj.warnPc, collisions: conj.collisions, pairsMax: conj.pairsMax, marking: markingOf(r, conj.marking, [...path, 'marking']),
    };
  }
  const model: CounterspaceModel = {
    interceptors, launchers, coOrbital, lasers, warningSensors,
    debris: { fragmentCutoffM: d.fragmentCutoffM, fragmentsPerEventMax: d.fragmentsPerEventMax, fragmentsTotalMax: d.fragmentsTotalMax, massKgByKind: { ...d.massKg } },
    conjunctions,
  };
  return model;
}

function objectRef(r: Resolver, refs: Refs, id: string, path: Path, what: string): OrbitalObjectModel | null {
  const o = refs.objects.get(id);
  if (!o && !r.catalogsIncomplete) r.add(path, 'UNKNOWN_REF', `${what} '${id}' is not an object of the scenario${didYouMean(id, refs.objects.keys())}`);
  return o ?? null;
}

/** Launchers an asat-launch may use: the one named, or every launcher of the nation. */
export function launchersFor(cs: CounterspaceModel, by: string, launcher: string | null): LauncherModel[] {
  return cs.launchers.filter((l) => l.owner === by && (launcher === null || l.id === launcher));
}

/**
 * The counterspace injects' references and reach, after the counterspace section and the EW section
 * are resolved. `targets` of cyber are sensors, sites, transponders, terminals and objects.
 */
export function checkCounterspaceInjects(
  r: Resolver, cs: CounterspaceModel, objects: readonly OrbitalObjectModel[], sensors: readonly SensorModel[], sites: readonly SiteModel[],
  transponders: readonly TransponderModel[], terminals: readonly TerminalModel[],
): void {
  const objectById = new Map(objects.map((o) => [o.id, o]));
  const refs: Refs = { objects: objectById, sites: new Map(sites.map((s) => [s.id, s])), sensors: new Map(sensors.map((s) => [s.id, s])) };
  r.s.msel.forEach((inj, i) => {
    const path: Path = ['msel', i];
    if (inj.kind === 'asat-launch') {
      if (inj.launcher !== undefined && !cs.launchers.some((l) => l.id === inj.launcher)) {
        r.add([...path, 'launcher'], 'UNKNOWN_REF', `launcher '${inj.launcher}' is not declared under counterspace.launchers:${didYouMean(inj.launcher, cs.launchers.map((l) => l.id))}`);
        return;
      }
      const usable = launchersFor(cs, inj.by, inj.launcher ?? null);
      if (usable.length === 0) {
        r.add([...path, inj.launcher !== undefined ? 'launcher' : 'by'], 'UNKNOWN_REF', inj.launcher !== undefined
          ? `launcher '${inj.launcher}' does not belong to ${inj.by}`
          : `${inj.by} has no DA-ASAT launcher: declare one under counterspace.launchers`);
        return;
      }
      const target = objectById.get(inj.target);
      if (!target) {
        // resolveMsel already reported an unknown id; a site or sensor is known but no ASAT target.
        if (sites.some((s) => s.id === inj.target) || sensors.some((s) => s.id === inj.target)) {
          r.add([...path, 'target'], 'INVALID_VALUE', `'${inj.target}' is a site or sensor: a DA-ASAT intercepts an orbiting object`);
        }
        return;
      }
      const orbit = meanOrbitOf(target.orbit);
      if (!orbit) return;
      const ceiling = Math.max(...usable.map((l) => cs.interceptors[l.interceptor].altitudeKmMax));
      if (orbit.perigeeAltKm > ceiling) {
        r.add([...path, 'target'], 'UNREACHABLE', `target '${inj.target}' never comes below ${Math.round(orbit.perigeeAltKm).toLocaleString('en-US')} km (its perigee), above the ${Math.round(ceiling).toLocaleString('en-US')} km ceiling of ${inj.by}'s interceptors: choose a lower target or an interceptor class with a higher altitudeKmMax`);
      }
    } else if (inj.kind === 'breakup') {
      objectRef(r, refs, inj.object, [...path, 'object'], 'object');
    } else if (inj.kind === 'co-orbital-attack') {
      const asat = cs.coOrbital.find((c) => c.id === inj.asat);
      if (!asat) {
        r.add([...path, 'asat'], 'UNKNOWN_REF', `'${inj.asat}' is not declared under counterspace.coOrbital:${didYouMean(inj.asat, cs.coOrbital.map((c) => c.id))}`);
        return;
      }
      const target = objectRef(r, refs, inj.target, [...path, 'target'], 'target');
      const chaser = objectById.get(asat.object);
      if (!target || !chaser) return;
      if (target.id === chaser.id) {
        r.add([...path, 'target'], 'INVALID_VALUE', `co-orbital ASAT '${asat.id}' cannot attack its own object`);
        return;
      }
      const a = meanOrbitOf(chaser.orbit), b = meanOrbitOf(target.orbit);
      if (!a || !b) return;
      const dv = hohmannDeltaVMps(a.semiMajorAxisKm, b.semiMajorAxisKm);
      if (dv > asat.deltaVMps) {
        r.add([...path, 'target'], 'UNREACHABLE', `reaching '${inj.target}' takes at least ${Math.round(dv)} m/s (a coplanar Hohmann transfer between the two orbits), more than the ${asat.deltaVMps} m/s of co-orbital ASAT '${asat.id}'`);
      }
    } else if (inj.kind === 'laser-dazzle') {
      if (!cs.lasers.some((l) => l.id === inj.laser)) r.add([...path, 'laser'], 'UNKNOWN_REF', `laser '${inj.laser}' is not declared under counterspace.lasers:${didYouMean(inj.laser, cs.lasers.map((l) => l.id))}`);
      const target = objectRef(r, refs, inj.target, [...path, 'target'], 'target');
      if (target && !sensors.some((s) => s.kind === 'space' && s.host === target.id)) {
        r.add([...path, 'target'], 'INVALID_VALUE', `'${inj.target}' carries no sensor of the scenario: dazzling it changes nothing`, 'warning');
      }
    } else if (inj.kind === 'cyber') {
      const known = [...sensors.map((s) => s.id), ...sites.map((s) => s.id), ...transponders.map((t) => t.id), ...terminals.map((t) => t.id), ...cs.warningSensors.map((w) => w.id)];
      if (!known.includes(inj.target) && !objectById.has(inj.target) && !(r.catalogsIncomplete)) {
        r.add([...path, 'target'], 'UNKNOWN_REF', `cyber target '${inj.target}' is not a sensor, missile-warning sensor, site, transponder, terminal or object of the scenario${didYouMean(inj.target, known)}`);
      }
    }
  });
}
