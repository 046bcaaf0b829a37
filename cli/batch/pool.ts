/**
 * The batch's pool: tasks run in worker threads (piscina, cli/batch/worker.ts), or in this thread when
 * there is one worker (the same code, no thread start-up). What the runs share is computed on the
 * workers first (fill.ts): the ephemeris split over all of them, then the ground sensors' views on all
 * but one, which starts the runs. Rows come back as they finish; the caller orders them. Ctrl-C or
 * SIGTERM aborts the pool and returns the signal; finished rows are kept.
 */
import { setMaxListeners } from 'node:events';
import { SingleBar } from 'cli-progress';
import { Piscina } from 'piscina';
import type { ViewsPart } from '../../engine/index.js';
import { fillShared, runPrepareTask, viewsShared, type PrepareTask } from './fill.js';
import { runOne, type RunRow, type RunTask } from './run-one.js';

/**
 * Run `tasks` on `workers` threads, calling `onRow(row, k)` (k: the task's index) as each finishes.
 * Returns the signal that stopped it, or null.
 */
export async function runPool(tasks: readonly RunTask[], workers: number, onRow: (row: RunRow, k: number) => void, progress: boolean): Promise<'SIGINT' | 'SIGTERM' | null> {
  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  const abort = new AbortController();
  // One listener per queued task: the count is the batch's size, not a leak.
  setMaxListeners(0, abort.signal);
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    interrupted ??= signal;
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = progress ? new SingleBar({ format: 'batch [{bar}] {percentage}% | run {value}/{total} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(tasks.length, 0);
  let finished = 0;
  const finish = (row: RunRow, k: number) => {
    onRow(row, k);
    bar?.update(++finished);
  };
  try {
    if (workers === 1) {
      await fillShared(tasks, 1, runPrepareTask);
      await viewsShared(tasks, 1, runPrepareTask);
      for (let k = 0; k < tasks.length; k++) {
        if (interrupted) break;
        finish(await runOne(tasks[k]), k);
        // Let a pending signal reach its handler between runs.
        await new Promise((r) => setImmediate(r));
      }
    } else {
      const pool = new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
      try {
        const exec = (t: PrepareTask) => pool.run(t, { signal: abort.signal }) as Promise<ViewsPart | null>;
        const unlessAborted = (e: unknown) => {
          if (!abort.signal.aborted) throw e;
        };
        await fillShared(tasks, workers, exec).catch(unlessAborted);
        // The views on all workers but one; that one starts the runs (queued behind, they take the views once made).
        const views = abort.signal.aborted ? Promise.resolve() : viewsShared(tasks, workers - 1, exec).catch(unlessAborted);
        if (!abort.signal.aborted) await Promise.all([views, ...tasks.map(async (task, k) => {
          try {
            finish(await pool.run(task, { signal: abort.signal }) as RunRow, k);
          } catch (e) {
            if (!abort.signal.aborted) throw e;
          }
        })]);
      } finally {
        await pool.destroy();
      }
    }
  } finally {
    bar?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return interrupted;
}
