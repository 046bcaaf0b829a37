import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILES_MAX, cacheDir, preparedOrbitsFor } from '../../cli/orbit-cache.js';
import { SATELLITE_JS_VERSION } from '../../engine/index.js';
import { loadModel, ROOT, SCENARIOS } from '../helpers.js';
import { readFileSync } from 'node:fs';

describe('prepared-orbit cache', () => {
  it('misses, stores, then hits with identical bytes; a truncated file is rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cache-'));
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const first = await preparedOrbitsFor(model, dir);
    expect(first.hit).toBe(false);
    const second = await preparedOrbitsFor(model, dir);
    expect(second.hit).toBe(true);
    expect(Buffer.from(second.prepared.bytes).equals(Buffer.from(first.prepared.bytes))).toBe(true);
    writeFileSync(second.file!, 'short');
    expect((await preparedOrbitsFor(model, dir)).hit).toBe(false);
    // Another orbit set is another file.
    const other = await preparedOrbitsFor({ ...model, objects: model.objects.slice(0, 2) }, dir);
    expect(other.file).not.toBe(first.file);
  });

  it(`keeps at most ${CACHE_FILES_MAX} files`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cache-'));
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    for (let n = 0; n < CACHE_FILES_MAX + 3; n++) {
      const objects = model.objects.map((o, i) => (i === 2 && o.orbit.kind === 'elements' ? { ...o, orbit: { ...o.orbit, elements: { ...o.orbit.elements, meanAnomalyDeg: n } } } : o));
      await preparedOrbitsFor({ ...model, objects }, dir);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(CACHE_FILES_MAX);
  });

  it('a cache it cannot write costs nothing but time', async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    // A folder inside a plain file cannot be created.
    const blocker = join(mkdtempSync(join(tmpdir(), 'vigil-cache-')), 'file');
    writeFileSync(blocker, 'x');
    const r = await preparedOrbitsFor(model, join(blocker, 'cache'));
    expect(r.hit).toBe(false);
    expect(r.file).toBeNull();
    expect(r.prepared.count).toBe(3);
  });

  it('lives in VIGIL_CACHE_DIR, else XDG_CACHE_HOME/vigil, else ~/.cache/vigil', () => {
    expect(cacheDir({ VIGIL_CACHE_DIR: '/x' })).toBe('/x');
    expect(cacheDir({ XDG_CACHE_HOME: '/y' })).toBe('/y/vigil');
    expect(cacheDir({})).toMatch(/\.cache\/vigil$/);
  });

  it('names the satellite.js release package.json pins and node_modules holds', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/satellite.js/package.json'), 'utf8'));
    expect(pkg.dependencies['satellite.js']).toBe(SATELLITE_JS_VERSION);
    expect(installed.version).toBe(SATELLITE_JS_VERSION);
  });
});
