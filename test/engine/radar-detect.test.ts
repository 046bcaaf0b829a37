/**
 * The radar hot loop against the reference frames (physics/frames.ts lookAngles on every object), on the
 * real catalog: the typed-array loop must count exactly the objects the reference says are in view.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSim, step, type Sim } from '../../engine/index.js';
import { DEG, lookAngles, temeToEcef, topocentre } from '../../engine/physics/frames.js';
import type { GroundSensorModel, ScenarioModel } from '../../engine/model.js';
import { loadModel, SCENARIOS } from '../helpers.js';

let model: ScenarioModel;
beforeAll(() => {
  model = loadModel(join(SCENARIOS, 'catalog-2026-03.yaml'));
});

function referenceInView(sim: Sim, sensorId: string): number {
  const sensor = sim.model.sensors.find((s) => s.id === sensorId) as GroundSensorModel;
  const site = sim.model.sites.find((s) => s.id === sensor.site)!;
  const topo = topocentre({ latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm });
  const azMin = sensor.azimuthDegMin * DEG;
  const azMax = sensor.azimuthDegMax * DEG;
  let n = 0;
  for (const eid of sim.order.orbiters) {
    const k = 3 * eid;
    const teme = { x: sim.c.Kinematics.posTemeKm[k], y: sim.c.Kinematics.posTemeKm[k + 1], z: sim.c.Kinematics.posTemeKm[k + 2] };
    const la = lookAngles(topo, temeToEcef(teme, sim.gmstRad));
    const azOk = sensor.azimuthDegMax - sensor.azimuthDegMin >= 360 || (azMin <= azMax ? la.azRad >= azMin && la.azRad <= azMax : la.azRad >= azMin || la.azRad <= azMax);
    if (la.elRad >= sensor.elevationDegMin * DEG && la.rangeKm <= sensor.rangeKmMax && azOk) n++;
  }
  return n;
}

describe('radar detection against the reference look angles (real catalog)', () => {
  it('counts exactly the objects in view, all-round and with azimuth windows, over several ticks', async () => {
    const sim = await createSim(model);
    for (let t = 0; t < 5; t++) {
      for (const sensor of model.sensors) {
        const eid = sim.eidById.get(sensor.id)!;
        expect(sim.c.Sensor.inViewCount[eid], `${sensor.id} at tick ${sim.tick}`).toBe(referenceInView(sim, sensor.id));
      }
      for (let i = 0; i < 37; i++) step(sim);
    }
    expect(Math.max(...model.sensors.map((s) => sim.c.Sensor.inViewCount[sim.eidById.get(s.id)!]))).toBeGreaterThan(100);
  });

  it('counts exactly with masks below the horizon and straight up too', async () => {
    for (const elevationDegMin of [-2, 0, 89.5]) {
      const sim = await createSim({ ...model, sensors: model.sensors.map((s) => ({ ...s, elevationDegMin })) });
      for (const sensor of model.sensors) {
        expect(sim.c.Sensor.inViewCount[sim.eidById.get(sensor.id)!], `${sensor.id} mask ${elevationDegMin}`).toBe(referenceInView(sim, sensor.id));
      }
    }
  });

  it('detects every object in view at probability 1 and none at probability 0', async () => {
    const certain = { ...model, sensors: model.sensors.map((s) => ({ ...s, detectionProbability: 1 })) };
    const blind = { ...model, sensors: model.sensors.map((s) => ({ ...s, detectionProbability: 0 })) };
    const a = await createSim(certain);
    const b = await createSim(blind);
    for (const s of model.sensors) {
      const ea = a.eidById.get(s.id)!;
      expect(a.c.Sensor.detectionsTotal[ea]).toBe(a.c.Sensor.inViewCount[ea]);
      expect(b.c.Sensor.detectionsTotal[b.eidById.get(s.id)!]).toBe(0);
    }
  });

  it('detects a fraction close to the probability of detection (binomial, 5 sigma)', async () => {
    const sim = await createSim(model);
    // Tick 0's looks happened in createSim.
    let inView = sim.c.Sensor.inViewCount[sim.eidById.get('fylingdales-radar')!];
    for (let i = 0; i < 20; i++) {
      step(sim);
      inView += sim.c.Sensor.inViewCount[sim.eidById.get('fylingdales-radar')!];
    }
    const detections = sim.c.Sensor.detectionsTotal[sim.eidById.get('fylingdales-radar')!];
    const pd = model.sensors.find((s) => s.id === 'fylingdales-radar')!.detectionProbability;
    const n = inView;
    expect(Math.abs(detections - pd * n)).toBeLessThan(5 * Math.sqrt(n * pd * (1 - pd)));
    expect(n).toBeGreaterThan(5_000);
  });

  it('earthFixed equals the reference TEME -> ECEF rotation for every object', async () => {
    const sim = await createSim(model);
    step(sim);
    let worst = 0;
    for (const eid of sim.order.orbiters) {
      const k = 3 * eid;
      const ref = temeToEcef({ x: sim.c.Kinematics.posTemeKm[k], y: sim.c.Kinematics.posTemeKm[k + 1], z: sim.c.Kinematics.posTemeKm[k + 2] }, sim.gmstRad);
      worst = Math.max(worst, Math.abs(ref.x - sim.c.Kinematics.posEcefKm[k]), Math.abs(ref.y - sim.c.Kinematics.posEcefKm[k + 1]), Math.abs(ref.z - sim.c.Kinematics.posEcefKm[k + 2]));
    }
    expect(worst).toBe(0);
  });
});
