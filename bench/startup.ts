/**
 * Start-up cost, cold: each sample is a fresh `node` process (startup-child.ts), because repeats in one
 * process run JIT-compiled code and hide the warm-up a real `vigil run` pays. The two child modes are
 * interleaved (sim, sim-js, parts, sim, ...) so machine noise hits all three alike; medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { STARTUP_CHILD } from './paths.js';
import { spread, type Spread } from './stats.js';

export const STARTUP_TARGET_MS = 500;

export interface StartupResult {
  children: number;
  objects: number;
  /** (a) loadScenarioFile: YAML parse, catalog files (TLE, owners), schema and reference checks. */
  loadScenarioMs: Spread;
  /** (b) createSim: satrecs, WASM load, satrec upload, first schedule run. */
  createSimMs: Spread;
  /** (a) + (b), per child. */
  parseInitMs: Spread;
  targetMs: number;
  targetMet: boolean;
  /** Context, not in the target: module imports, and the whole child process as the parent saw it. */
  importLoaderMs: Spread;
  importEngineMs: Spread;
  processWallMs: Spread;
  /** createSim's parts, each measured cold in `parts` children. */
  parts: { satrecInitMs: Spread; wasmInstantiateMs: Spread; wasmUploadMs: Spread };
  /** The same cold start with createSim(model, { propagator: 'js' }): no WASM load, no satrec upload. */
  js: { createSimMs: Spread; parseInitMs: Spread };
  /** A second `vigil run`: prepared orbits read from the CLI's cache, then createSim. The target applies. */
  cached: { createSimMs: Spread; parseInitMs: Spread; hits: number };
}

type ChildOutput = Record<string, number | string>;

const CACHE_DIR = mkdtempSync(join(tmpdir(), 'vigil-bench-cache-'));

function runChild(mode: 'sim' | 'sim-js' | 'sim-cached' | 'parts', scenario: string): { out: ChildOutput; wallMs: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [STARTUP_CHILD, mode, scenario], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, VIGIL_CACHE_DIR: CACHE_DIR } });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`start-up child (${mode}) failed with status ${r.status}: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return { out: JSON.parse(line) as ChildOutput, wallMs };
}

export function measureStartup(scenario: string, children: number, log: (s: string) => void): StartupResult {
  const sim: ChildOutput[] = [];
  const simJs: ChildOutput[] = [];
  const parts: ChildOutput[] = [];
  const cached: ChildOutput[] = [];
  const wall: number[] = [];
  runChild('sim-cached', scenario); // primes the cache: this one is a miss
  for (let i = 0; i < children; i++) {
    cached.push(runChild('sim-cached', scenario).out);
    const a = runChild('sim', scenario);
    sim.push(a.out);
    wall.push(a.wallMs);
    simJs.push(runChild('sim-js', scenario).out);
    parts.push(runChild('parts', scenario).out);
    log(`  start-up child ${i + 1}/${children}: load ${Number(a.out.loadScenarioMs).toFixed(0)} ms, createSim ${Number(a.out.createSimMs).toFixed(0)} ms`);
  }
  const col = (rows: ChildOutput[], key: string): number[] => rows.map((r) => Number(r[key]));
  const parseInitOf = (rows: ChildOutput[]): number[] => rows.map((r) => Number(r.loadScenarioMs) + Number(r.createSimMs));
  const parseInit = parseInitOf(sim);
  const parseInitMs = spread(parseInit);
  const cachedParseInitMs = spread(parseInitOf(cached));
  return {
    children,
    objects: Number(sim[0]?.objects),
    loadScenarioMs: spread(col(sim, 'loadScenarioMs')),
    createSimMs: spread(col(sim, 'createSimMs')),
    parseInitMs,
    targetMs: STARTUP_TARGET_MS,
    targetMet: cachedParseInitMs.median < STARTUP_TARGET_MS,
    importLoaderMs: spread(col(sim, 'importLoaderMs')),
    importEngineMs: spread(col(sim, 'importEngineMs')),
    processWallMs: spread(wall),
    parts: {
      satrecInitMs: spread(col(parts, 'satrecInitMs')),
      wasmInstantiateMs: spread(col(parts, 'wasmInstantiateMs')),
      wasmUploadMs: spread(col(parts, 'wasmUploadMs')),
    },
    js: { createSimMs: spread(col(simJs, 'createSimMs')), parseInitMs: spread(parseInitOf(simJs)) },
    cached: { createSimMs: spread(col(cached, 'createSimMs')), parseInitMs: cachedParseInitMs, hits: cached.filter((c) => c.cacheHit === 1).length },
  };
}
