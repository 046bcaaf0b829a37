/**
 * The game clock: when ticks happen (never what they do: game.ts). Server-authoritative wall-clock
 * pacing: running at `speed` sim seconds per wall second the sim should stand at
 * anchorTick + (now - anchorWall) x speed / step; the server steps whole ticks toward that in slices
 * that leave room for the network. When the sim cannot keep up (a big catalog at a high speed) the clock
 * slips rather than piling up a backlog: it re-anchors, and `achievedSpeed` says what it managed.
 * `run-to` runs as fast as the machine allows to a tick, then pauses.
 */
import type { ClockState } from '../protocol.js';

export const SPEED_MIN = 1;
export const SPEED_MAX = 3600;
/** Wall time one slice of stepping may take before the server serves its sockets again, ms. */
export const SLICE_MS = 40;
/** Backlog (wall ms of sim time not yet stepped) past which the clock slips instead of catching up. */
const SLIP_MS = 1000;

export class Clock {
  paused = true;
  speed: number;
  runTo: number | null = null;
  #anchorWall = 0;
  #anchorTick = 0;
  #history: { wall: number; tick: number }[] = [];

  constructor(speed: number, readonly stepMs: number) {
    this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
  }

  pause(): void {
    this.paused = true;
    this.runTo = null;
    this.#history = [];
  }

  resume(nowMs: number, tick: number): void {
    this.paused = false;
    this.runTo = null;
    this.#history = [];
    this.#anchor(nowMs, tick);
  }

  setSpeed(speed: number, nowMs: number, tick: number): void {
    this.speed = speed;
    this.#anchor(nowMs, tick);
  }

  startRunTo(target: number): void {
    this.runTo = target;
  }

  #anchor(nowMs: number, tick: number): void {
    this.#anchorWall = nowMs;
    this.#anchorTick = tick;
  }

  /** The tick the sim should reach now (its current tick when paused). */
  target(nowMs: number, tick: number): number {
    if (this.runTo !== null) return this.runTo;
    if (this.paused) return tick;
    const due = this.#anchorTick + Math.floor(((nowMs - this.#anchorWall) * this.speed) / this.stepMs);
    if ((due - tick) * (this.stepMs / this.speed) > SLIP_MS) {
      // Behind by more than a second of wall time: slip, do not pile up.
      this.#anchor(nowMs, tick);
      return tick + 1;
    }
    return due;
  }

  /** Record progress (for achievedSpeed). */
  note(nowMs: number, tick: number): void {
    this.#history.push({ wall: nowMs, tick });
    while (this.#history.length > 2 && nowMs - this.#history[0].wall > 5000) this.#history.shift();
  }

  achievedSpeed(): number {
    const h = this.#history;
    if (h.length < 2) return 0;
    const a = h[0], b = h[h.length - 1];
    return b.wall > a.wall ? ((b.tick - a.tick) * this.stepMs) / (b.wall - a.wall) : 0;
  }

  state(tick: number, lastTick: number, timeUtc: string): ClockState {
    return { tick, lastTick, timeUtc, paused: this.paused && this.runTo === null, speed: this.speed, runTo: this.runTo, achievedSpeed: Math.round(this.achievedSpeed() * 10) / 10 };
  }
}
