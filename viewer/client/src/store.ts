/**
 * What the viewer holds of its cell's game: the welcome (cell, nations, orders), the clock, the names
 * table and the last two frames (positions are interpolated between them), events, the white cell's
 * MSEL and orders, overlays, and the metrics history the charts draw.
 */
import { decodeFrameHeader, FRAME_HEADER_BYTES, FRAME_RECORD_BYTES, type ClockState, type FrameHeader, type Overlays } from '../../protocol.js';

export type { Overlays };
import type { Json } from './connection.js';

export interface Name { d: string; n: string; norad: number | null; k: string | null }

export interface Frame {
  header: FrameHeader;
  /** Arrival, ms (performance.now). */
  at: number;
  slot: Uint32Array;
  lat: Float32Array;
  lon: Float32Array;
  alt: Float32Array;
  state: Uint8Array;
  sigma: Uint8Array;
}

export interface EventView { seq: number; tick: number; timeUtc: string; kind: string; classification: string; subjects: string[]; payload: Json }

export interface Welcome {
  marking: string;
  scenario: string;
  cell: { id: string; name: string; role: 'white' | 'nation' | 'observer'; nations: string[] };
  nations: { id: string; name: string; side: string }[];
  orders: string[];
  adjudication: string;
  levels: string[];
  review?: boolean;
  stepMs: number;
  epochMs: number;
  assets?: { sensors: string[]; jammers: string[]; weapons: string[]; agreements: string[] };
}

/** Most events the feed keeps. */
export const EVENTS_KEPT = 2000;
/** Points each chart keeps. */
export const HISTORY_MAX = 600;

export class Store {
  welcome: Welcome | null = null;
  clock: ClockState | null = null;
  names: Name[] = [];
  prev: Frame | null = null;
  next: Frame | null = null;
  events: EventView[] = [];
  lastSeq = -1;
  msel: Json[] = [];
  responses: Json[] = [];
  orders: Json[] = [];
  overlays: Overlays | null = null;
  /** Review: the recorded commands. */
  timeline: { lastTick: number; records: { seq: number; tick: number; cell: string; type: string; text: string }[] } | null = null;
  /** Per tick: [tick, custody (or objects for truth), satcom availability, pnt availability]. */
  history: [number, number, number | null, number | null][] = [];
  readonly listeners = new Set<(what: string) => void>();

  on(f: (what: string) => void): void {
    this.listeners.add(f);
  }

  emit(what: string): void {
    for (const f of this.listeners) f(what);
  }

  json(m: Json): void {
    switch (m.type) {
      case 'welcome':
        this.welcome = m as unknown as Welcome;
        this.clock = m.clock as ClockState;
        // A new connection's names table starts again.
        this.names = [];
        this.prev = this.next = null;
        this.emit('welcome');
        break;
      case 'clock':
        this.clock = m.clock as ClockState;
        this.emit('clock');
        break;
      case 'names': {
        const from = m.from as number;
        const names = m.names as Name[];
        for (let i = 0; i < names.length; i++) this.names[from + i] = names[i];
        break;
      }
      case 'events':
        for (const e of m.events as EventView[]) {
          if (e.seq <= this.lastSeq) continue;
          this.events.push(e);
          this.lastSeq = e.seq;
        }
        if (this.events.length > EVENTS_KEPT) this.events.splice(0, this.events.length - EVENTS_KEPT);
        this.emit('events');
        break;
      case 'msel':
        this.msel = m.injects as Json[];
        this.responses = m.responses as Json[];
        this.emit('msel');
        break;
      case 'orders':
        this.orders = m.orders as Json[];
        this.emit('orders');
        break;
      case 'reset':
        this.events = [];
        this.lastSeq = -1;
        this.names = [];
        this.prev = this.next = null;
        this.history = [];
        this.emit('reset');
        break;
      case 'timeline':
        this.timeline = m as unknown as NonNullable<Store['timeline']>;
        this.emit('timeline');
        break;
      case 'overlays':
        this.overlays = m.overlays as Overlays;
        this.emit('overlays');
        break;
      default:
        break;
    }
  }

  frame(bytes: Uint8Array, at: number): void {
    const header = decodeFrameHeader(bytes);
    if (!header) return;
    const n = header.count;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const f: Frame = { header, at, slot: new Uint32Array(n), lat: new Float32Array(n), lon: new Float32Array(n), alt: new Float32Array(n), state: new Uint8Array(n), sigma: new Uint8Array(n) };
    for (let i = 0; i < n; i++) {
      const o = FRAME_HEADER_BYTES + i * FRAME_RECORD_BYTES;
      f.slot[i] = v.getUint32(o, true);
      f.lat[i] = (v.getInt16(o + 4, true) * 90) / 32767;
      f.lon[i] = (v.getInt16(o + 6, true) * 180) / 32767;
      f.alt[i] = v.getUint16(o + 8, true);
      f.state[i] = v.getUint8(o + 10);
      f.sigma[i] = v.getUint8(o + 11);
    }
    // A frame of another view (the picture switcher) starts the interpolation again.
    this.prev = this.next && this.next.header.truth === header.truth && this.next.header.tick < header.tick ? this.next : null;
    this.next = f;
    this.#record(f);
    this.emit('frame');
  }

  #record(f: Frame): void {
    let custody = 0;
    for (let i = 0; i < f.header.count; i++) if (f.header.truth || f.state[i] === 0) custody++;
    const o = this.overlays;
    const satcom = o && o.satcom.length > 0 ? o.satcom.filter((s) => s.up).length / o.satcom.length : null;
    const pnt = o && o.pnt.length > 0 ? o.pnt.reduce((a, p) => a + p.fixFraction, 0) / o.pnt.length : null;
    const last = this.history.at(-1);
    if (last && last[0] === f.header.tick) return;
    this.history.push([f.header.tick, custody, satcom, pnt]);
    if (this.history.length > HISTORY_MAX) this.history.shift();
  }

  nameOf(slot: number): Name | undefined {
    return this.names[slot];
  }
}
