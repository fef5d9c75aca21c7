// Background compaction of room logs (the store folds them into a snapshot, off the main
// thread for SQLite). One at a time per room; the result refreshes the room's stored bytes.
import { log } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RoomStore } from '../store/types.ts';

export class Compactor {
	#store: RoomStore;
	#metrics: Metrics;
	#running = new Set<string>();
	#done: (room: string) => Promise<void>;

	/** `done`: after a compaction that folded something (refresh the room's usage). */
	constructor(store: RoomStore, metrics: Metrics, done: (room: string) => Promise<void>) {
		this.#store = store;
		this.#metrics = metrics;
		this.#done = done;
	}

	compact(room: string): void {
		if (this.#running.has(room)) return;
		this.#running.add(room);
		const stop = this.#metrics.storeSeconds.startTimer({ op: 'compact' });
		this.#store
			.compact(room)
			.then(async (r) => {
				if (r.merged === 0) return;
				this.#metrics.compactions.inc();
				await this.#done(room);
			})
			.catch((err: unknown) => log('compact_failed', { room, error: String(err) }))
			.finally(() => {
				stop();
				this.#running.delete(room);
			});
	}
}
