/**
 * Prepared orbits: every object's SGP4 state initialised once and kept as the bytes of satellite.js's
 * WASM `elsetrec` struct. Initialising satrecs is most of a large scenario's start-up (~0.45 s cold for
 * the 14,713-object catalog, much of it garbage collection inside sgp4init); the result depends only on
 * the orbit sources and the satellite.js build, never on the seed. So it is computed once and shared:
 * the CLI keeps it in a cache file between runs, and batch workers will share it in a SharedArrayBuffer
 * (ARCHITECTURE.md, "share what is deterministic"). Loading prepared bytes is a memory copy.
 *
 * A sim given prepared orbits propagates bit for bit like one that initialises its own satrecs
 * (test/engine/prepared.test.ts).
 */
import { createHash } from 'node:crypto';
import type { OrbitalObjectModel } from '../model.js';
import { satrecFrom } from '../physics/orbit-sources.js';
import { wasmRuntime } from './wasm.js';
import { writeSatrecs } from './wasm-upload.js';

/** satellite.js release the prepared bytes come from (package.json pins it; a test checks the two agree). */
export const SATELLITE_JS_VERSION = '7.1.0';

export interface PreparedOrbits {
  /** satellite.js version and elsetrec layout (JSON) the bytes follow: bytes of another layout are refused. */
  readonly signature: string;
  readonly structBytes: number;
  /** `count * structBytes` bytes; object i of the scenario (model.objects[i]) starts at i * structBytes. */
  readonly bytes: Uint8Array;
  readonly count: number;
  /** sha256 of the orbit sources, in order (orbitSourcesHash): the objects the bytes belong to. */
  readonly sourcesHash: string;
}

/** Hashes already computed, by objects list (a model's list is never mutated: it is readonly data). */
const sourcesHashes = new WeakMap<readonly OrbitalObjectModel[], string>();

/** sha256 of the objects' orbit sources in scenario order: what prepared bytes are the bytes of. */
export function orbitSourcesHash(objects: readonly OrbitalObjectModel[]): string {
  let digest = sourcesHashes.get(objects);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const o of objects) hash.update(o.orbit.kind === 'tle' ? `\n${o.orbit.line1}\n${o.orbit.line2}` : `\n${JSON.stringify(o.orbit)}`);
    digest = hash.digest('hex');
    sourcesHashes.set(objects, digest);
  }
  return digest;
}

/** The signature prepared bytes must carry to be used by this process's WASM propagator. */
export async function preparedSignature(): Promise<{ signature: string; structBytes: number }> {
  const { plan } = await wasmRuntime();
  return { signature: `satellite.js@${SATELLITE_JS_VERSION}\n${plan.layout}`, structBytes: plan.structBytes };
}

/**
 * Initialise every object's satrec and write its struct. `shared` puts the bytes in a SharedArrayBuffer
 * so worker threads can read them without a copy.
 */
export async function prepareOrbits(objects: readonly OrbitalObjectModel[], shared = false): Promise<PreparedOrbits> {
  const { plan } = await wasmRuntime();
  const { signature, structBytes } = await preparedSignature();
  const length = objects.length * structBytes;
  const buffer = shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length);
  writeSatrecs(buffer, plan, 0, objects.map((o) => satrecFrom(o.orbit)));
  return { signature, structBytes, bytes: new Uint8Array(buffer), count: objects.length, sourcesHash: orbitSourcesHash(objects) };
}
