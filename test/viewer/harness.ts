/**
 * A live game in the test process: `vigil serve` on a free port with a run folder under the system temp
 * folder, and clients that record every message and every byte the server sends them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serveCommand, type ServeInfo } from '../../cli/commands/serve.js';
import { decodeFrame, SUBPROTOCOL, type FrameGlyph, type FrameHeader } from '../../viewer/protocol.js';

export interface Running {
  info: ServeInfo;
  stop(): Promise<number>;
  wsUrl: string;
}

export async function startGame(scenario: string, options: { runs?: string; resume?: string; review?: string; origin?: string[] } = {}): Promise<Running> {
  let stop!: () => void;
  const until = new Promise<void>((ok) => (stop = ok));
  let resolveInfo!: (i: ServeInfo) => void;
  const listening = new Promise<ServeInfo>((ok) => (resolveInfo = ok));
  const runs = options.runs ?? mkdtempSync(join(tmpdir(), 'vigil-serve-'));
  const done = serveCommand({ scenario: options.resume || options.review ? undefined : scenario, resume: options.resume, review: options.review, port: 0, runs, until, origin: options.origin, onListening: resolveInfo });
  const info = await Promise.race([listening, done.then((code) => Promise.reject(new Error(`serve exited ${code} before listening`)))]);
  return {
    info,
    wsUrl: `${info.url.replace(/^http/, 'ws')}ws`,
    stop: async () => {
      stop();
      return done;
    },
  };
}

export interface Received {
  json: Record<string, unknown>[];
  frames: { header: FrameHeader; glyphs: FrameGlyph[] }[];
  /** Every byte received, text and binary, in order. */
  bytes: Buffer[];
  closed: { code: number; reason: string } | null;
}

export class Client {
  readonly got: Received = { json: [], frames: [], bytes: [], closed: null };
  #id = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, binary) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      this.got.bytes.push(buf);
      if (binary) {
        const f = decodeFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
        if (f) this.got.frames.push(f);
      } else this.got.json.push(JSON.parse(buf.toString()) as Record<string, unknown>);
    });
    ws.on('close', (code, reason) => (this.got.closed = { code, reason: reason.toString() }));
  }

  /** Open a connection; with `token`, say hello with it. */
  static async open(run: Pick<Running, 'wsUrl'>, token?: string, protocols: string[] = [SUBPROTOCOL], headers: Record<string, string> = {}): Promise<Client> {
    const ws = new WebSocket(run.wsUrl, protocols, { headers });
    const c = new Client(ws);
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    });
    if (token !== undefined) {
      c.send({ type: 'hello', token });
      await c.waitFor((m) => m.type === 'welcome' || m.type === 'error');
    }
    return c;
  }

  send(msg: Record<string, unknown>): number {
    const id = this.#id++;
    this.ws.send(JSON.stringify({ ...msg, id }));
    return id;
  }

  /** Send and wait for the ack or error of that message. */
  async request(msg: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.send(msg);
    return this.waitFor((m) => (m.type === 'ack' || m.type === 'error' || m.type === 'inspected') && m.id === id);
  }

  async waitFor(pred: (m: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const start = Date.now();
    for (;;) {
      const m = this.got.json.find(pred);
      if (m) return m;
      if (this.got.closed) throw new Error(`closed ${this.got.closed.code} ${this.got.closed.reason} while waiting`);
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a message');
      await sleep(20);
    }
  }

  async waitForFrame(pred: (f: { header: FrameHeader }) => boolean, timeoutMs = 20_000): Promise<{ header: FrameHeader; glyphs: FrameGlyph[] }> {
    const start = Date.now();
    for (;;) {
      const f = this.got.frames.findLast(pred);
      if (f) return f;
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a frame');
      await sleep(20);
    }
  }

  /** Designation of a frame slot, from the names messages received. */
  nameOf(slot: number): string | undefined {
    for (const m of this.got.json) {
      if (m.type !== 'names') continue;
      const from = m.from as number;
      const names = m.names as { d: string }[];
      if (slot >= from && slot < from + names.length) return names[slot - from].d;
    }
    return undefined;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((ok) => {
      this.ws.once('close', () => ok());
      this.ws.close();
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Run the white clock to `tick` and wait until every given client has a frame of it. */
export async function runTo(white: Client, tick: number, watchers: Client[] = []): Promise<void> {
  const r = await white.request({ type: 'clock', action: 'run-to', tick });
  if (r.type !== 'ack') throw new Error(`run-to refused: ${JSON.stringify(r)}`);
  for (const c of [white, ...watchers]) await c.waitForFrame((f) => f.header.tick >= tick, 60_000);
}
