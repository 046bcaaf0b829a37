/** The batch pool's worker (piscina): a task is one run (run-one.ts) or a range of ticks of what the runs share (fill.ts). */
import { preloadWasm, type ViewsPart } from '../../engine/index.js';
import { isPrepareTask, runPrepareTask, type PrepareTask } from './fill.js';
import { runOne, type RunRow, type RunTask } from './run-one.js';

preloadWasm();

export default function runTask(task: RunTask | PrepareTask): Promise<RunRow | ViewsPart | null> {
  return isPrepareTask(task) ? runPrepareTask(task) : runOne(task);
}
