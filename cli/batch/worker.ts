/** The batch pool's worker (piscina): one task is one run (run-one.ts). */
import { preloadWasm } from '../../engine/index.js';
import { runOne, type RunRow, type RunTask } from './run-one.js';

preloadWasm();

export default function runTask(task: RunTask): Promise<RunRow> {
  return runOne(task);
}
