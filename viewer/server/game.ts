/**
 * A live game: the sim, the white cell's MSEL, the orders of nation cells, the expected responses, and the
 * commands that change them. Everything here is deterministic given the commands and the ticks they were
 * accepted at: `command` never reads the clock or the network, so the event log (event-log.ts) replayed
 * through the same `command` calls at the same ticks rebuilds the same game (replay.ts). Wall-clock
 * pacing (speed, pause) lives in clock.ts and only decides when ticks happen, never what they do.
 *
 * The sim runs the scenario without its MSEL (`injects: []`): the white cell publishes each MSEL inject,
 * which then takes effect at the next tick. Orders become injects too (orders.ts), at the next tick after
 * they are accepted (automatic adjudication) or approved (white-cell adjudication).
 *
 * Read next: orders.ts, adhoc.ts, net.ts (who may send which command), protocol.ts.
 */
import { createSim, LIVE_INJECTS_MAX, scheduleInject, stateHash, step, type InjectModel, type ScenarioModel, type Sim, type PreparedOrbits } from '../../engine/index.js';
import type { CellInfo, ClientMessage, Order } from '../protocol.js';
import { checkAdhocInject } from './adhoc.js';
import { OrderRefused, orderInject } from './orders.js';

/** A refused command: nothing changed; the code and message go back to the cell. */
export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export type MselStatus = 'pending' | 'held' | 'published' | 'skipped';

export interface MselEntry {
  id: string;
  kind: string;
  title: string;
  detail: string;
  plannedTick: number;
  /** Nations the inject reaches ('all', or a list; white only when empty). */
  to: 'all' | string[];
  classification: string;
  expect: InjectModel['expect'];
  status: MselStatus;
  /** The tick it took (or takes) effect at, once published. */
  effectTick: number | null;
  /** Ad-hoc: given by the white cell during the game. */
  adhoc: boolean;
}

export type OrderStatus = 'pending' | 'approved' | 'denied' | 'refused';

export interface OrderEntry {
  id: string;
  cell: string;
  nation: string;
  order: Order;
  submittedTick: number;
  status: OrderStatus;
  effectTick: number | null;
  /** Why it was denied (white cell) or refused (no longer possible when approved). */
  reason: string | null;
}

export interface ExpectedResponse {
  inject: string;
  response: string;
  order: string | null;
  nations: string[];
  publishedTick: number;
  deadlineTick: number;
  /** Who responded, when, how (an order's id, or 'white' when marked by hand). */
  met: { nation: string; tick: number; by: string }[];
}

export interface GameSetup {
  model: ScenarioModel;
  /** The scenario file and its text (ad-hoc injects are checked against them). */
  scenarioPath: string;
  scenarioText: string;
  seed?: number;
  prepared?: PreparedOrbits;
}

/** Most orders a game keeps (pending and decided); past it new orders are refused. */
export const ORDERS_MAX = 10_000;
/** Most ad-hoc injects in one game. */
export const ADHOC_MAX = 1000;

export class Game {
  readonly model: ScenarioModel;
  readonly sim: Sim;
  readonly cells: ReadonlyMap<string, CellInfo>;
  readonly msel: MselEntry[];
  readonly orders: OrderEntry[] = [];
  readonly responses: ExpectedResponse[] = [];
  readonly lastTick: number;
  /** Bumped whenever the MSEL, orders or responses change (the server pushes them then). */
  version = 0;
  readonly #setup: GameSetup;
  #adhoc = 0;

  private constructor(setup: GameSetup, sim: Sim) {
    this.#setup = setup;
    this.model = setup.model;
    this.sim = sim;
    this.lastTick = Math.floor(this.model.durationMs / this.model.stepMs);
    this.cells = cellsOf(this.model);
    this.msel = this.model.injects.map((i) => ({
      id: i.id, kind: i.kind, title: i.title, detail: i.detail, plannedTick: i.tick,
      to: i.visibility.releasableTo === 'all' ? 'all' : [...i.visibility.releasableTo], classification: i.visibility.classification,
      expect: i.expect, status: 'pending', effectTick: null, adhoc: false,
    }));
  }

  static async create(setup: GameSetup): Promise<Game> {
    const sim = await createSim({ ...setup.model, injects: [] }, { seed: setup.seed, prepared: setup.prepared });
    return new Game(setup, sim);
  }

  get tick(): number {
    return this.sim.tick;
  }

  hash(): string {
    return stateHash(this.sim);
  }

  /** One tick (false at the scenario's end). */
  step(): boolean {
    if (this.sim.tick >= this.lastTick) return false;
    step(this.sim);
    this.#closeExpired();
    return true;
  }

  /**
   * Carry out a command from `cellId` at the current tick. Returns what the cell is told; throws
   * CommandError when the command is refused (and then nothing changed). Clock commands other than
   * `step` change no game state: the caller paces the clock (clock.ts).
   */
  command(cellId: string, msg: ClientMessage): unknown {
    const cell = this.cells.get(cellId);
    if (!cell) throw new CommandError('no-cell', `no cell '${cellId}'`);
    const whiteOnly = ['clock', 'publish', 'hold', 'skip', 'inject', 'adjudicate', 'respond'];
    if (whiteOnly.includes(msg.type) && cell.role !== 'white') throw new CommandError('forbidden', `'${msg.type}' is the white cell's command`);
    switch (msg.type) {
      case 'clock':
        if (msg.action === 'step') {
          if (!this.step()) throw new CommandError('at-end', 'the scenario has ended');
        } else if (msg.action === 'run-to' && msg.timeUtc !== undefined && !(Date.parse(msg.timeUtc) >= this.sim.time.epochMs)) {
          throw new CommandError('bad-time', `run-to ${msg.timeUtc} is before the scenario starts`);
        }
        return { tick: this.sim.tick };
      case 'publish':
      case 'hold':
      case 'skip':
        return this.#msel(msg.type, msg.inject);
      case 'inject':
        return this.#adhocInject(msg.inject);
      case 'adjudicate':
        return this.#adjudicate(msg.order, msg.approve, msg.reason ?? null);
      case 'respond':
        return this.#respond(msg.inject, msg.nation, 'white');
      case 'order':
        if (cell.role !== 'nation') throw new CommandError('forbidden', cell.role === 'white' ? 'the white cell gives injects, not orders: send an inject' : 'observers give no orders');
        return this.#order(cell, msg.order);
      default:
        throw new CommandError('bad-message', `'${String(msg.type)}' is not a game command`);
    }
  }

  #schedule(inject: InjectModel): void {
    if (this.sim.liveInjects.length >= LIVE_INJECTS_MAX) throw new CommandError('limit', `${LIVE_INJECTS_MAX} commands are already waiting for their tick: run the clock`);
    scheduleInject(this.sim, inject);
  }

  #next(): number {
    if (this.sim.tick >= this.lastTick) throw new CommandError('at-end', 'the scenario has ended: nothing more can take effect');
    return this.sim.tick + 1;
  }

  #msel(action: 'publish' | 'hold' | 'skip', id: string): unknown {
    const entry = this.msel.find((e) => e.id === id && !e.adhoc);
    if (!entry) throw new CommandError('unknown-inject', `no MSEL inject '${String(id)}'`);
    if (entry.status === 'published' || entry.status === 'skipped') throw new CommandError('inject-closed', `inject '${id}' was already ${entry.status}`);
    if (action === 'hold') {
      entry.status = 'held';
    } else if (action === 'skip') {
      entry.status = 'skipped';
    } else {
      const tick = this.#next();
      const model = this.model.injects.find((i) => i.id === id)!;
      this.#schedule({ ...model, tick });
      entry.status = 'published';
      entry.effectTick = tick;
      this.#expect(model, tick);
    }
    this.version++;
    return { inject: id, status: entry.status, effectTick: entry.effectTick };
  }

  #adhocInject(raw: Record<string, unknown>): unknown {
    if (this.#adhoc >= ADHOC_MAX) throw new CommandError('limit', `${ADHOC_MAX} ad-hoc injects already given in this game`);
    const next = this.#next();
    const id = raw && typeof raw === 'object' ? raw.id : undefined;
    if (typeof id === 'string' && this.msel.some((e) => e.id === id)) throw new CommandError('duplicate-id', `inject id '${id}' is already used in this game`);
    if (typeof id === 'string' && /^O-\d+$/.test(id)) throw new CommandError('duplicate-id', `inject ids O-<number> are the orders': choose another id`);
    const r = checkAdhocInject(this.#setup.scenarioPath, this.#setup.scenarioText, raw, next * this.model.stepMs);
    if (!r.ok) throw new CommandError('invalid-inject', r.problems.join('; ').slice(0, 1000));
    const inject = r.inject;
    this.#schedule(inject);
    this.#adhoc++;
    this.msel.push({
      id: inject.id, kind: inject.kind, title: inject.title, detail: inject.detail, plannedTick: inject.tick,
      to: inject.visibility.releasableTo === 'all' ? 'all' : [...inject.visibility.releasableTo], classification: inject.visibility.classification,
      expect: inject.expect, status: 'published', effectTick: inject.tick, adhoc: true,
    });
    this.#expect(inject, inject.tick);
    this.version++;
    return { inject: inject.id, effectTick: inject.tick };
  }

  #order(cell: CellInfo, order: Order): unknown {
    if (this.orders.length >= ORDERS_MAX) throw new CommandError('limit', `${ORDERS_MAX} orders already given in this game`);
    if (!order || typeof order !== 'object') throw new CommandError('bad-order', 'an order is an object with a kind and a nation');
    const id = `O-${String(this.orders.length + 1).padStart(4, '0')}`;
    const tick = this.#next();
    // Checked now in either case, so a cell learns at once what it cannot order.
    try {
      const inject = orderInject(this.sim, this.model, cell.nations, order, id, tick);
      const entry: OrderEntry = { id, cell: cell.id, nation: order.nation, order, submittedTick: this.sim.tick, status: 'pending', effectTick: null, reason: null };
      if (this.model.live.adjudication === 'automatic') {
        this.#schedule(inject);
        entry.status = 'approved';
        entry.effectTick = tick;
      }
      this.orders.push(entry);
      this.#noteResponse(order.nation, order.kind, id);
      this.version++;
      return { order: id, status: entry.status, effectTick: entry.effectTick };
    } catch (e) {
      if (e instanceof OrderRefused) throw new CommandError(e.code, e.message);
      throw e;
    }
  }

  #adjudicate(id: string, approve: boolean, reason: string | null): unknown {
    const entry = this.orders.find((o) => o.id === id);
    if (!entry) throw new CommandError('unknown-order', `no order '${String(id)}'`);
    if (entry.status !== 'pending') throw new CommandError('order-closed', `order '${id}' was already ${entry.status}`);
    if (!approve) {
      entry.status = 'denied';
      entry.reason = typeof reason === 'string' && reason.length > 0 ? reason.slice(0, 500) : 'denied by the white cell';
    } else {
      const tick = this.#next();
      const cell = this.cells.get(entry.cell)!;
      try {
        this.#schedule(orderInject(this.sim, this.model, cell.nations, entry.order, entry.id, tick));
        entry.status = 'approved';
        entry.effectTick = tick;
      } catch (e) {
        if (!(e instanceof OrderRefused)) throw e;
        // Approved, but no longer possible (the target left the sim, the jammer is gone): said, not retried.
        entry.status = 'refused';
        entry.reason = e.message;
      }
    }
    this.version++;
    return { order: id, status: entry.status, effectTick: entry.effectTick, reason: entry.reason };
  }

  #expect(inject: InjectModel, tick: number): void {
    if (!inject.expect) return;
    const v = inject.visibility;
    const reached = v.releasableTo === 'all' ? this.model.nations.filter((n) => n.declared).map((n) => n.id) : [...v.releasableTo];
    this.responses.push({
      inject: inject.id,
      response: inject.expect.response,
      order: inject.expect.order,
      nations: inject.expect.by.length > 0 ? [...inject.expect.by] : reached,
      publishedTick: tick,
      deadlineTick: tick + Math.ceil(inject.expect.withinMs / this.model.stepMs),
      met: [],
    });
  }

  /** An order counts for every open expectation of its kind that names its nation. */
  #noteResponse(nation: string, kind: string, by: string): void {
    for (const r of this.responses) {
      // Only after the inject took effect (the players could not have seen it before), until its deadline.
      if (r.order !== kind || !r.nations.includes(nation) || this.sim.tick > r.deadlineTick || this.sim.tick < r.publishedTick) continue;
      if (!r.met.some((m) => m.nation === nation)) r.met.push({ nation, tick: this.sim.tick, by });
    }
  }

  #respond(injectId: string, nation: string, by: string): unknown {
    const r = this.responses.find((x) => x.inject === injectId);
    if (!r) throw new CommandError('unknown-inject', `no published inject '${String(injectId)}' expects a response`);
    if (!r.nations.includes(nation)) throw new CommandError('bad-nation', `inject '${injectId}' expects a response from ${r.nations.join(', ')}, not ${String(nation)}`);
    if (this.sim.tick < r.publishedTick) throw new CommandError('too-early', `inject '${injectId}' takes effect at tick ${r.publishedTick}: mark responses to it after that`);
    if (!r.met.some((m) => m.nation === nation)) r.met.push({ nation, tick: this.sim.tick, by });
    this.version++;
    return { inject: injectId, nation };
  }

  #closeExpired(): void {
    // Expectations close silently at their deadline; the record keeps who responded in time.
    if (this.responses.some((r) => r.deadlineTick === this.sim.tick)) this.version++;
  }

  /** Each expected response, met or not, with the response times (no state hash: cheap to send often). */
  responsesView(): AfterAction['responses'] {
    const stepS = this.model.stepMs / 1000;
    return this.responses.map((r) => ({
      ...r,
      missing: r.nations.filter((n) => !r.met.some((m) => m.nation === n)),
      responseTimesS: r.met.map((m) => ({ nation: m.nation, afterS: (m.tick - r.publishedTick) * stepS })),
    }));
  }

  /** The after-action record: the MSEL as played, every order, and each expected response met or not. */
  afterAction(): AfterAction {
    return {
      exerciseMarking: this.model.marking,
      scenario: this.model.name,
      tick: this.sim.tick,
      hash: this.hash(),
      msel: this.msel.map((e) => ({ ...e })),
      orders: this.orders.map((o) => ({ ...o })),
      responses: this.responsesView(),
    };
  }

  /** Free what the game holds outside the JavaScript heap (its WASM propagator). */
  dispose(): void {
    this.sim.propagator.dispose();
  }
}

export interface AfterAction {
  exerciseMarking: string;
  scenario: string;
  tick: number;
  hash: string;
  msel: MselEntry[];
  orders: OrderEntry[];
  responses: (ExpectedResponse & { missing: string[]; responseTimesS: { nation: string; afterS: number }[] })[];
}

/** The cells of a scenario: white, its nation cells, its observers. */
export function cellsOf(model: ScenarioModel): Map<string, CellInfo> {
  const cells = new Map<string, CellInfo>();
  cells.set('white', { id: 'white', name: 'White cell', role: 'white', nations: model.nations.filter((n) => n.declared).map((n) => n.id) });
  for (const c of model.live.cells) cells.set(c.id, { id: c.id, name: c.name, role: 'nation', nations: [...c.nations] });
  for (const o of model.live.observers) cells.set(o.id, { id: o.id, name: o.name, role: 'observer', nations: [o.picture] });
  return cells;
}
