/**
 * The event log: typed entries saying what happened, at which tick, to which subjects, and who may see it.
 * The CLI writes it as JSONL; the live server streams each cell the entries its visibility allows.
 * The log is bounded (`limits.eventsMax`): past the limit one `limit-reached` event is kept and the rest
 * are counted, never silently lost.
 *
 * Read next: systems/injects.ts (MSEL entries become events), model.ts (VisibilityModel).
 */
import { createHash } from 'node:crypto';
/** Visible to the white cell only: ground truth nobody has observed. */
export const WHITE_ONLY = Object.freeze({ owner: null, classification: 'UNCLASSIFIED', releasableTo: [], caveats: [] });
/** Visible to every cell. */
export const PUBLIC = Object.freeze({ owner: null, classification: 'UNCLASSIFIED', releasableTo: 'all', caveats: [] });
/** An append-only, bounded log. */
export class EventLog {
    eventsMax;
    #events = [];
    #dropped = 0;
    #digest = '';
    constructor(eventsMax) {
        this.eventsMax = eventsMax;
    }
    /** Append an event; returns it, or null when the limit has been reached (the drop is counted). */
    push(tick, timeUtc, kind, subjects, payload, visibility) {
        if (this.#events.length >= this.eventsMax) {
            this.#dropped++;
            return null;
        }
        if (this.#events.length === this.eventsMax - 1 && kind !== 'limit-reached') {
            this.#append({ seq: this.#events.length, tick, timeUtc, kind: 'limit-reached', subjects: [], payload: { limit: 'eventsMax', value: this.eventsMax }, visibility: WHITE_ONLY });
            this.#dropped++;
            return null;
        }
        const event = { seq: this.#events.length, tick, timeUtc, kind, subjects: [...subjects].sort(), payload, visibility };
        this.#append(event);
        return event;
    }
    #append(event) {
        this.#events.push(event);
        // A running digest lets the state hash cover the whole log without rehashing it every tick.
        this.#digest = createHash('sha256').update(this.#digest).update(JSON.stringify(event)).digest('hex');
    }
    /** Events with seq >= `fromSeq`, in order. */
    since(fromSeq) {
        return this.#events.slice(fromSeq);
    }
    get count() {
        return this.#events.length;
    }
    /** Events refused because the log was full. */
    get dropped() {
        return this.#dropped;
    }
    /** sha256 chained over every event logged so far ('' when empty). */
    get digest() {
        return this.#digest;
    }
}
//# sourceMappingURL=events.js.map