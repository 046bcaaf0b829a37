/**
 * The viewer's WebSocket to `vigil serve` (protocol.ts): the token goes in the first message, never in
 * the URL; requests are matched to their ack or error by id; a dropped connection reconnects with the
 * sequence number of the last event held, so nothing is missed and nothing repeated.
 */
import { CLOSE, SUBPROTOCOL } from '../../protocol.js';

export type Json = Record<string, unknown>;

export interface ConnectionHandlers {
  json(m: Json): void;
  frame(bytes: Uint8Array): void;
  status(text: string): void;
  /** The server refused the token: no reconnection. */
  refused(reason: string): void;
}

export class Connection {
  #ws: WebSocket | null = null;
  #nextId = 1;
  #pending = new Map<number, (m: Json) => void>();
  #closedForGood = false;
  #retryMs = 500;
  /** The next event sequence number wanted (events already held are not sent again). */
  sinceSeq = 0;

  constructor(readonly url: string, readonly token: string, readonly h: ConnectionHandlers) {}

  open(): void {
    const ws = new WebSocket(this.url, [SUBPROTOCOL]);
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    this.h.status('connecting...');
    ws.onopen = () => {
      this.#retryMs = 500;
      this.h.status('connected');
      // The first message binds the connection to the cell and says where the events resume.
      ws.send(JSON.stringify({ type: 'hello', token: this.token, sinceSeq: this.sinceSeq }));
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') {
        const m = JSON.parse(e.data) as Json;
        if (typeof m.id === 'number' && (m.type === 'ack' || m.type === 'error' || m.type === 'inspected')) {
          const resolve = this.#pending.get(m.id);
          this.#pending.delete(m.id);
          resolve?.(m);
        }
        this.h.json(m);
      } else this.h.frame(new Uint8Array(e.data as ArrayBuffer));
    };
    ws.onclose = (e) => {
      for (const resolve of this.#pending.values()) resolve({ type: 'error', code: 'disconnected', message: 'the connection closed' });
      this.#pending.clear();
      if (e.code === CLOSE.badToken || e.code === CLOSE.authTimeout) {
        this.#closedForGood = true;
        this.h.refused(e.reason || 'the server refused the token');
        return;
      }
      if (this.#closedForGood) return;
      this.h.status(`disconnected (${e.code}); reconnecting...`);
      setTimeout(() => this.open(), this.#retryMs);
      this.#retryMs = Math.min(10_000, this.#retryMs * 2);
    };
  }

  send(m: Json): number {
    const id = this.#nextId++;
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify({ ...m, id }));
    return id;
  }

  /** Send and resolve with the ack, error or inspected answer. */
  request(m: Json, timeoutMs = 15_000): Promise<Json> {
    return new Promise((resolve) => {
      if (this.#ws?.readyState !== WebSocket.OPEN) return resolve({ type: 'error', code: 'disconnected', message: 'not connected' });
      const id = this.send(m);
      this.#pending.set(id, resolve);
      // A request the server dropped (rate limit) must not wait for ever.
      setTimeout(() => {
        if (!this.#pending.delete(id)) return;
        resolve({ type: 'error', code: 'timeout', message: 'no answer from the server (too many requests?)' });
      }, timeoutMs);
    });
  }

  close(): void {
    this.#closedForGood = true;
    this.#ws?.close();
  }
}
