/**
 * Property tests of the releasability policy (fast-check). Random nations, coalitions of nations and of
 * coalitions, classification lists, agreements (windows, latencies, ceilings, products, drafts) and
 * agreement changes are written as a scenario and loaded by the real loader; random items are then
 * routed at random ticks. An oracle written here from the rules of docs/scenario-reference.md (not from
 * engine/policy) checks every route (soundness) and finds every route there should be (no over-denial).
 *
 * The seed is in each test's name; reproduce a failure with
 *   VIGIL_TEST_SEED=<seed> npx vitest run test/engine/policy.properties.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioModel } from '../../engine/model.js';
import { agreementChangesFrom, agreementsInForce, createSharingPolicy, mayRelease, PRODUCTS, routes, type Item, type Product, type Route } from '../../engine/policy/index.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { formatProblem } from '../../scenarios/problems.js';
import { SCENARIOS, testSeed } from '../helpers.js';

const seed = testSeed();
const reproduce = `reproduce: VIGIL_TEST_SEED=${seed} npx vitest run test/engine/policy.properties.test.ts`;

const NATION_POOL = ['USA', 'GBR', 'CAN', 'AUS', 'NZL', 'JPN', 'FRA', 'NOR'] as const;
const LEVEL_POOL = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;
const ACTIONS = ['sign', 'suspend', 'resume', 'revoke'] as const;
const EPOCH = '2026-03-19T00:00:00Z';
const DURATION_MS = 6 * 3_600_000;

interface AgreementSpec {
  provider: number;
  recipients: number[]; // indexes into nations ++ coalitions
  products: Product[];
  ceiling: number | null; // index into levels, null: not given
  latencyMs: number;
  fromMs: number | null;
  untilMs: number | null;
  signed: boolean;
}

interface World {
  nations: string[];
  levels: string[];
  stepMs: number;
  /** Coalition i's members index nations ++ coalitions[0..i-1] (no cycles by construction). */
  coalitions: number[][];
  agreements: AgreementSpec[];
  changes: { atMs: number; agreement: number; action: (typeof ACTIONS)[number] }[];
}

interface ItemSpec {
  tick: number;
  owner: number | null;
  level: number;
  releasableTo: 'all' | number[];
  caveats: readonly string[];
  product: Product;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    nations: fc.subarray([...NATION_POOL], { minLength: 2 }),
    levels: fc.subarray([...LEVEL_POOL], { minLength: 1 }),
    // Steps that divide the duration, so every change time falls on or before the last tick.
    stepMs: fc.constantFrom(1_000, 7_200, 10_000, 60_000),
  })
  .chain((base) => {
    const n = base.nations.length;
    const coalitions = fc.integer({ min: 0, max: 3 }).chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => fc.uniqueArray(fc.integer({ min: 0, max: n + i - 1 }), { minLength: 1, maxLength: 4 }))),
    );
    return coalitions.chain((cs) => {
      const parties = n + cs.length;
      // A window that opens before it closes: from, then a length (either may be left to its default).
      const window = fc.record({
        fromMs: fc.option(fc.integer({ min: 0, max: DURATION_MS - 1 }), { nil: null }),
        lengthMs: fc.option(fc.integer({ min: 1, max: DURATION_MS }), { nil: null }),
      }).map(({ fromMs, lengthMs }) => ({ fromMs, untilMs: lengthMs === null ? null : Math.min(DURATION_MS, (fromMs ?? 0) + lengthMs) }));
      const agreement: fc.Arbitrary<AgreementSpec> = fc.record({
        provider: fc.integer({ min: 0, max: n - 1 }),
        recipients: fc.uniqueArray(fc.integer({ min: 0, max: parties - 1 }), { minLength: 1, maxLength: 3 }),
        products: fc.subarray([...PRODUCTS], { minLength: 1 }),
        ceiling: fc.option(fc.integer({ min: 0, max: base.levels.length - 1 }), { nil: null }),
        latencyMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 7_200_000 })),
        window,
        signed: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      }).map(({ window: { fromMs, untilMs }, ...rest }) => ({ ...rest, fromMs, untilMs }));
      return fc.array(agreement, { maxLength: 5 }).chain((agreements) =>
        fc.record({
          nations: fc.constant(base.nations),
          levels: fc.constant(base.levels),
          stepMs: fc.constant(base.stepMs),
          coalitions: fc.constant(cs as number[][]),
          agreements: fc.constant(agreements),
          changes: agreements.length === 0
            ? fc.constant([])
            : fc.array(fc.record({ atMs: fc.integer({ min: 0, max: DURATION_MS }), agreement: fc.integer({ min: 0, max: agreements.length - 1 }), action: fc.constantFrom(...ACTIONS) }), { maxLength: 8 }),
        }),
      );
    });
  });

/** Ticks where an agreement's force may change (window ends, changes) and their neighbours: all agreements', or one's. */
function boundaryTicks(w: World, only?: number): number[] {
  const mine = (i: number) => only === undefined || i === only;
  const times = [
    ...w.changes.filter((c) => mine(c.agreement)).map((c) => c.atMs),
    ...w.agreements.filter((_a, i) => mine(i)).flatMap((a) => [a.fromMs, a.untilMs].filter((t): t is number => t !== null)),
  ];
  const ticks = new Set<number>([0, DURATION_MS / w.stepMs]);
  for (const t of times) for (const d of [-1, 0, 1]) ticks.add(Math.max(0, Math.ceil(t / w.stepMs) + d));
  return [...ticks].sort((a, b) => a - b);
}

function itemArb(w: World): fc.Arbitrary<ItemSpec> {
  return w.agreements.length === 0 ? anyItemArb(w) : fc.oneof(anyItemArb(w), lawfulItemArb(w));
}

/** Items the rules would release under some agreement at some tick: without them few routes exist. */
function lawfulItemArb(w: World): fc.Arbitrary<ItemSpec> {
  return fc.integer({ min: 0, max: w.agreements.length - 1 }).chain((i) => {
    const a = w.agreements[i];
    return fc.record({
      tick: fc.constantFrom(...boundaryTicks(w, i)),
      owner: fc.constant(a.provider),
      level: fc.integer({ min: 0, max: a.ceiling ?? 0 }),
      releasableTo: fc.constant('all' as const),
      caveats: fc.constant<readonly string[]>([]),
      product: fc.constantFrom(...a.products),
    });
  });
}

function anyItemArb(w: World): fc.Arbitrary<ItemSpec> {
  const n = w.nations.length;
  return fc.record({
    // Half the items fall where force changes: off-by-one errors live there.
    tick: fc.oneof(fc.integer({ min: 0, max: DURATION_MS / w.stepMs }), fc.constantFrom(...boundaryTicks(w))),
    owner: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null, freq: 8 }),
    level: fc.integer({ min: 0, max: w.levels.length - 1 }),
    releasableTo: fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n })),
    caveats: fc.oneof({ weight: 4, arbitrary: fc.constant<string[]>([]) }, { weight: 2, arbitrary: fc.constant(['NOFORN']) }, { weight: 1, arbitrary: fc.constant(['ORCON']) }),
    product: fc.constantFrom(...PRODUCTS),
  });
}

const coalitionId = (i: number) => `C${i}X`;
const partyName = (w: World, p: number) => (p < w.nations.length ? w.nations[p] : coalitionId(p - w.nations.length));

/** The scenario text of a world (JSON is YAML). */
function scenarioText(w: World): string {
  return JSON.stringify({
    vigil: 1,
    name: 'policy property',
    epoch: EPOCH,
    duration: `${DURATION_MS}ms`,
    step: `${w.stepMs}ms`,
    classification: { levels: w.levels },
    nations: w.nations.map((id) => ({ id })),
    coalitions: w.coalitions.map((members, i) => ({ id: coalitionId(i), members: members.map((m) => partyName(w, m)) })),
    agreements: w.agreements.map((a, i) => ({
      id: `a${i}`,
      provider: w.nations[a.provider],
      recipients: a.recipients.map((p) => partyName(w, p)),
      products: a.products,
      ...(a.ceiling === null ? {} : { classificationMax: w.levels[a.ceiling] }),
      latency: `${a.latencyMs}ms`,
      ...(a.fromMs === null ? {} : { from: `${a.fromMs}ms` }),
      ...(a.untilMs === null ? {} : { until: `${a.untilMs}ms` }),
      signed: a.signed,
    })),
    msel: w.changes.map((c, i) => ({ id: `c${i}`, at: `${c.atMs}ms`, kind: 'agreement-change', agreement: `a${c.agreement}`, action: c.action, title: 'change' })),
  });
}

// ---- The oracle: the rules, written again from the reference, sharing no code with engine/policy. ----

function expandParty(w: World, p: number): string[] {
  if (p < w.nations.length) return [w.nations[p]];
  return w.coalitions[p - w.nations.length].flatMap((m) => expandParty(w, m));
}

function recipientsOf(w: World, a: AgreementSpec): Set<string> {
  const all = new Set(a.recipients.flatMap((p) => expandParty(w, p)));
  all.delete(w.nations[a.provider]);
  return all;
}

/** A world the loader accepts: every agreement reaches a nation besides its provider. */
function loadable(w: World): boolean {
  return w.agreements.every((a) => recipientsOf(w, a).size > 0);
}

function oracleInForce(w: World, index: number, tick: number): boolean {
  const a = w.agreements[index];
  const fromTick = Math.ceil((a.fromMs ?? 0) / w.stepMs);
  const untilTick = a.untilMs === null ? Infinity : Math.ceil(a.untilMs / w.stepMs);
  if (tick < fromTick || tick >= untilTick) return false;
  // Replay the changes due by this tick, in (tick, MSEL order).
  const due = w.changes
    .map((c, order) => ({ ...c, tick: Math.ceil(c.atMs / w.stepMs), order }))
    .filter((c) => c.agreement === index && c.tick <= tick)
    .sort((x, y) => x.tick - y.tick || x.order - y.order);
  let signed = a.signed;
  let suspended = false;
  for (const c of due) {
    if (c.action === 'revoke') return false;
    if (c.action === 'sign') signed = true;
    if (c.action === 'suspend' && signed) suspended = true;
    if (c.action === 'resume') suspended = false;
  }
  return signed && !suspended;
}

function oracleAllows(w: World, item: ItemSpec, recipient: string, index: number): boolean {
  const a = w.agreements[index];
  if (item.caveats.length > 0) return false; // NOFORN, or a caveat the policy does not know
  if (item.owner === null || item.owner !== a.provider) return false;
  if (!recipientsOf(w, a).has(recipient)) return false;
  if (item.releasableTo !== 'all' && !item.releasableTo.map((i) => w.nations[i]).includes(recipient)) return false;
  if (item.level > (a.ceiling ?? 0)) return false;
  return a.products.includes(item.product) && oracleInForce(w, index, item.tick);
}

function itemOf(w: World, s: ItemSpec): Item {
  return {
    owner: s.owner === null ? null : w.nations[s.owner],
    classification: w.levels[s.level],
    releasableTo: s.releasableTo === 'all' ? 'all' : s.releasableTo.map((i) => w.nations[i]),
    caveats: s.caveats,
  };
}

function load(w: World): ScenarioModel {
  const r = loadScenarioText(scenarioText(w), 'property.yaml', SCENARIOS);
  if (!r.ok) throw new Error(`the generated scenario does not load:\n${r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n')}`);
  return r.value.model;
}

const caseArb = worldArb.filter(loadable).chain((w) => fc.record({ w: fc.constant(w), items: fc.array(itemArb(w), { minLength: 1, maxLength: 25 }) }));

/** fc.assert with this file's seed, naming the command that reproduces a failure. */
function check(property: fc.IProperty<[{ w: World; items: ItemSpec[] }]>, numRuns: number): void {
  try {
    fc.assert(property, { seed, numRuns });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${reproduce}`);
  }
}

describe(`releasability policy properties (seed ${seed})`, () => {
  it('every route is lawful and on time, and every lawful route is there (no over-denial)', () => {
    let routed = 0;
    let denied = 0;
    check(
      fc.property(caseArb, ({ w, items }) => {
        const model = load(w);
        const policy = createSharingPolicy(model, agreementChangesFrom(model.injects));
        const agreementIndex = (id: string) => Number(id.slice(1));
        for (const spec of items) {
          const item = itemOf(w, spec);
          const got = routes(policy, item, spec.product, spec.tick);
          for (const r of got) {
            const i = agreementIndex(r.agreement);
            const a = w.agreements[i];
            // (a) to a nation the item is releasable to
            expect(spec.releasableTo === 'all' || spec.releasableTo.map((x) => w.nations[x]).includes(r.recipient)).toBe(true);
            // (b) under an agreement in force, owned by the provider, ceiling >= level, covering the product
            expect(oracleInForce(w, i, spec.tick)).toBe(true);
            expect(item.owner).toBe(w.nations[a.provider]);
            expect(spec.level).toBeLessThanOrEqual(a.ceiling ?? 0);
            expect(a.products).toContain(spec.product);
            expect(recipientsOf(w, a).has(r.recipient)).toBe(true);
            // (c) delivered at tick + ceil(latency / step)
            expect(r.deliverTick).toBe(spec.tick + Math.ceil(a.latencyMs / w.stepMs));
            expect(r.deliverTick).toBeGreaterThanOrEqual(spec.tick + a.latencyMs / w.stepMs);
            // (d) never a NOFORN item
            expect(spec.caveats).not.toContain('NOFORN');
          }
          // Conversely: every (recipient, agreement) pair the rules allow is among the routes.
          const expected: string[] = [];
          for (const recipient of [...w.nations].sort()) {
            w.agreements.forEach((_a, i) => {
              if (oracleAllows(w, spec, recipient, i)) expected.push(`${recipient}/a${i}`);
            });
          }
          const sortedIds = (xs: string[]) => [...xs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
          expect(sortedIds(got.map((r) => `${r.recipient}/${r.agreement}`))).toEqual(sortedIds(expected));
          // Stable order: by recipient, then agreement id.
          expect(got.map(routeKey)).toEqual([...got.map(routeKey)].sort());
          routed += got.length;
          denied += got.length === 0 ? 1 : 0;
        }
      }),
      300,
    );
    // The generators must exercise both outcomes, or the property proves little.
    expect(routed).toBeGreaterThan(50);
    expect(denied).toBeGreaterThan(50);
  });

  it('agreementsInForce matches the oracle at every tick a change happens, and just before and after', () => {
    check(
      fc.property(caseArb, ({ w }) => {
        const model = load(w);
        const changes = agreementChangesFrom(model.injects);
        for (const tick of boundaryTicks(w)) {
          const got = agreementsInForce(model.agreements, tick, changes).map((a) => a.id);
          const want = w.agreements.map((_a, i) => i).filter((i) => oracleInForce(w, i, tick)).map((i) => `a${i}`).sort();
          expect(got).toEqual(want);
        }
      }),
      200,
    );
  });

  it('a NOFORN item is released to nobody, under any agreement, product or tick', () => {
    check(
      fc.property(caseArb, ({ w, items }) => {
        const model = load(w);
        const policy = createSharingPolicy(model, agreementChangesFrom(model.injects));
        for (const spec of items) {
          const item: Item = { ...itemOf(w, spec), caveats: ['NOFORN'] };
          for (const product of PRODUCTS) expect(routes(policy, item, product, spec.tick)).toEqual([]);
          for (const a of model.agreements) for (const n of w.nations) expect(mayRelease(item, n, a, model.classificationLevels)).toBe(false);
        }
      }),
      100,
    );
  });
});

function routeKey(r: Route): string {
  // Agreement ids are a0..a4 here, so string order is id order; '\u0000' sorts before any id character.
  return `${r.recipient}\u0000${r.agreement}`;
}
