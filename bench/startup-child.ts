/**
 * Cold start-up, run in a fresh `node` process by startup.ts (never imported by the bench itself).
 * Usage: node startup-child.js <sim|sim-js|parts> <scenario.yaml>. Prints one JSON line of ms timings.
 *
 * - `sim`: what a real run does first: loadScenarioFile (YAML + catalogs + checks), then createSim
 *   (satrec init for every object, WASM SGP4 load, first schedule run).
 * - `sim-js`: the same with createSim(model, { propagator: 'js' }) (no WASM load, no satrec upload).
 * - `sim-cached`: what `vigil run` does from its second run on: the prepared orbits come from the CLI's
 *   cache file (VIGIL_CACHE_DIR, primed by the parent), then createSim(model, { prepared }).
 * - `parts`: the same scenario load, then createSim's main costs one by one, each cold: satrec init
 *   (satellite.js twoline2satrec / json2satrec for every object), WASM module instantiation, and the
 *   upload of every satrec into WASM memory (BulkPropagator.setSatRecs).
 *
 * Module imports are timed apart from parse + init (dynamic imports, so they are measured here).
 */
import { performance } from 'node:perf_hooks';

async function main(): Promise<void> {
  const [mode, scenarioPath] = process.argv.slice(2);
  if (!['sim', 'sim-js', 'sim-cached', 'parts'].includes(mode) || !scenarioPath) throw new Error('usage: startup-child.js <sim|sim-js|sim-cached|parts> <scenario.yaml>');
  const out: Record<string, number | string> = { mode, processStartToMainMs: performance.now() };

  let t = performance.now();
  if (mode === 'sim-cached') (await import('../engine/propagators/wasm.js')).preloadWasm(); // as `vigil run` does
  const { loadScenarioFile } = await import('../scenarios/load.js');
  out.importLoaderMs = performance.now() - t;

  t = performance.now();
  const loaded = loadScenarioFile(scenarioPath);
  out.loadScenarioMs = performance.now() - t;
  if (!loaded.ok) throw new Error(`scenario did not load: ${loaded.value.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  const model = loaded.value.model;
  out.objects = model.objects.length;

  t = performance.now();
  const engine = await import('../engine/index.js');
  out.importEngineMs = performance.now() - t;

  if (mode === 'sim-cached') {
    const { preparedOrbitsFor } = await import('../cli/orbit-cache.js');
    t = performance.now();
    const cached = await preparedOrbitsFor(model);
    const sim = await engine.createSim(model, { prepared: cached.prepared });
    out.createSimMs = performance.now() - t;
    out.cacheHit = cached.hit ? 1 : 0;
    out.orbiters = sim.order.orbiters.length;
    sim.propagator.dispose();
  } else if (mode === 'sim' || mode === 'sim-js') {
    t = performance.now();
    const sim = await engine.createSim(model, { propagator: mode === 'sim' ? 'wasm' : 'js' });
    out.createSimMs = performance.now() - t;
    out.orbiters = sim.order.orbiters.length;
    sim.propagator.dispose();
  } else {
    const satellite = await import('satellite.js');
    t = performance.now();
    const satrecs = model.objects.map((o) => engine.satrecFrom(o.orbit));
    out.satrecInitMs = performance.now() - t;
    t = performance.now();
    const runtime = await satellite.createSingleThreadRuntime();
    out.wasmInstantiateMs = performance.now() - t;
    t = performance.now();
    const bulk = new satellite.BulkPropagator({ runtime, calculators: [new satellite.EciBaseCalculator()] as const, satRecsCount: satrecs.length, datesCount: 1 });
    bulk.setSatRecs(satrecs);
    out.wasmUploadMs = performance.now() - t;
    bulk.dispose();
  }
  out.processStartToEndMs = performance.now();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
