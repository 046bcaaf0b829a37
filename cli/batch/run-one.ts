/**
 * One run of a batch: the scenario with run i's draws written in, loaded, stepped to the end (or
 * `untilMs`) with seed S and run index i, and reduced to a row: the draws, every metric, the final state
 * hash. What a run computes depends on (scenario text, S, i, until, agreements left out) only, never on
 * the worker it lands on: a worker keeps the base scenario loaded, the prepared orbits cached and the
 * large arrays of its last run for its next (engine/arena.ts), which changes how fast, not what.
 *
 * Read next: worker.ts (the pool's entry), commands/batch.ts.
 */
import { resolve as resolvePath } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { ArrayArena, createSim, step, summarize, type Ephemeris, type PreparedOrbits, type ScenarioModel } from '../../engine/index.js';
import type { LoadResult } from '../../scenarios/load.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import type { DrawnValue } from './draws.js';
import { metricValues, type MetricValues } from './metrics.js';

export interface RunTask {
  /** The scenario file (for positions in problems and to resolve catalog paths) and its text. */
  file: string;
  text: string;
  /** The base scenario as the loading thread serialized it (shared memory; shareBase), or absent. */
  image?: Uint8Array;
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

/**
 * The large arrays of this thread's runs, lent to one run after another (engine/arena.ts): a thread runs
 * one run at a time (piscina gives a worker one task at a time; the main thread awaits each), checked.
 */
const arena = new ArrayArena();
let running = false;

/** The base scenario of each (file, text), loaded once per thread. */
const bases = new Map<string, ScenarioModel>();

/**
 * The scenario loaded from its text. The loader (YAML, the schemas) and the draws are imported when a
 * run first needs them: a worker given the base scenario's image and no draws never does, and starts
 * in half the time (~90 ms instead of ~170 ms of module loading, on each worker of a batch).
 */
async function load(file: string, text: string): Promise<ScenarioModel> {
  const [{ loadScenarioText }, { formatProblem }] = await Promise.all([import('../../scenarios/load.js'), import('../../scenarios/problems.js')]);
  const r = loadScenarioText(text, file, resolvePath(file, '..'));
  if (!r.ok) throw new Error(r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n'));
  return r.value.model;
}

function remember(file: string, text: string, model: ScenarioModel): void {
  if (bases.size > 4) bases.clear();
  bases.set(`${file}\0${text}`, model);
}

/**
 * The base scenario of a run: this thread's copy, else the loading thread's image of it (a worker
 * takes the 14,713-object catalog in ~30 ms instead of ~150-200 ms parsing the YAML and the catalogs
 * again), else loaded from the text.
 */
export async function baseModel(file: string, text: string, image?: Uint8Array): Promise<ScenarioModel> {
  let m = bases.get(`${file}\0${text}`);
  if (!m) {
    m = image ? (deserialize(image) as ScenarioModel) : await load(file, text);
    remember(file, text, m);
  }
  return m;
}

/** Prepared orbits by the objects they were read for: this thread's runs of one scenario read the cache file once. */
const preparedByObjects = new WeakMap<readonly unknown[], PreparedOrbits>();

async function preparedFor(model: ScenarioModel): Promise<PreparedOrbits> {
  let p = preparedByObjects.get(model.objects);
  if (!p) {
    p = (await preparedOrbitsFor(model)).prepared;
    preparedByObjects.set(model.objects, p);
  }
  return p;
}

/**
 * The runs' view of a scenario this thread loaded from `path` (loadScenarioFile(path): the same name and
 * folder a run loads it with, so the same model): its file and text for the tasks, this thread's copy
 * kept, and an image of the model in shared memory for the workers. The model is plain data (objects,
 * arrays, numbers, strings), which v8's serializer carries exactly.
 */
export function shareBase(path: string, loaded: LoadResult): { file: string; text: string; image: Uint8Array } {
  const text = loaded.sources.get(path);
  if (text === undefined) throw new Error(`vigil: the loaded scenario has no text under '${path}'`);
  remember(path, text, loaded.model);
  const bytes = serialize(loaded.model);
  const image = new Uint8Array(new SharedArrayBuffer(bytes.length));
  image.set(bytes);
  return { file: path, text, image };
}

export async function runOne(task: RunTask): Promise<RunRow> {
  if (running) throw new Error('vigil: runOne called again before the last run of this thread finished (the thread\'s arena lends one run at a time)');
  running = true;
  try {
    return await runWithArena(task);
  } finally {
    running = false;
  }
}

async function runWithArena(task: RunTask): Promise<RunRow> {
  const base = await baseModel(task.file, task.text, task.image);
  const draws = base.montecarlo ? await import('./draws.js') : null;
  const params = draws && base.montecarlo ? draws.drawRun(base.montecarlo, task.seed, task.run) : {};
  const row: RunRow = { run: task.run, seed: task.seed, params, metrics: {}, stateHash: '', ticks: 0, error: null };
  let model = base;
  if (draws && base.montecarlo && base.montecarlo.parameters.length > 0) {
    try {
      model = await load(task.file, draws.applyDraws(task.text, base.montecarlo, params));
    } catch (e) {
      row.error = `run ${task.run}: the drawn values do not make a valid scenario (${Object.entries(params).map(([k, v]) => `${k} = ${String(v)}`).join(', ')}):\n${(e as Error).message}`;
      return row;
    }
  }
  const without = task.withoutAgreements.includes('all') ? model.agreements.map((a) => a.id) : task.withoutAgreements;
  if (without.length > 0) model = { ...model, agreements: model.agreements.filter((a) => !without.includes(a.id)) };
  const out = task.withoutNations ?? [];
  if (out.length > 0) model = withoutContributions(model, out);
  // A shared ephemeris carries the objects' prepared structs.
  const prepared = task.cache && !task.ephemeris ? await preparedFor(model) : undefined;
  const sim = await createSim(model, { seed: task.seed, runIndex: task.run, prepared, ephemeris: task.ephemeris, arena });
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
    // Nothing of the sim outlives this: the row holds numbers and strings.
    arena.reclaim();
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
