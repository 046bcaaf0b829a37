/**
 * Preparing what a batch's runs share, on the batch's own workers, before the runs: the shared
 * ephemeris (engine/propagators/ephemeris.ts), then the ground sensors' shared views over it
 * (engine/sensors/shared-views.ts). Each is split into one contiguous range of ticks per worker, each
 * range a pool task, so both fill on every core (on one core they would be the batch's serial part:
 * ~0.4 s of SGP4 for the 14,713-object catalog over 60 ticks, longer than a run that reads them). Which worker computes
 * which ticks changes how fast, never what: every tick is the same bits from whichever thread.
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
  const model = () => baseModel(task.file, task.text, task.image);
  if (task.kind === 'fill') {
    // Prepared structs load with one copy; without them the worker's scenario gives every orbit.
    await fillEphemeris(task.ephemeris, task.from, task.to, (i) => satrecFrom(model().objects[i].orbit));
    return null;
  }
  return sharedViewsPart(model(), task.ephemeris, task.from, task.to);
}

export function isPrepareTask(task: object): task is PrepareTask {
  const kind = (task as { kind?: unknown }).kind;
  return kind === 'fill' || kind === 'views';
}

/**
 * Fill every shared ephemeris the tasks read and compute its views, `parts` tasks at a time through
 * `exec` (the pool, or this thread). The views go into the ephemeris, for the run tasks made after.
 */
export async function prepareShared(tasks: readonly RunTask[], parts: number, exec: (t: PrepareTask) => Promise<ViewsPart | null>): Promise<void> {
  const seen = new Set<Ephemeris>();
  for (const t of tasks) {
    const eph = t.ephemeris;
    if (!eph || seen.has(eph)) continue;
    seen.add(eph);
    const of = (kind: PrepareTask['kind'], r: { from: number; to: number }): PrepareTask => ({ kind, file: t.file, text: t.text, image: t.image, ephemeris: eph, ...r });
    await Promise.all(unfilledRanges(eph).flatMap((r) => split(r.from, r.to, parts)).map((r) => exec(of('fill', r))));
    if (eph.views === null) {
      const views = await Promise.all(split(0, eph.ticks, parts).map((r) => exec(of('views', r))));
      eph.views = assembleViews(eph.ticks, views.filter((v): v is ViewsPart => v !== null));
    }
  }
}
