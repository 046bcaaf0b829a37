/**
 * The network face of a live game: HTTP for the viewer's files, WebSockets (ws) for the game. Hardened
 * as OWASP's WebSocket guidance asks: a 64 KiB message limit, no per-message compression, an Origin
 * allow-list, a token that binds each connection to one cell (first message or the
 * Sec-WebSocket-Protocol header, never the URL), every message checked against a schema and the cell's
 * role, a per-connection rate limit, a heartbeat that drops dead peers, and a log of connections, auth
 * failures and commands (never message bodies).
 *
 * Backpressure: frames are built once per view per tick and sent only while a connection's send buffer
 * is under FRAME_BUFFER_BYTES, so a slow client gets the newest frame when it catches up and never a
 * queue; events go out in bounded chunks from a per-connection cursor; a connection whose buffer passes
 * BUFFER_BYTES_MAX is closed (4008) and may reconnect with `sinceSeq` to catch up the events it missed.
 *
 * Read next: game.ts (the commands), frames.ts, clock.ts, protocol.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { eventVisibleTo, heldOrbit, isoUtc, pictureFor, simTimeMs, type SimEvent } from '../../engine/index.js';
import { CLOSE, MESSAGE_BYTES_MAX, PROTOCOL_VERSION, SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, type CellInfo, type ClientMessage, type ServerMessage } from '../protocol.js';
import { Clock, SLICE_MS } from './clock.js';
import type { EventLogFile, LogRecord } from './event-log.js';
import { CommandError, type Game } from './game.js';
import { Views, type View } from './frames.js';
import { parseClientMessage } from './messages.js';
import { groundTrack } from './ground-track.js';

/** Send buffer under which a connection gets frames, bytes. */
export const FRAME_BUFFER_BYTES = 1 << 20;
/** Send buffer past which a connection is closed as too slow, bytes. */
export const BUFFER_BYTES_MAX = 16 << 20;
/** Most events in one `events` message. */
export const EVENTS_PER_MESSAGE = 500;
/** Rate limit: a bucket of RATE_BURST messages refilled at RATE_PER_S. */
export const RATE_PER_S = 20;
export const RATE_BURST = 40;
/** Messages refused for rate in a row before the connection is closed as a flood. */
export const FLOOD_CLOSE_AFTER = 200;
/** Messages refused for rate within FLOOD_WINDOW_MS, however spaced, before the connection is closed. */
export const FLOOD_WINDOW_MS = 10_000;
export const FLOOD_WINDOW_REFUSALS = 1000;
export const AUTH_TIMEOUT_MS = 5000;
export const HEARTBEAT_MS = 15_000;
export const CONNECTIONS_MAX = 256;
/** Connections not yet bound to a cell, in all and from one address: a token-less crowd cannot lock cells out. */
export const UNAUTHENTICATED_MAX = 32;
export const PER_ADDRESS_UNAUTHENTICATED_MAX = 8;
/** Inspections a connection may make a second (each builds a track view). */
export const INSPECTS_PER_S = 4;

export interface ServerLogEntry {
  event: 'listen' | 'connect' | 'auth' | 'auth-failed' | 'command' | 'refused' | 'close' | 'origin-refused' | 'slow' | 'flood' | 'dead-peer' | 'internal-error';
  [k: string]: unknown;
}

export interface ReviewSource {
  records: readonly LogRecord[];
  /** A fresh game of the recorded scenario (seeking back starts again from tick 0). */
  newGame(): Promise<Game>;
}

/** White-cell messages a review accepts (the rest would change a recorded game). */
const REVIEW_COMMANDS = new Set(['clock', 'seek']);

export interface NetOptions {
  host: string;
  port: number;
  /** Origins allowed besides the server's own. */
  origins: readonly string[];
  game: Game;
  /** null when replaying (no log). */
  log: EventLogFile | null;
  /** sha256(token) hex -> cell id. */
  tokens: ReadonlyMap<string, string>;
  logLine: (entry: ServerLogEntry) => void;
  staticDir: string | null;
  speed: number;
  frameHz: number;
  /** A recorded game to review (vigil serve --review): its commands replay at their ticks; cells only watch. */
  review?: ReviewSource;
  /** Called when the game moved on (ticks): the log's tick records; `stopped` when the clock stopped there. */
  onProgress?: (stopped: boolean) => void;
}

interface Connection {
  id: number;
  ws: WebSocket;
  ip: string;
  cell: CellInfo | null;
  view: View | null;
  namesSent: number;
  eventSeq: number;
  frameTick: number;
  overlaysSent: string;
  gameVersion: number;
  clockSentTick: number;
  clockSentVersion: number;
  bucket: number;
  refilled: number;
  refusedInARow: number;
  inspectBucket: number;
  inspectRefilled: number;
  /** Messages refused for rate in the current FLOOD_WINDOW_MS, and when the window began. */
  refusedInWindow: number;
  windowStart: number;
  alive: boolean;
  authTimer: NodeJS.Timeout | null;
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time lookup of a token's cell. */
function cellForToken(tokens: ReadonlyMap<string, string>, token: string): string | null {
  const d = Buffer.from(tokenDigest(token), 'hex');
  let found: string | null = null;
  for (const [digest, cell] of tokens) {
    if (timingSafeEqual(Buffer.from(digest, 'hex'), d)) found = cell;
  }
  return found;
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.map': 'application/json' };

export class GameServer {
  readonly clock: Clock;
  views = new Views();
  #game: Game;
  /** Review: the next record to replay. */
  #recordIndex = 0;
  #seeking = false;
  readonly #o: NetOptions;
  readonly #conns = new Set<Connection>();
  #http: Server | null = null;
  #wss: WebSocketServer | null = null;
  #nextConn = 1;
  #timers: NodeJS.Timeout[] = [];
  #stepping = false;
  #stopped = false;
  /** Server CPU spent building and sending frames, ms, and frames sent (the load bench reads them). */
  readonly stats = { frameCpuMs: 0, framesBuilt: 0, framesSent: 0, frameBytes: 0, stepMs: 0, steps: 0, bytesByCell: new Map<string, number>(), framesByCell: new Map<string, number>() };

  constructor(options: NetOptions) {
    this.#o = options;
    this.#game = options.game;
    this.clock = new Clock(options.speed, options.game.model.stepMs);
  }

  get game(): Game {
    return this.#game;
  }

  /** Each open connection's id, cell and send-buffer bytes (read-only: tests and diagnostics). */
  connectionBuffers(): { conn: number; cell: string | null; buffered: number }[] {
    return [...this.#conns].map((c) => ({ conn: c.id, cell: c.cell?.id ?? null, buffered: c.ws.bufferedAmount }));
  }

  async listen(): Promise<{ host: string; port: number }> {
    const http = createServer((req, res) => this.#serveHttp(req, res));
    this.#http = http;
    const wss = new WebSocketServer({
      server: http,
      path: '/ws',
      maxPayload: MESSAGE_BYTES_MAX,
      perMessageDeflate: false,
      clientTracking: false,
      verifyClient: (info: { origin: string; req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
        if (this.#conns.size >= CONNECTIONS_MAX) return done(false, 503, 'too many connections');
        const waiting = [...this.#conns].filter((c) => !c.cell);
        const ip = info.req.socket.remoteAddress ?? '?';
        if (waiting.length >= UNAUTHENTICATED_MAX || waiting.filter((c) => c.ip === ip).length >= PER_ADDRESS_UNAUTHENTICATED_MAX) {
          this.#o.logLine({ event: 'refused', ip, code: 'unauthenticated-limit' });
          return done(false, 503, 'too many connections waiting to authenticate');
        }
        const offered = String(info.req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
        if (!offered.includes(SUBPROTOCOL)) return done(false, 400, `offer the WebSocket subprotocol ${SUBPROTOCOL}`);
        if (this.#originAllowed(info.origin)) return done(true);
        this.#o.logLine({ event: 'origin-refused', ip: info.req.socket.remoteAddress, origin: info.origin });
        done(false, 403, 'origin not allowed');
      },
      handleProtocols: (protocols: Set<string>) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.#wss = wss;
    wss.on('connection', (ws, req) => this.#connect(ws, req));
    await new Promise<void>((ok, fail) => {
      http.once('error', fail);
      http.listen(this.#o.port, this.#o.host, () => ok());
    });
    const addr = http.address();
    const port = typeof addr === 'object' && addr ? addr.port : this.#o.port;
    (this as { port?: number }).port = port;
    this.#timers.push(setInterval(() => this.#broadcast(), Math.round(1000 / this.#o.frameHz)));
    this.#timers.push(setInterval(() => this.#heartbeat(), HEARTBEAT_MS));
    this.#timers.push(setInterval(() => this.#advance(), 10));
    this.#o.logLine({ event: 'listen', host: this.#o.host, port });
    return { host: this.#o.host, port };
  }

  #originAllowed(origin: string | undefined): boolean {
    // Browsers always send Origin; a client without one is not a browser page another site could abuse.
    if (!origin) return true;
    const port = (this as { port?: number }).port ?? this.#o.port;
    const host = this.#o.host.includes(':') ? `[${this.#o.host}]` : this.#o.host;
    const own = [`http://${host}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
    return own.includes(origin) || this.#o.origins.includes(origin);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const t of this.#timers) clearInterval(t);
    for (const c of this.#conns) {
      this.#send(c, { type: 'bye', reason: 'the server is stopping' });
      c.ws.close(CLOSE.shutdown, 'server stopping');
    }
    // A peer that does not answer the close (a frozen client) is cut off after a short grace.
    const grace = setTimeout(() => {
      for (const c of this.#conns) c.ws.terminate();
    }, 2000);
    await new Promise<void>((ok) => (this.#wss ? this.#wss.close(() => ok()) : ok()));
    await new Promise<void>((ok) => (this.#http ? this.#http.close(() => ok()) : ok()));
    clearTimeout(grace);
    for (const c of this.#conns) c.ws.terminate();
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  #serveHttp(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    } catch {
      res.writeHead(400).end('bad URL\n');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      return;
    }
    const dir = this.#o.staticDir;
    if (dir && existsSync(join(dir, 'index.html'))) {
      const file = normalize(join(dir, path === '/' ? 'index.html' : path));
      if (!file.startsWith(resolve(dir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end('not found\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    const g = this.game.model;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><meta charset="utf-8"><title>Vigil - ${escapeHtml(g.name)}</title><p>${escapeHtml(g.marking)}</p>` +
      `<p>Vigil is serving <b>${escapeHtml(g.name)}</b> on WebSocket path <code>/ws</code> (protocol ${SUBPROTOCOL}). The viewer's files are not in this install (viewer/client/index.html).</p><p>${escapeHtml(g.marking)}</p>`,
    );
  }

  // ---- connections ------------------------------------------------------------------------------

  #connect(ws: WebSocket, req: IncomingMessage): void {
    const c: Connection = {
      id: this.#nextConn++, ws, ip: req.socket.remoteAddress ?? '?', cell: null, view: null, namesSent: 0, eventSeq: 0, frameTick: -1, overlaysSent: '',
      gameVersion: -1, clockSentTick: -1, clockSentVersion: -1, bucket: RATE_BURST, refilled: performance.now(), refusedInARow: 0, inspectBucket: INSPECTS_PER_S, inspectRefilled: performance.now(), refusedInWindow: 0, windowStart: performance.now(), alive: true, authTimer: null,
    };
    this.#conns.add(c);
    this.#o.logLine({ event: 'connect', conn: c.id, ip: c.ip, origin: req.headers.origin ?? null });
    ws.on('pong', () => (c.alive = true));
    ws.on('message', (data, isBinary) => this.#message(c, data, isBinary));
    ws.on('close', (code) => {
      this.#conns.delete(c);
      if (c.authTimer) clearTimeout(c.authTimer);
      this.#o.logLine({ event: 'close', conn: c.id, cell: c.cell?.id ?? null, code });
    });
    // ws closes the socket itself after a protocol error (1009 for an oversized message): let it send the close.
    ws.on('error', () => undefined);
    // A token offered as a subprotocol authenticates at once; a wrong one closes at once.
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const headerToken = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
    if (headerToken) this.#authenticate(c, headerToken.slice(TOKEN_SUBPROTOCOL_PREFIX.length), 0);
    else c.authTimer = setTimeout(() => this.#refuseAuth(c, CLOSE.authTimeout, 'no token: send {"type":"hello","token":...} first'), AUTH_TIMEOUT_MS);
  }

  #refuseAuth(c: Connection, code: number, reason: string): void {
    this.#o.logLine({ event: 'auth-failed', conn: c.id, ip: c.ip, reason });
    this.#send(c, { type: 'error', code: 'auth', message: reason });
    c.ws.close(code, reason.slice(0, 120));
  }

  #authenticate(c: Connection, token: string, sinceSeq: number): void {
    if (c.authTimer) clearTimeout(c.authTimer);
    c.authTimer = null;
    const cellId = cellForToken(this.#o.tokens, token);
    const cell = cellId === null ? undefined : this.game.cells.get(cellId);
    if (!cell) {
      this.#refuseAuth(c, CLOSE.badToken, 'bad token');
      return;
    }
    c.cell = cell;
    c.view = this.views.get(cell.role === 'white' ? [] : cell.nations);
    c.eventSeq = Math.max(0, Math.min(sinceSeq, this.game.sim.events.count));
    this.#o.logLine({ event: 'auth', conn: c.id, ip: c.ip, cell: cell.id });
    const m = this.game.model;
    const sim = this.game.sim;
    this.#send(c, {
      type: 'welcome', version: PROTOCOL_VERSION, marking: m.marking, scenario: m.name, cell,
      nations: m.nations.filter((n) => n.declared).map((n) => ({ id: n.id, name: n.name, side: n.side })),
      orders: cell.role === 'nation' ? [...m.live.orders] : [], adjudication: m.live.adjudication, levels: [...m.classificationLevels],
      clock: this.#clockState(c), frameHz: this.#o.frameHz, stepMs: m.stepMs, epochMs: sim.time.epochMs,
      ...(cell.role === 'nation' ? { assets: assetsOf(m, cell.nations) } : {}),
      ...(this.#o.review ? { review: true } : {}),
    });
    if (this.#o.review) this.#send(c, { type: 'timeline', lastTick: this.game.lastTick, records: timelineOf(this.#o.review.records) });
    this.#push(c);
  }

  #send(c: Connection, msg: ServerMessage): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    c.ws.send(JSON.stringify(msg));
  }

  #error(c: Connection, id: number | undefined, code: string, message: string): void {
    this.#send(c, { type: 'error', id, code, message });
  }

  #rateOk(c: Connection): boolean {
    const now = performance.now();
    c.bucket = Math.min(RATE_BURST, c.bucket + ((now - c.refilled) / 1000) * RATE_PER_S);
    c.refilled = now;
    if (c.bucket >= 1) {
      c.bucket -= 1;
      c.refusedInARow = 0;
      return true;
    }
    c.refusedInARow++;
    if (now - c.windowStart > FLOOD_WINDOW_MS) {
      c.windowStart = now;
      c.refusedInWindow = 0;
    }
    c.refusedInWindow++;
    if (c.refusedInARow === 1) this.#error(c, undefined, 'rate-limited', `more than ${RATE_PER_S} messages a second: slow down (messages are dropped meanwhile)`);
    // A burst, or a steady stream well over the rate (which lets one message through now and then).
    if (c.refusedInARow >= FLOOD_CLOSE_AFTER || c.refusedInWindow >= FLOOD_WINDOW_REFUSALS) {
      this.#o.logLine({ event: 'flood', conn: c.id, cell: c.cell?.id ?? null });
      c.ws.close(CLOSE.policy, 'flooding');
    }
    return false;
  }

  #message(c: Connection, data: RawData, isBinary: boolean): void {
    // Once the server closes a connection (refused, flooding, too slow) it reads nothing more from it:
    // ws still delivers what the peer sent before it saw the close.
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (!this.#rateOk(c)) return;
    if (isBinary) return this.#error(c, undefined, 'bad-message', 'binary messages are not accepted: send JSON text');
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return this.#error(c, undefined, 'bad-json', 'not JSON: every message is one JSON object');
    }
    const r = parseClientMessage(parsed);
    if (!r.ok) {
      const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : undefined;
      return this.#error(c, id, 'bad-message', r.message);
    }
    const msg = r.msg;
    if (!c.cell) {
      if (msg.type !== 'hello') return this.#refuseAuth(c, CLOSE.badToken, 'not authenticated: the first message is {"type":"hello","token":...}');
      return this.#authenticate(c, msg.token, msg.sinceSeq ?? 0);
    }
    if (msg.type === 'hello') return this.#error(c, msg.id, 'bad-message', 'already authenticated');
    if (msg.type === 'view') return this.#view(c, msg);
    if (msg.type === 'seek' && !this.#o.review) return this.#error(c, msg.id, 'bad-message', 'seek is for the review of a recorded game (vigil serve --review)');
    if (msg.type === 'inspect') return this.#inspect(c, msg);
    this.#command(c, msg);
  }

  #view(c: Connection, msg: Extract<ClientMessage, { type: 'view' }>): void {
    if (c.cell!.role !== 'white') {
      this.#o.logLine({ event: 'refused', conn: c.id, cell: c.cell!.id, type: msg.type, code: 'forbidden' });
      return this.#error(c, msg.id, 'forbidden', 'only the white cell switches pictures');
    }
    if (msg.picture !== 'truth' && !this.game.sim.tracks.nations.includes(msg.picture)) {
      this.#o.logLine({ event: 'refused', conn: c.id, cell: c.cell!.id, type: msg.type, code: 'unknown-nation' });
      return this.#error(c, msg.id, 'unknown-nation', `no declared nation '${msg.picture}'`);
    }
    c.view = this.views.get(msg.picture === 'truth' ? [] : [msg.picture]);
    c.namesSent = 0;
    c.frameTick = -1;
    c.overlaysSent = '';
    this.#send(c, { type: 'ack', id: msg.id, result: { view: msg.picture } });
  }

  #pictures = { tick: -1, game: null as Game | null, byNation: new Map<string, ReturnType<typeof pictureFor>>() };

  /** A nation's picture at the current tick, built once however many inspect it. */
  #picture(nation: string): ReturnType<typeof pictureFor> {
    const p = this.#pictures;
    if (p.tick !== this.game.tick || p.game !== this.game) Object.assign(p, { tick: this.game.tick, game: this.game, byNation: new Map() });
    let picture = p.byNation.get(nation);
    if (!picture) {
      picture = pictureFor(this.game.sim, nation);
      p.byNation.set(nation, picture);
    }
    return picture;
  }

  #inspect(c: Connection, msg: Extract<ClientMessage, { type: 'inspect' }>): void {
    const now = performance.now();
    c.inspectBucket = Math.min(INSPECTS_PER_S, c.inspectBucket + ((now - c.inspectRefilled) / 1000) * INSPECTS_PER_S);
    c.inspectRefilled = now;
    if (c.inspectBucket < 1) return this.#error(c, msg.id, 'rate-limited', `at most ${INSPECTS_PER_S} inspections a second`);
    c.inspectBucket -= 1;
    const sim = this.game.sim;
    const view = c.view!;
    const found = view.stableOf(msg.designation);
    if (found.stable < 0) return this.#send(c, { type: 'inspected', id: msg.id, designation: msg.designation, track: null });
    if (found.nation === null) {
      const o = sim.objects[found.stable]!;
      return this.#send(c, { type: 'inspected', id: msg.id, designation: msg.designation, track: { truth: true, id: o.id, name: o.name, noradId: o.noradId, owner: o.owner, kind: o.kind }, groundTrack: groundTrack(sim, found.stable) });
    }
    const picture = this.#picture(found.nation);
    const track = picture.tracks.find((t) => t.objectId === msg.designation) ?? picture.uncorrelated.find((u) => u.designation === msg.designation) ?? null;
    this.#send(c, { type: 'inspected', id: msg.id, designation: msg.designation, track: track && { nation: found.nation, ...track }, groundTrack: track ? groundTrack(sim, found.stable, heldOrbit(sim, found.nation, found.stable)) : [] });
  }

  #command(c: Connection, msg: ClientMessage): void {
    const cell = c.cell!;
    if (this.#o.review) return this.#reviewCommand(c, msg);
    const game = this.game;
    const tick = game.tick;
    let result: unknown;
    try {
      result = game.command(cell.id, msg);
    } catch (e) {
      if (!(e instanceof CommandError)) {
        // A fault of the server's own: said, logged, and the game goes on for everyone.
        this.#o.logLine({ event: 'internal-error', conn: c.id, cell: cell.id, type: msg.type, message: (e as Error).message });
        return this.#error(c, msg.id, 'internal', 'the server could not carry out this command (logged): tell the exercise support team');
      }
      this.#o.logLine({ event: 'refused', conn: c.id, cell: cell.id, type: msg.type, code: e.code });
      return this.#error(c, msg.id, e.code, e.message);
    }
    if (msg.type === 'clock') {
      this.#pace(msg);
      this.#clockVersion++;
    }
    // Durable before acknowledged.
    const command: Record<string, unknown> = { ...msg };
    delete command.id;
    this.#o.log?.append({ type: 'command', seq: this.#commandSeq++, tick, after: game.tick, cell: cell.id, command, wallUtc: new Date().toISOString() }, true);
    this.#o.logLine({ event: 'command', conn: c.id, cell: cell.id, type: msg.type, tick });
    this.#send(c, { type: 'ack', id: msg.id, result });
    // The commanding cell sees the change at once; the others with the next broadcast (at most frameHz a
    // second), so a burst of commands is sent once, not once per command to every connection.
    this.#push(c);
  }

  #commandSeq = 0;

  /** A review's white cell runs the clock over the recorded game and seeks; nothing else. */
  #reviewCommand(c: Connection, msg: ClientMessage): void {
    if (c.cell!.role !== 'white' || !REVIEW_COMMANDS.has(msg.type)) return this.#error(c, msg.id, 'review', 'this is the review of a recorded game: it can be watched, run and scrubbed, not changed');
    if (msg.type === 'seek') {
      const target = Math.max(0, Math.min(msg.tick, this.game.lastTick));
      void this.#seek(target).then(() => this.#send(c, { type: 'ack', id: msg.id, result: { tick: target } }));
      return;
    }
    if (msg.type !== 'clock') return;
    if (msg.action === 'step') this.clock.startRunTo(Math.min(this.game.tick + 1, this.game.lastTick));
    else this.#pace(msg);
    this.#clockVersion++;
    this.#send(c, { type: 'ack', id: msg.id, result: { tick: this.game.tick } });
    this.#broadcast();
  }

  #seekSeq = 0;

  /** Review: to `tick`, forward by running, back by starting the recorded game again; the latest seek wins. */
  async #seek(tick: number): Promise<void> {
    const seq = ++this.#seekSeq;
    if (tick < this.game.tick || this.#seeking) {
      this.#seeking = true;
      try {
        const game = await this.#o.review!.newGame();
        // A later seek came while this one waited: it decides.
        if (seq !== this.#seekSeq) {
          game.dispose();
          return;
        }
        const old = this.#game;
        this.#game = game;
        old.dispose();
        this.#recordIndex = 0;
        this.views = new Views();
        for (const c of this.#conns) {
          if (!c.cell) continue;
          c.view = this.views.get(c.view?.truth !== false ? [] : c.view.nations);
          Object.assign(c, { namesSent: 0, frameTick: -1, overlaysSent: '', eventSeq: 0, gameVersion: -1 });
          this.#send(c, { type: 'reset', reason: `review: back to tick ${tick}` });
        }
      } finally {
        this.#seeking = false;
      }
    }
    this.clock.pause();
    this.clock.startRunTo(tick);
    this.#clockVersion++;
  }

  /** Review: the recorded commands due at the current tick, in their order, through the same game code. */
  #replayDue(): void {
    const records = this.#o.review!.records;
    while (this.#recordIndex < records.length) {
      const r = records[this.#recordIndex];
      if (r.type === 'command' && r.tick > this.game.tick) break;
      if (r.type !== 'command' && r.tick > this.game.tick) break;
      this.#recordIndex++;
      if (r.type !== 'command') continue;
      try {
        this.game.command(r.cell, r.command as unknown as ClientMessage);
      } catch (e) {
        this.#o.logLine({ event: 'internal-error', type: 'review', message: (e as Error).message, seq: r.seq });
      }
    }
  }
  /** Bumped whenever the clock's state changes (pause, speed, run-to, its stop): cells are told at once. */
  #clockVersion = 0;

  /** Continue numbering after the commands a resumed log already holds. */
  set commandSeq(n: number) {
    this.#commandSeq = n;
  }

  #pace(msg: Extract<ClientMessage, { type: 'clock' }>): void {
    const now = performance.now();
    const tick = this.game.tick;
    if (msg.action === 'pause' || msg.action === 'step') this.clock.pause();
    else if (msg.action === 'resume') this.clock.resume(now, tick);
    else if (msg.action === 'speed') this.clock.setSpeed(msg.speed, now, tick);
    else if (msg.action === 'run-to') this.clock.startRunTo(Math.min(runToTick(this.game, msg), this.game.lastTick));
  }

  /** The clock as a cell sees it: where the white cell means to stop is the white cell's. */
  #clockState(c?: Connection): ReturnType<Clock['state']> {
    const sim = this.game.sim;
    const s = this.clock.state(sim.tick, this.game.lastTick, isoUtc(simTimeMs(sim.time, sim.tick)));
    return c && c.cell?.role !== 'white' ? { ...s, runTo: null } : s;
  }

  // ---- the loop ---------------------------------------------------------------------------------

  /** Step toward the clock's target for at most SLICE_MS, then let the sockets be served. */
  #advance(): void {
    if (this.#stepping || this.#stopped || this.#seeking) return;
    this.#stepping = true;
    try {
      const start = performance.now();
      const game = this.game;
      let target = this.clock.target(start, game.tick);
      let stepped = false;
      if (this.#o.review) this.#replayDue();
      while (game.tick < Math.min(target, game.lastTick) && performance.now() - start < SLICE_MS) {
        const t0 = performance.now();
        game.step();
        if (this.#o.review) this.#replayDue();
        this.stats.stepMs += performance.now() - t0;
        this.stats.steps++;
        stepped = true;
        target = this.clock.target(performance.now(), game.tick);
      }
      let stopped = false;
      if (this.clock.runTo !== null && game.tick >= Math.min(this.clock.runTo, game.lastTick)) stopped = true;
      if (game.tick >= game.lastTick && !this.clock.paused) stopped = true;
      if (stopped) {
        this.clock.pause();
        this.#clockVersion++;
      }
      if (stepped) {
        this.clock.note(performance.now(), game.tick);
        // Where the clock stops is always recorded: a resume comes back to it.
        this.#o.onProgress?.(stopped);
      }
    } finally {
      this.#stepping = false;
    }
  }

  #heartbeat(): void {
    for (const c of this.#conns) {
      if (!c.alive) {
        this.#o.logLine({ event: 'dead-peer', conn: c.id, cell: c.cell?.id ?? null });
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  #broadcast(): void {
    for (const c of this.#conns) if (c.cell) this.#push(c);
  }

  /** Everything new for one connection, as far as its send buffer allows. */
  #push(c: Connection): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > BUFFER_BYTES_MAX) {
      this.#o.logLine({ event: 'slow', conn: c.id, cell: c.cell?.id ?? null, buffered: c.ws.bufferedAmount });
      c.ws.close(CLOSE.tooSlow, 'too slow: reconnect with sinceSeq to catch up');
      return;
    }
    const game = this.game;
    const sim = game.sim;
    if (c.clockSentTick !== sim.tick || c.clockSentVersion !== this.#clockVersion || c.gameVersion !== game.version) {
      this.#send(c, { type: 'clock', clock: this.#clockState(c) });
      c.clockSentTick = sim.tick;
      c.clockSentVersion = this.#clockVersion;
    }
    if (c.gameVersion !== game.version) {
      c.gameVersion = game.version;
      this.#pushGame(c);
    }
    this.#pushEvents(c);
    if (c.ws.bufferedAmount > FRAME_BUFFER_BYTES || c.frameTick === sim.tick || !c.view) return;
    const t0 = performance.now();
    const frame = c.view.frame(sim, this.views.geo(sim));
    const overlays = c.view.overlays(sim);
    if (overlays !== c.overlaysSent) {
      c.ws.send(`{"type":"overlays","overlays":${overlays}}`);
      c.overlaysSent = overlays;
    }
    if (c.view.names.length > c.namesSent) {
      this.#send(c, { type: 'names', from: c.namesSent, names: c.view.names.slice(c.namesSent) });
      c.namesSent = c.view.names.length;
    }
    c.ws.send(frame);
    this.stats.frameCpuMs += performance.now() - t0;
    this.stats.framesSent++;
    this.stats.frameBytes += frame.byteLength;
    const key = c.cell!.id;
    this.stats.bytesByCell.set(key, (this.stats.bytesByCell.get(key) ?? 0) + frame.byteLength);
    this.stats.framesByCell.set(key, (this.stats.framesByCell.get(key) ?? 0) + 1);
    c.frameTick = sim.tick;
  }

  #pushEvents(c: Connection): void {
    const log = this.game.sim.events;
    const cell = c.cell!;
    while (c.eventSeq < log.count && c.ws.bufferedAmount <= FRAME_BUFFER_BYTES) {
      const chunk = log.slice(c.eventSeq, c.eventSeq + EVENTS_PER_MESSAGE);
      c.eventSeq += chunk.length;
      const visible = cell.role === 'white' ? chunk : chunk.filter((e) => cell.nations.some((n) => eventVisibleTo(e.visibility, n)));
      if (visible.length > 0) this.#send(c, { type: 'events', events: visible.map((e) => eventForWire(e, cell.role === 'white')) });
    }
  }

  #pushGame(c: Connection): void {
    const game = this.game;
    const cell = c.cell!;
    if (cell.role === 'white') {
      this.#send(c, { type: 'msel', injects: game.msel, responses: game.responsesView() });
      this.#send(c, { type: 'orders', orders: game.orders });
    } else if (cell.role === 'nation') {
      this.#send(c, { type: 'orders', orders: game.orders.filter((o) => o.cell === cell.id) });
    }
  }
}

/** An event as a cell gets it: an inject's expected response is the white cell's alone. */
function eventForWire(e: SimEvent, white: boolean): unknown {
  const payload = !white && e.kind === 'inject' ? { ...(e.payload as SimEvent<'inject'>['payload']), expect: null } : e.payload;
  return { seq: e.seq, tick: e.tick, timeUtc: e.timeUtc, kind: e.kind, classification: e.visibility.classification, subjects: e.subjects, payload };
}

/** The recorded commands in words, for a review's timeline. */
function timelineOf(records: readonly LogRecord[]): { seq: number; tick: number; cell: string; type: string; text: string }[] {
  const out: { seq: number; tick: number; cell: string; type: string; text: string }[] = [];
  for (const r of records) {
    if (r.type !== 'command') continue;
    const c = r.command as Record<string, unknown>;
    const o = c.order as Record<string, unknown> | undefined;
    const text = c.type === 'clock' ? `clock ${String(c.action)}${c.speed ? ` ${String(c.speed)}x` : ''}${c.tick !== undefined ? ` to tick ${String(c.tick)}` : ''}${c.timeUtc ? ` to ${String(c.timeUtc)}` : ''}`
      : c.type === 'order' && o ? `${String(o.nation)} orders ${String(o.kind)}: ${JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'kind' && k !== 'nation')))}`
        : c.type === 'adjudicate' ? `${c.approve ? 'approves' : 'denies'} ${String(c.order)}${c.reason ? ` (${String(c.reason)})` : ''}`
          : c.type === 'inject' ? `ad-hoc inject ${String((c.inject as Record<string, unknown>)?.id)}: ${String((c.inject as Record<string, unknown>)?.title ?? '')}`
            : c.type === 'respond' ? `marks ${String(c.nation)} responded to ${String(c.inject)}`
              : `${String(c.type)} ${String(c.inject ?? '')}`;
    out.push({ seq: r.seq, tick: r.tick, cell: r.cell, type: String(c.type), text });
  }
  return out;
}

/** What a nation cell may give orders to: its nations' sensors, jammers, weapons and the agreements they provide. */
function assetsOf(m: Game['model'], nations: readonly string[]): { sensors: string[]; jammers: string[]; weapons: string[]; agreements: string[] } {
  const own = (x: { owner: string }) => nations.includes(x.owner);
  const cs = m.counterspace;
  return {
    sensors: m.sensors.filter(own).map((s) => s.id),
    jammers: m.jammers.filter(own).map((j) => j.id),
    weapons: [...cs.launchers.filter(own), ...cs.coOrbital.filter(own), ...cs.lasers.filter(own)].map((w) => w.id),
    agreements: m.agreements.filter((a) => nations.includes(a.provider)).map((a) => a.id),
  };
}

/** A run-to's target tick: as given, or the first tick at or after the time given. */
export function runToTick(game: Game, msg: { tick?: number; timeUtc?: string }): number {
  if (msg.tick !== undefined) return msg.tick;
  const ms = Date.parse(msg.timeUtc!) - game.sim.time.epochMs;
  return Math.max(0, Math.ceil(ms / game.model.stepMs));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
