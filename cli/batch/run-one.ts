/**
 * One run of a batch: the scenario with run i's draws written in, loaded, stepped to the end (or
 * `untilMs`) with seed S and run index i, and reduced to a row: the draws, every metric, the final state
 * hash. What a run computes depends on (scenario text, S, i, until, agreements left out) only, never on
 * the worker it lands on: a worker keeps the base scenario loaded and the prepared orbits cached, which
 * changes how fast, not what.
 *
 * Read next: worker.ts (the pool's entry), commands/batch.ts.
 */
import { resolve as resolvePath } from 'node:path';
import { createSim, step, summarize, type Ephemeris, type ScenarioModel } from '../../engine/index.js';
import { formatProblem } from '../../scenarios/problems.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import { applyDraws, drawRun, type DrawnValue } from './draws.js';
import { metricValues, type MetricValues } from './metrics.js';

export interface RunTask {
  /** The scenario file (for positions in problems and to resolve catalog paths) and its text. */
  file: string;
  text: string;
  seed: number;
  run: number;
  /** Stop at this offset from the epoch, ms (null: the whole scenario). */
  untilMs: number | null;
  /** Agreement ids left out of every run (a comparison's variant), or 'all'. */
  withoutAgreements: readonly string[];
  /** Nations whose sensors and provided agreements are left out (coalition value's coalitions). */
  withoutNations?: readonly string[];
  /** Use the prepared-orbit cache. */
  cache: boolean;
  /** The scenario's objects propagated once for the whole batch (shared memory), or absent. */
  ephemeris?: Ephemeris;
}

export interface RunRow {
  run: number;
  seed: number;
  params: Record<string, DrawnValue>;
  metrics: MetricValues;
  stateHash: string;
  ticks: number;
  /** Why the run could not be made (a drawn value the language refuses), or null. */
  error: string | null;
}

/** The base scenario of each text, loaded once per worker. */
const bases = new Map<string, ScenarioModel>();

function load(file: string, text: string): ScenarioModel {
  const r = loadScenarioText(text, file, resolvePath(file, '..'));
  if (!r.ok) throw new Error(r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n'));
  return r.value.model;
}

export function baseModel(file: string, text: string): ScenarioModel {
  let m = bases.get(text);
  if (!m) {
    if (bases.size > 4) bases.clear();
    m = load(file, text);
    bases.set(text, m);
  }
  return m;
}

export async function runOne(task: RunTask): Promise<RunRow> {
  const base = baseModel(task.file, task.text);
  const params = base.montecarlo ? drawRun(base.montecarlo, task.seed, task.run) : {};
  const row: RunRow = { run: task.run, seed: task.seed, params, metrics: {}, stateHash: '', ticks: 0, error: null };
  let model = base;
  if (base.montecarlo && base.montecarlo.parameters.length > 0) {
    try {
      model = load(task.file, applyDraws(task.text, base.montecarlo, params));
    } catch (e) {
      row.error = `run ${task.run}: the drawn values do not make a valid scenario (${Object.entries(params).map(([k, v]) => `${k} = ${String(v)}`).join(', ')}):\n${(e as Error).message}`;
      return row;
    }
  }
  const without = task.withoutAgreements.includes('all') ? model.agreements.map((a) => a.id) : task.withoutAgreements;
  if (without.length > 0) model = { ...model, agreements: model.agreements.filter((a) => !without.includes(a.id)) };
  const out = task.withoutNations ?? [];
  if (out.length > 0) model = withoutContributions(model, out);
  const prepared = task.cache ? (await preparedOrbitsFor(model)).prepared : undefined;
  const sim = await createSim(model, { seed: task.seed, runIndex: task.run, prepared, ephemeris: task.ephemeris });
  const ticks = Math.floor((task.untilMs ?? model.durationMs) / model.stepMs);
  try {
    while (sim.tick < ticks) step(sim);
    const summary = summarize(sim);
    row.metrics = metricValues(model, summary);
    row.stateHash = summary.stateHash;
    row.ticks = sim.tick;
  } catch (e) {
    // One run's failure is that run's error; the batch goes on and reports it.
    row.error = `run ${task.run}: internal error at tick ${sim.tick}: ${(e as Error).message}`;
  } finally {
    sim.propagator.dispose();
  }
  return row;
}

/**
 * The scenario without what `nations` contribute: their sensors (ground, space and hosted payloads), their
 * missile-warning sensors, and the agreements they provide. Their satellites stay in orbit and their
 * own picture is still computed (a metric of theirs then measures what the others give them).
 */
export function withoutContributions(model: ScenarioModel, nations: readonly string[]): ScenarioModel {
  const gone = new Set(nations);
  return {
    ...model,
    sensors: model.sensors.filter((s) => !gone.has(s.owner)),
    agreements: model.agreements.filter((a) => !gone.has(a.provider)),
    counterspace: { ...model.counterspace, warningSensors: model.counterspace.warningSensors.filter((w) => !gone.has(w.owner)) },
  };
}

/**
 * Whether runs of `model` can share one ephemeris: no drawn parameter touches an orbit (objects or
 * catalogs), so every run's scenario objects are the base model's.
 */
export function canShareEphemeris(model: ScenarioModel): boolean {
  return !(model.montecarlo?.parameters ?? []).some((p) => p.yamlPath[0] === 'objects' || p.yamlPath[0] === 'catalogs' || p.yamlPath[0] === 'epoch' || p.yamlPath[0] === 'step');
}
