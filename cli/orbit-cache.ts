/**
 * The CLI's cache of prepared orbits (engine/propagators/prepared.ts): one file per set of orbit sources,
 * named by the sha256 of (satellite.js version and struct layout, every object's orbit source), so a
 * changed catalog, scenario or library can never reuse stale bytes. Start-up on a cache hit is a file
 * read and a memory copy instead of initialising every satrec.
 *
 * Where: $VIGIL_CACHE_DIR, else $XDG_CACHE_HOME/vigil, else ~/.cache/vigil. At most CACHE_FILES_MAX
 * files are kept (oldest removed). A cache that cannot be read or written costs time, never a run.
 */
import { createHash } from 'node:crypto';
import { makeDirs } from './make-dirs.js';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { orbitSourcesHash, prepareOrbits, preparedSignature, type PreparedOrbits, type ScenarioModel } from '../engine/index.js';

export const CACHE_FILES_MAX = 8;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIL_CACHE_DIR) return env.VIGIL_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vigil');
}

export interface CacheOutcome {
  prepared: PreparedOrbits;
  hit: boolean;
  file: string | null;
}

/** Prepared orbits for the model's objects: from the cache when present, else prepared and stored. */
export async function preparedOrbitsFor(model: ScenarioModel, dir = cacheDir()): Promise<CacheOutcome> {
  const { signature, structBytes } = await preparedSignature();
  const sourcesHash = orbitSourcesHash(model.objects);
  const file = join(dir, `orbits-${createHash('sha256').update(signature).update(sourcesHash).digest('hex').slice(0, 32)}.bin`);
  const expectedBytes = model.objects.length * structBytes;
  try {
    const bytes = readFileSync(file);
    if (bytes.length === expectedBytes) {
      return { prepared: { signature, structBytes, count: model.objects.length, sourcesHash, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }, hit: true, file };
    }
  } catch {
    // No cache file yet (or unreadable): prepare below.
  }
  const prepared = await prepareOrbits(model.objects);
  return { prepared, hit: false, file: store(dir, file, prepared.bytes) ? file : null };
}

function store(dir: string, file: string, bytes: Uint8Array): boolean {
  try {
    makeDirs(dir);
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    prune(dir);
    return true;
  } catch {
    return false;
  }
}

function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^orbits-[0-9a-f]+\.bin$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(CACHE_FILES_MAX)) unlinkSync(join(dir, f));
}
