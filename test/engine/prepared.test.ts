/**
 * Prepared orbits (the struct bytes of every object, computed once) give the same run bit for bit as a
 * sim that initialises its own satrecs; bytes prepared for another layout or scenario are refused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSim, prepareOrbits, stateHash, step } from '../../engine/index.js';
import { hashSequence, loadModel, SCENARIOS } from '../helpers.js';

describe('prepared orbits', () => {
  it('give the same hash sequence as satrecs initialised by the sim (real catalog, 50 ticks)', async () => {
    const model = loadModel(join(SCENARIOS, 'catalog-2026-03.yaml'));
    const prepared = await prepareOrbits(model.objects, true);
    expect(prepared.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const sim = await createSim(model, { prepared });
    expect(sim.prepared).toBe(prepared);
    // The sim never built the JavaScript satrecs of its catalog.
    expect(sim.c.Orbit.satrec.filter(Boolean)).toHaveLength(0);
    const withPrepared = [stateHash(sim)];
    while (sim.tick < 50) {
      step(sim);
      withPrepared.push(stateHash(sim));
    }
    expect(withPrepared).toEqual(await hashSequence(model, 50));
  });

  it('are refused when prepared for another scenario or another layout', async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const prepared = await prepareOrbits(model.objects);
    const other = await createSim({ ...model, objects: model.objects.slice(1) }, { prepared });
    expect(other.prepared).toBeNull();
    // Same count, other objects (the same ones in another order): refused by the sources hash.
    const reordered = await createSim({ ...model, objects: [...model.objects].reverse() }, { prepared });
    expect(reordered.prepared).toBeNull();
    const forged = await createSim(model, { prepared: { ...prepared, signature: 'satellite.js@0.0.0\n[]' } });
    expect(forged.prepared).toBeNull();
    expect(stateHash(forged)).toBe(stateHash(await createSim(model, { prepared })));
  });
});
