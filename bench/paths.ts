/** Where things are: the bench runs compiled from dist-bench/bench/, the repository root is two up. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(BENCH_DIR, '..', '..');
export const CATALOG_SCENARIO = resolve(REPO_ROOT, 'scenarios', 'catalog-2026-03.yaml');
export const RESULTS_DIR = resolve(REPO_ROOT, 'bench', 'results');
/** The compiled cold-start child script (sits next to this file in dist-bench/bench/). */
export const STARTUP_CHILD = resolve(BENCH_DIR, 'startup-child.js');
/** The compiled sensing child script (sensors.ts runs its measurement in a fresh process). */
export const SENSORS_CHILD = resolve(BENCH_DIR, 'sensors-child.js');
/** The compiled breakup child script (breakup.ts runs its measurement in a fresh process). */
export const BREAKUP_CHILD = resolve(BENCH_DIR, 'breakup-child.js');
/** The compiled EW/PNT child script (ew.ts runs its measurement in a fresh process). */
export const EW_CHILD = resolve(BENCH_DIR, 'ew-child.js');
/** Scenario files, and the two EW scenarios the EW bench builds its model from. */
export const SCENARIOS_DIR = resolve(REPO_ROOT, 'scenarios');
export const SATCOM_SCENARIO = resolve(SCENARIOS_DIR, 'satcom-jamming.yaml');
export const GNSS_SCENARIO = resolve(SCENARIOS_DIR, 'gnss-denial.yaml');
/** The compiled batch child script (batch.ts runs its measurement in a fresh process). */
export const BATCH_CHILD = resolve(BENCH_DIR, 'batch-child.js');
/** The batch pool's worker, compiled into dist-bench with the bench (batch.ts imports its type to put it in the program). */
export const BATCH_WORKER = resolve(BENCH_DIR, '..', 'cli', 'batch', 'worker.js');
/** The compiled live-server child script (serve.ts runs its measurement in a fresh process). */
export const SERVE_CHILD = resolve(BENCH_DIR, 'serve-child.js');
