/** MSEL injects become events at their tick, visible to their audience; a sensor outage blinds the radar. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSim, step } from '../../engine/index.js';
import { EventLog, WHITE_ONLY } from '../../engine/events.js';
import { loadModel, SCENARIOS } from '../helpers.js';

describe('MSEL injects', () => {
  it('logs each inject at the first tick at or after its time, with its audience', async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const sim = await createSim(model);
    while (sim.tick < 1100) step(sim);
    const injects = sim.events.since(0).filter((e) => e.kind === 'inject');
    expect(injects.map((e) => [e.tick, (e.payload as { injectId: string }).injectId])).toEqual([
      [0, 'startex'],
      [360, 'fyl-maintenance'],
      [1080, 'suspend-sharing'],
    ]);
    expect(injects[0].visibility.releasableTo).toBe('all');
    expect(injects[1].visibility.releasableTo).toEqual(['GBR']);
    expect(injects[2].visibility).toMatchObject({ classification: 'SECRET', releasableTo: ['GBR', 'NOR'] });
  });

  it('a sensor outage blinds the radar for its duration, then it sees again', async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const wide = { ...model, sensors: model.sensors.map((s) => ({ ...s, rangeKmMax: 50_000, elevationDegMin: -90, azimuthDegMin: 0, azimuthDegMax: 360 })) };
    const run = async (injects: typeof model.injects) => {
      const sim = await createSim({ ...wide, injects });
      const fyl = sim.eidById.get('fylingdales-radar')!;
      const totals: number[] = [];
      while (sim.tick < 900) {
        step(sim);
        totals.push(sim.c.Sensor.detectionsTotal[fyl]);
      }
      return totals;
    };
    const totals = await run(model.injects);
    // Control: without the outage inject the radar (blind to nothing: every elevation, 50,000 km) detects
    // objects in the same ticks.
    const control = await run(model.injects.filter((i) => i.kind !== 'sensor-outage'));
    expect(control[539 - 1]).toBeGreaterThan(control[359 - 1]);
    // Outage from tick 360 for 30 min = 180 ticks: no detection in [360, 540).
    expect(totals[359 - 1]).toBe(totals[539 - 1]);
    // Back at tick 540 exactly (three objects always in view, pd 0.9): detections resume at once.
    expect(totals[542 - 1]).toBeGreaterThan(totals[539 - 1]);
    expect(totals[359 - 1]).toBeGreaterThan(0);
  });
});

describe('overlapping outages', () => {
  it('a short outage inside a long one does not end it early', async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const always = { ...model, sensors: model.sensors.map((s) => ({ ...s, rangeKmMax: 50_000, elevationDegMin: -90, azimuthDegMin: 0, azimuthDegMax: 360 })) };
    const outage = (id: string, tick: number, minutes: number) => ({ ...model.injects[1], id, tick, params: { sensor: 'fylingdales-radar', durationMs: minutes * 60_000, subjects: [] } });
    const sim = await createSim({ ...always, injects: [outage('long', 10, 100 / 6), outage('short', 20, 1 / 6)] });
    const fyl = sim.eidById.get('fylingdales-radar')!;
    const totals: number[] = [];
    while (sim.tick < 120) {
      step(sim);
      totals.push(sim.c.Sensor.detectionsTotal[fyl]);
    }
    // Down from tick 10 until 110 (100 ticks), whatever the 1-tick outage at 20 says.
    expect(totals[109 - 1]).toBe(totals[10 - 1]);
    expect(totals[115 - 1]).toBeGreaterThan(totals[109 - 1]);
  });
});

describe('event log limit', () => {
  it('keeps eventsMax events, the last one a limit-reached event, and counts the rest', () => {
    const log = new EventLog(5);
    for (let i = 0; i < 10; i++) log.push(i, 't', 'inject', [], { injectId: `i${i}`, injectKind: 'message', title: '', detail: '', params: {}, expect: null }, WHITE_ONLY);
    expect(log.count).toBe(5);
    expect(log.since(0).map((e) => e.kind)).toEqual(['inject', 'inject', 'inject', 'inject', 'limit-reached']);
    expect(log.dropped).toBe(6);
    expect(log.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
