/**
 * The sensing measurement (sensors.ts) in a fresh `node` process, so it runs as a real `vigil run` does
 * (one sim in the heap) and not after the stepping part's sims: measured here, the same loops ran 1.3-2x
 * slower in the bench's main process after stepping (the bare reference loop too), with wider spreads.
 * Usage: node --expose-gc sensors-child.js <scenario.yaml> '<SensorsConfig as JSON>'. Progress goes to
 * stderr; the result is the last line of stdout, as JSON.
 */
import { loadScenarioFile } from '../scenarios/load.js';
import { measureSensors, type SensorsConfig } from './sensors.js';

async function main(): Promise<void> {
  const [scenarioPath, configJson] = process.argv.slice(2);
  if (!scenarioPath || !configJson) throw new Error("usage: sensors-child.js <scenario.yaml> '<config json>'");
  const config = JSON.parse(configJson) as SensorsConfig;
  const loaded = loadScenarioFile(scenarioPath);
  if (!loaded.ok) throw new Error(`scenario did not load: ${loaded.value.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  const result = await measureSensors(loaded.value.model, config, (s) => void process.stderr.write(`${s}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`sensors child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
