/**
 * The batch measurement (batch.ts) in a fresh `node` process, as sensors-child.ts does for sensing: the
 * pools' threads and the replicated runs start from a clean heap, not after the bench's earlier sections'
 * sims. Usage: node --expose-gc batch-child.js '<BatchConfig as JSON>'. Progress goes to stderr; the
 * result is the last line of stdout, as JSON.
 */
import { measureBatch, type BatchConfig } from './batch.js';

async function main(): Promise<void> {
  const [configJson] = process.argv.slice(2);
  if (!configJson) throw new Error("usage: batch-child.js '<config json>'");
  const config = JSON.parse(configJson) as BatchConfig;
  const result = await measureBatch(config, (s) => void process.stderr.write(`${s}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`batch child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
