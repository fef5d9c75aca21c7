// Rooms that failed to load: the failure is cached (a stock client's retries cost a map
// lookup, not another load that may take the heap with it), logged once, counted on
// /metrics, and other rooms are unaffected. After ROOM_QUARANTINE_MS the room is tried
// again; `npm run relay:room -- inspect|repair <room>` is how an operator looks and fixes.
import { log } from '../log.ts';
import type { Metrics } from '../metrics.ts';

export class Quarantine {
	#rooms = new Map<string, { until: number; error: string }>();
	#ms: number;
	#metrics: Metrics;

	constructor(ms: number, metrics: Metrics) {
		this.#ms = ms;
		this.#metrics = metrics;
	}

	/** Why the room is refused now, or null. */
	check(room: string): string | null {
		const q = this.#rooms.get(room);
		if (!q) return null;
		if (q.until > Date.now()) return q.error;
		this.release(room);
		return null;
	}

	add(room: string, error: string): void {
		this.#rooms.set(room, { until: Date.now() + this.#ms, error });
		this.#metrics.quarantined.set(this.#rooms.size);
		log('room_quarantined', { room, error: error.slice(0, 200), forMs: this.#ms });
	}

	release(room: string): void {
		this.#rooms.delete(room);
		this.#metrics.quarantined.set(this.#rooms.size);
	}

	list(): Map<string, string> {
		return new Map([...this.#rooms].map(([room, q]) => [room, q.error]));
	}
}
