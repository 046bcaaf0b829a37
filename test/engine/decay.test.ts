/** A decayed or failing satrec becomes an event and the object leaves the sim: never an exception. */
import { describe, expect, it } from 'vitest';
import { createSim, LIVE_NONE, step, summarize } from '../../engine/index.js';
import type { OrbitalObjectModel, ScenarioModel } from '../../engine/model.js';
import { NO_COUNTERSPACE } from '../../engine/model-counterspace.js';

const EPOCH_MS = Date.UTC(2026, 2, 19, 0, 0, 0);

function object(id: string, aKm: number, bstar: number): OrbitalObjectModel {
  const meanMotionRevPerDay = (Math.sqrt(398600.8 / aKm ** 3) * 86400) / (2 * Math.PI);
  return {
    id,
    name: id,
    noradId: null,
    owner: null,
    kind: 'payload',
    rcsM2: null, standardMagnitude: null, catalogued: true, marking: null, constellation: null,
    origin: 'test',
    orbit: { kind: 'elements', elements: { epochMs: EPOCH_MS, meanMotionRevPerDay, eccentricity: 0.001, inclinationDeg: 51.6, raanDeg: 0, argPerigeeDeg: 0, meanAnomalyDeg: 0, bstarPerEarthRadius: bstar, noradId: 0 } },
  };
}

function model(objects: OrbitalObjectModel[]): ScenarioModel {
  return {
    name: 'decay',
    marking: 'UNCLASSIFIED // EXERCISE',
    epochMs: EPOCH_MS,
    stepMs: 60_000,
    durationMs: 30 * 86_400_000,
    seed: 1,
    classificationLevels: ['UNCLASSIFIED'],
    nations: [],
    coalitions: [],
    objects,
    sites: [],
    sensors: [],
    agreements: [],
    transponders: [],
    terminals: [],
    jammers: [],
    receivers: [],
    counterspace: NO_COUNTERSPACE,
    metrics: [],
    montecarlo: null,
    injects: [],
    limits: { entitiesMax: 100, eventsMax: 1000, observationsPerStepMax: 1000, sharedItemsInFlightMax: 1000 },
    tracking: { uncertaintyKmInitial: 1, uncertaintyGrowthKmPerHour: 2, custodyKmMax: 10, correlationReports: 3, interest: null },
    live: LIVE_NONE,
    contentHash: 'test',
  };
}

describe.each(['wasm', 'js'] as const)('objects leaving the sim (%s propagator)', (propagator) => {
  it('reloads the propagator once half the slots are dead, and the survivors fly on unchanged', async () => {
    const survivors = [object('leo', 7000, 0), object('meo', 26_560, 0)];
    const doomed = ['s1', 's2', 's3', 's4'].map((id) => object(id, 6300, 0));
    const sim = await createSim(model([survivors[0], ...doomed, survivors[1]]), { propagator });
    expect(sim.events.since(0).filter((e) => e.kind === 'object-left')).toHaveLength(4);
    step(sim);
    // 4 of 6 slots died: the next refresh reloaded just the two survivors.
    expect(sim.slots).toHaveLength(2);
    expect(sim.deadSlots).toBe(0);
    const alone = await createSim(model(survivors), { propagator });
    while (alone.tick < 100) step(alone);
    while (sim.tick < 100) step(sim);
    for (const id of ['leo', 'meo']) {
      const a = 3 * sim.eidById.get(id)!;
      const b = 3 * alone.eidById.get(id)!;
      expect(Array.from(sim.c.Kinematics.posTemeKm.subarray(a, a + 3))).toEqual(Array.from(alone.c.Kinematics.posTemeKm.subarray(b, b + 3)));
    }
  });

  it('an orbit SGP4 turns into NaN without an error code leaves as propagation-failed', async () => {
    const nan = { ...object('nan', 7000, 0), orbit: { kind: 'omm' as const, omm: { OBJECT_NAME: 'NAN', OBJECT_ID: 'X', EPOCH: '2026-03-19T00:00:00', MEAN_MOTION: 15, ECCENTRICITY: 0.001, INCLINATION: 51, RA_OF_ASC_NODE: 0, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0, NORAD_CAT_ID: 1, ELEMENT_SET_NO: 1, BSTAR: 'x', MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0 } } };
    const sim = await createSim(model([object('ok', 7000, 0), nan]), { propagator });
    const left = sim.events.since(0).filter((e) => e.kind === 'object-left');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ subjects: ['nan'], payload: { reason: 'propagation-failed' } });
    expect(sim.order.orbiters).toHaveLength(1);
  });

  it('an orbit beyond 2,000,000 km (SGP4 accepts it, no Earth orbit goes there) leaves as propagation-failed', async () => {
    // a = 3,000,000 km (a mean motion of ~0.0013 rev/day): SGP4 propagates it without an error code.
    const far = object('far', 3_000_000, 0);
    const sim = await createSim(model([object('ok', 7000, 0), far]), { propagator });
    const left = sim.events.since(0).filter((e) => e.kind === 'object-left');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ subjects: ['far'], payload: { reason: 'propagation-failed', errorCode: 0 } });
    expect(String((left[0].payload as { message: string }).message)).toContain('beyond 2,000,000 km');
  });

  it('removes an object below the surface at tick 0 with an object-left event', async () => {
    // a = 6,300 km is inside the Earth (6,378 km): SGP4 reports error 6 (decayed) at once.
    const sim = await createSim(model([object('healthy', 7000, 0), object('sunk', 6300, 0)]), { propagator });
    const left = sim.events.since(0).filter((e) => e.kind === 'object-left');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ tick: 0, subjects: ['sunk'], payload: { reason: 'decayed', errorCode: 6 } });
    expect(sim.order.orbiters).toHaveLength(1);
    expect(sim.eidById.has('sunk')).toBe(false);
  });

  it('removes a low, high-drag object when it decays mid-run, and keeps stepping the others', async () => {
    // 200 km altitude and a very large B* (0.5 /earth radii): SGP4 decays it within days.
    const sim = await createSim(model([object('high', 7000, 0), object('low', 6578, 0.5)]), { propagator });
    let tickLeft = -1;
    while (sim.tick < 30 * 1440 && tickLeft < 0) {
      step(sim);
      const e = sim.events.since(0).find((x) => x.kind === 'object-left');
      if (e) tickLeft = e.tick;
    }
    expect(tickLeft).toBeGreaterThan(0);
    const summary = summarize(sim);
    expect(summary.objects).toMatchObject({ initial: 2, active: 1, left: 1 });
    for (let i = 0; i < 10; i++) step(sim);
    expect(sim.order.orbiters).toHaveLength(1);
    // The survivor is still propagated right after the removal (its slot did not shift).
    const alone = await createSim(model([object('high', 7000, 0)]), { propagator });
    while (alone.tick < sim.tick) step(alone);
    const k = 3 * sim.eidById.get('high')!;
    const j = 3 * alone.eidById.get('high')!;
    expect(Array.from(sim.c.Kinematics.posTemeKm.subarray(k, k + 3))).toEqual(Array.from(alone.c.Kinematics.posTemeKm.subarray(j, j + 3)));
  });
});
