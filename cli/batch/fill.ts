/**
 * Preparing what a batch's runs share, on the batch's own workers, before the runs: the shared
 * ephemeris (engine/propagators/ephemeris.ts), then the ground sensors' shared views over it
 * (engine/sensors/shared-views.ts). The ephemeris is split into one contiguous range of ticks per
 * worker, each range a pool task, so it fills on every core (on one core it would be the batch's serial
 * part: ~0.45 s of SGP4 for the 14,713-object catalog over 60 ticks, twice a run that reads it); the
 * views go to all workers but one, which starts the runs meanwhile. Which worker computes which ticks
 * changes how fast, never what: every tick is the same bits from whichever thread, and a run gives the
 * same results with the views or without.
 *
 * Read next: pool.ts (who sends these tasks), worker.ts (who runs them).
 */
import { assembleViews, fillEphemeris, satrecFrom, sharedViewsPart, unfilledRanges, type Ephemeris, type ViewsPart } from '../../engine/index.js';
import { baseModel, type RunTask } from './run-one.js';

/** A range of ticks of a shared ephemeris to propagate ('fill') or to compute the views of ('views'). */
export interface PrepareTask {
  kind: 'fill' | 'views';
  /** The scenario (the worker's copy gives the orbits, the sensors and the sites). */
  file: string;
  text: string;
  image?: Uint8Array;
  ephemeris: Ephemeris;
  from: number;
  to: number;
}

/** [from, to) split into at most `parts` ranges of about equal length. */
function split(from: number, to: number, parts: number): { from: number; to: number }[] {
  const n = to - from;
  const k = Math.max(1, Math.min(parts, n));
  const out: { from: number; to: number }[] = [];
  for (let j = 0; j < k; j++) {
    const a = from + Math.floor((n * j) / k), b = from + Math.floor((n * (j + 1)) / k);
    if (b > a) out.push({ from: a, to: b });
  }
  return out;
}

export async function runPrepareTask(task: PrepareTask): Promise<ViewsPart | null> {
  // The worker's copy of the scenario (its views task needs it next, on the same thread).
  const model = await baseModel(task.file, task.text, task.image);
  if (task.kind === 'fill') {
    // Prepared structs load with one copy; without them the scenario gives every orbit.
    await fillEphemeris(task.ephemeris, task.from, task.to, (i) => satrecFrom(model.objects[i].orbit));
    return null;
  }
  return sharedViewsPart(model, task.ephemeris, task.from, task.to);
}

export function isPrepareTask(task: object): task is PrepareTask {
  const kind = (task as { kind?: unknown }).kind;
  return kind === 'fill' || kind === 'views';
}

/** Each shared ephemeris the tasks read, once, with a task that reads it (its scenario). */
function sharedOf(tasks: readonly RunTask[]): { eph: Ephemeris; of: (kind: PrepareTask['kind'], r: { from: number; to: number }) => PrepareTask }[] {
  const seen = new Set<Ephemeris>();
  const out: ReturnType<typeof sharedOf> = [];
  for (const t of tasks) {
    const eph = t.ephemeris;
    if (!eph || seen.has(eph)) continue;
    seen.add(eph);
    out.push({ eph, of: (kind, r) => ({ kind, file: t.file, text: t.text, image: t.image, ephemeris: eph, ...r }) });
  }
  return out;
}

/** Fill every shared ephemeris the tasks read, `parts` tasks at a time through `exec` (the pool, or this thread). */
export async function fillShared(tasks: readonly RunTask[], parts: number, exec: (t: PrepareTask) => Promise<ViewsPart | null>): Promise<void> {
  for (const { eph, of } of sharedOf(tasks)) {
    await Promise.all(unfilledRanges(eph).flatMap((r) => split(r.from, r.to, parts)).map((r) => exec(of('fill', r))));
  }
}

/**
 * Compute the views of every filled shared ephemeris, in `parts` tasks through `exec`. They go into the
 * ephemeris, for the run tasks sent after; a run sent before scans the catalog itself, to the same
 * result (a pool with two workers starts its runs on one while the other computes the views: split in
 * two, each half would cost a worker its own sim of the scenario, and together more than the whole).
 */
export async function viewsShared(tasks: readonly RunTask[], parts: number, exec: (t: PrepareTask) => Promise<ViewsPart | null>): Promise<void> {
  // Every ephemeris's parts are sent at once (a comparison has two), ahead of the runs queued after.
  await Promise.all(sharedOf(tasks).filter(({ eph }) => eph.views === null).map(async ({ eph, of }) => {
    const views = await Promise.all(split(0, eph.ticks, parts).map((r) => exec(of('views', r))));
    eph.views = assembleViews(eph.ticks, views.filter((v): v is ViewsPart => v !== null));
  }));
}
