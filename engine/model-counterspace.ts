/**
 * The resolved counterspace section: what scenarios/resolve-counterspace.ts builds from `counterspace:`
 * and what engine/counterspace/ reads. Units in names; places as geodetic points; times in ticks or ms.
 */
import type { ItemMarkingModel } from './model.js';

/** A breakup's inputs as the scenario gives them: a preset and/or overrides (null: from the event). */
export interface BreakupSpecModel {
  readonly preset: 'cosmos-1408' | 'fengyun-1c' | null;
  readonly massKg: number | null;
  readonly projectileMassKg: number | null;
  readonly impactSpeedKmPerS: number | null;
  readonly scale: number | null;
}

export interface InterceptorModel {
  readonly id: string;
  readonly name: string;
  readonly altitudeKmMax: number;
  readonly rangeKmMax: number;
  readonly elevationDegMin: number;
  readonly boostS: number;
  readonly speedKmPerS: number;
  readonly killProbability: number;
  readonly killVehicleMassKg: number;
  readonly trackKmMax: number;
  readonly planningWindowMs: number;
  readonly breakup: BreakupSpecModel | null;
}

export interface GeoSiteModel {
  readonly site: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altKm: number;
}

export interface LauncherModel extends GeoSiteModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  /** Index into CounterspaceModel.interceptors. */
  readonly interceptor: number;
  readonly inventory: number;
}

export interface CoOrbitalModel {
  readonly id: string;
  readonly object: string;
  readonly owner: string;
  readonly deltaVMps: number;
  readonly phasingRevsMin: number;
}

export interface LaserModel extends GeoSiteModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly rangeKmMax: number;
  readonly elevationDegMin: number;
}

export interface WarningSensorModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly kind: 'infrared' | 'radar';
  /** Infrared: the host object's id. */
  readonly host: string | null;
  /** Radar: the radar sensor's id. */
  readonly radar: string | null;
  readonly delayMs: number;
  readonly marking: ItemMarkingModel;
}

export interface DebrisModel {
  readonly fragmentCutoffM: number;
  readonly fragmentsPerEventMax: number;
  readonly fragmentsTotalMax: number;
  readonly massKgByKind: Readonly<Record<'payload' | 'rocket-body' | 'debris' | 'unknown', number>>;
}

export interface ConjunctionsModel {
  readonly everyTicks: number;
  readonly sampleMs: number;
  readonly screeningKm: number;
  readonly hardBodyRadiusM: number;
  readonly warnPc: number;
  readonly collisions: boolean;
  readonly pairsMax: number;
  readonly marking: ItemMarkingModel;
}

export interface CounterspaceModel {
  readonly interceptors: readonly InterceptorModel[];
  readonly launchers: readonly LauncherModel[];
  readonly coOrbital: readonly CoOrbitalModel[];
  readonly lasers: readonly LaserModel[];
  readonly warningSensors: readonly WarningSensorModel[];
  readonly debris: DebrisModel;
  readonly conjunctions: ConjunctionsModel | null;
}

export const NO_COUNTERSPACE: CounterspaceModel = {
  interceptors: [], launchers: [], coOrbital: [], lasers: [], warningSensors: [],
  debris: { fragmentCutoffM: 0.1, fragmentsPerEventMax: 10_000, fragmentsTotalMax: 50_000, massKgByKind: { payload: 1000, 'rocket-body': 1500, debris: 1, unknown: 100 } },
  conjunctions: null,
};
