/**
 * The live game's part of the language: the `live:` section and structured expected responses load as
 * documented (cells expanded, every declared nation given a cell), bad input is one positioned problem
 * each, and the demo exercise (global-sentinel.yaml) has what a Global Sentinel-style game needs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';
import { loadModel, positionOf, problemsOf, SCENARIOS } from '../helpers.js';

const HEADER = `vigil: 1
name: live section
epoch: 2026-03-19T12:00:00Z
duration: 2h
nations:
  - { id: USA }
  - { id: GBR }
  - { id: CAN }
  - { id: RUS, side: red }
coalitions:
  - { id: FVEY, members: [USA, GBR, CAN] }
objects:
  - { id: sat-1, owner: USA, elements: { meanMotionRevPerDay: 15.2, eccentricity: 0.001, inclinationDeg: 82 } }
sites:
  - { id: fylingdales, owner: GBR, latDeg: 54.3617, lonDeg: -0.67 }
sensors:
  - { id: fyl-radar, kind: radar, site: fylingdales, rangeKmMax: 4800 }
`;

function load(text: string) {
  const r = loadScenarioText(text, join(SCENARIOS, 'inline-live.yaml'), SCENARIOS);
  if (!r.ok) throw new Error(r.value.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return r.value.model;
}

describe('live: section', () => {
  it('defaults: one cell per declared nation, white adjudication, no engagement', () => {
    const m = load(HEADER);
    expect(m.live.cells.map((c) => [c.id, c.nations])).toEqual([['USA', ['USA']], ['GBR', ['GBR']], ['CAN', ['CAN']], ['RUS', ['RUS']]]);
    expect(m.live).toMatchObject({ adjudication: 'white', orders: ['task-sensor', 'manoeuvre', 'jammer', 'agreement'], observers: [], frameHz: 5, speed: 60 });
  });

  it('a regional cell expands its coalition; the nations left out get their own cells; observers watch one picture', () => {
    const m = load(`${HEADER}live:
  adjudication: automatic
  orders: [engage, task-sensor]
  cells:
    - { id: floor, name: Five Eyes floor, nations: [FVEY] }
  observers:
    - { id: dv, picture: GBR }
`);
    expect(m.live.cells.map((c) => [c.id, c.nations])).toEqual([['floor', ['CAN', 'GBR', 'USA']], ['RUS', ['RUS']]]);
    expect(m.live.observers).toEqual([{ id: 'dv', name: 'dv', picture: 'GBR' }]);
    expect(m.live.orders).toEqual(['engage', 'task-sensor']);
  });

  it('expect.order and expect.by resolve to nations; manoeuvre and sensor-tasking injects resolve', () => {
    const m = load(`${HEADER}msel:
  - { id: i1, at: 10m, kind: message, title: t, expect: { response: r, within: 5m, order: task-sensor, by: [FVEY] } }
  - { id: i2, at: 20m, kind: manoeuvre, object: sat-1, deltaV: { alongTrackMps: 3 }, title: burn }
  - { id: i3, at: 30m, kind: sensor-tasking, sensor: fyl-radar, priority: [sat-1], title: task }
`);
    expect(m.injects[0].expect).toEqual({ response: 'r', withinMs: 300_000, order: 'task-sensor', by: ['CAN', 'GBR', 'USA'] });
    expect(m.injects[1].params).toMatchObject({ object: 'sat-1', radialMps: 0, alongTrackMps: 3, crossTrackMps: 0 });
    expect(m.injects[2].params).toMatchObject({ sensor: 'fyl-radar', priority: ['sat-1'] });
  });

  it.each([
    ['a nation in two cells', `live:\n  cells:\n    - { id: a, nations: [FVEY] }\n    - { id: b, nations: [USA] }\n`, 'USA] }', /USA already plays in cell 'a'/],
    ['an unknown party in a cell', `live:\n  cells:\n    - { id: a, nations: [NATO] }\n`, 'NATO', /'NATO' is neither a declared nation nor a coalition/],
    ["a cell called 'white'", `live:\n  cells:\n    - { id: white, nations: [USA] }\n`, 'white', /'white' is the white cell's id/],
    ['two cells with one id', `live:\n  cells:\n    - { id: a, nations: [USA] }\n    - { id: a, nations: [GBR] }\n`, 'a, nations: [GBR]', /cell id 'a' is used twice/],
    ['an observer of an unknown nation', `live:\n  observers:\n    - { id: o, picture: FRA }\n`, 'FRA', /'FRA' is not one/],
    ['an unknown order kind', `live:\n  orders: [nuke]\n`, 'nuke', /task-sensor/],
    ['a speed past 3600', `live:\n  speed: 7200\n`, '7200', /3600/],
    ['a manoeuvre of an unknown object', `msel:\n  - { id: m, at: 1m, kind: manoeuvre, object: sat-9, deltaV: { radialMps: 1 }, title: t }\n`, 'sat-9', /'sat-9' is not an orbiting object/],
    ['a burn over 5 km/s', `msel:\n  - { id: m, at: 1m, kind: manoeuvre, object: sat-1, deltaV: { radialMps: 9000 }, title: t }\n`, '9000', /5000/],
    ['a manoeuvre of a sensor', `msel:\n  - { id: m, at: 1m, kind: manoeuvre, object: fyl-radar, deltaV: { radialMps: 1 }, title: t }\n`, 'fyl-radar, deltaV', /'fyl-radar' is not an orbiting object/],
    ['a burn of zero', `msel:\n  - { id: m, at: 1m, kind: manoeuvre, object: sat-1, deltaV: {}, title: t }\n`, '{}', /a burn of zero changes nothing/],
    ['tasking on an unknown object', `msel:\n  - { id: m, at: 1m, kind: sensor-tasking, sensor: fyl-radar, priority: [sat-1, nope], title: t }\n`, 'nope', /'nope' is not an orbiting object/],
    ['an expected response by an unknown party', `msel:\n  - { id: m, at: 1m, kind: message, title: t, expect: { response: r, within: 1m, by: [XXX] } }\n`, 'XXX', /'XXX' is neither a declared nation nor a coalition/],
  ])('%s: one positioned error', (_what, tail, needle, message) => {
    const text = HEADER + tail;
    const { problems } = problemsOf(text, 'inline-live.yaml');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(message);
    const [line, col] = positionOf(text, needle);
    expect(errors[0].line).toBe(line);
    // The column is the value's (or, for a flow mapping's key problems, the entry's on that line).
    if (!['a speed past 3600'].includes(_what)) expect(errors[0].col).toBeLessThanOrEqual(col);
  });
});

describe('global-sentinel.yaml, the demo exercise', () => {
  const m = loadModel(join(SCENARIOS, 'global-sentinel.yaml'));

  it('ten or more nations on the real catalog, grouped in regional operations centres, every declared nation in a cell', () => {
    const declared = m.nations.filter((n) => n.declared).map((n) => n.id);
    expect(declared.length).toBeGreaterThanOrEqual(12);
    expect(m.objects.length).toBeGreaterThan(14_000);
    const grouped = m.live.cells.filter((c) => c.nations.length > 1);
    expect(grouped.length).toBeGreaterThanOrEqual(3);
    expect(m.live.cells.flatMap((c) => c.nations).sort()).toEqual([...declared].sort());
  });

  it('SSA agreements of different depth, a late signatory and a hosted payload', () => {
    expect(new Set(m.agreements.map((a) => a.access))).toEqual(new Set(['full', 'exchange', 'liaison']));
    expect(m.agreements.some((a) => !a.signed && m.injects.some((i) => i.kind === 'agreement-change' && i.params.agreement === a.id && i.params.action === 'sign'))).toBe(true);
    const objectOwner = new Map(m.objects.map((o) => [o.id, o.owner]));
    const hosted = m.sensors.filter((s) => s.kind === 'space' && objectOwner.get(s.host) !== s.owner);
    expect(hosted.length).toBeGreaterThanOrEqual(1);
  });

  it('an MSEL of at least 12 injects with jamming, a GPS outage, a DA-ASAT test and an agreement change, each with its expected response', () => {
    expect(m.injects.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(m.injects.map((i) => i.kind));
    for (const k of ['jamming', 'constellation-outage', 'asat-launch', 'agreement-change']) expect(kinds).toContain(k);
    expect(m.injects.some((i) => i.kind === 'constellation-outage' && i.params.constellation === 'GPS')).toBe(true);
    for (const i of m.injects) expect(i.expect?.response, i.id).toBeTruthy();
    expect(m.injects.filter((i) => i.expect?.order).length).toBeGreaterThanOrEqual(3);
  });
});
