/**
 * mkdir -p with a bound: Node 20's `mkdirSync(path, { recursive: true })` can spin forever on some
 * pseudo file systems (seen on /proc); this walks the path's ancestors itself, at most DEPTH_MAX levels.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const DEPTH_MAX = 64;

export function makeDirs(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (let depth = 0; depth < DEPTH_MAX; depth++) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`'${at}' exists and is not a folder`), { code: 'ENOTDIR' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (missing.length >= DEPTH_MAX) throw new Error(`'${path}' is more than ${DEPTH_MAX} folders deep`);
  for (const dir of missing.reverse()) mkdirSync(dir);
}
