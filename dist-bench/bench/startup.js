/**
 * Start-up cost, cold: each sample is a fresh `node` process (startup-child.ts), because repeats in one
 * process run JIT-compiled code and hide the warm-up a real `vigil run` pays. The two child modes are
 * interleaved (sim, parts, sim, parts...) so machine noise hits both alike; medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { STARTUP_CHILD } from './paths.js';
import { spread } from './stats.js';
export const STARTUP_TARGET_MS = 500;
function runChild(mode, scenario) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [STARTUP_CHILD, mode, scenario], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const wallMs = performance.now() - t;
    if (r.status !== 0)
        throw new Error(`start-up child (${mode}) failed with status ${r.status}: ${r.stderr}`);
    const line = r.stdout.trim().split('\n').pop() ?? '';
    return { out: JSON.parse(line), wallMs };
}
export function measureStartup(scenario, children, log) {
    const sim = [];
    const parts = [];
    const wall = [];
    for (let i = 0; i < children; i++) {
        const a = runChild('sim', scenario);
        sim.push(a.out);
        wall.push(a.wallMs);
        parts.push(runChild('parts', scenario).out);
        log(`  start-up child ${i + 1}/${children}: load ${Number(a.out.loadScenarioMs).toFixed(0)} ms, createSim ${Number(a.out.createSimMs).toFixed(0)} ms`);
    }
    const col = (rows, key) => rows.map((r) => Number(r[key]));
    const parseInit = sim.map((r) => Number(r.loadScenarioMs) + Number(r.createSimMs));
    const parseInitMs = spread(parseInit);
    return {
        children,
        objects: Number(sim[0]?.objects),
        loadScenarioMs: spread(col(sim, 'loadScenarioMs')),
        createSimMs: spread(col(sim, 'createSimMs')),
        parseInitMs,
        targetMs: STARTUP_TARGET_MS,
        targetMet: parseInitMs.median < STARTUP_TARGET_MS,
        importLoaderMs: spread(col(sim, 'importLoaderMs')),
        importEngineMs: spread(col(sim, 'importEngineMs')),
        processWallMs: spread(wall),
        parts: {
            satrecInitMs: spread(col(parts, 'satrecInitMs')),
            wasmInstantiateMs: spread(col(parts, 'wasmInstantiateMs')),
            wasmUploadMs: spread(col(parts, 'wasmUploadMs')),
        },
    };
}
//# sourceMappingURL=startup.js.map