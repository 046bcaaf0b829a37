/**
 * A bench section's own folder in the temporary directory, with the orbit cache in it (VIGIL_CACHE_DIR
 * set to <folder>/cache for this process and the worker threads and children it starts), removed and the
 * variable restored when the section ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempCache<T>(prefix: string, body: (work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const before = process.env.VIGIL_CACHE_DIR;
  process.env.VIGIL_CACHE_DIR = join(work, 'cache');
  try {
    return await body(work);
  } finally {
    if (before === undefined) delete process.env.VIGIL_CACHE_DIR;
    else process.env.VIGIL_CACHE_DIR = before;
    rmSync(work, { recursive: true, force: true });
  }
}
