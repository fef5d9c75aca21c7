// A fixed-window counter per key (e.g. registrations per address per hour). Memory is bounded:
// keys whose window has passed are dropped on the next sweep, and at most `maxKeys` are kept
// (past that, the oldest windows are forgotten first: a flood of fresh addresses cannot grow it).
export class WindowCounter {
	#hits = new Map<string, { start: number; n: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly maxKeys = 100_000,
		private readonly now: () => number = Date.now
	) {}

	/** Counts one hit for `key`; false when the key is already at its limit (not counted). */
	take(key: string): boolean {
		const t = this.now();
		let h = this.#hits.get(key);
		if (!h || t - h.start >= this.windowMs) {
			if (h) this.#hits.delete(key);
			if (this.#hits.size >= this.maxKeys) this.#sweep(t);
			h = { start: t, n: 0 };
			this.#hits.set(key, h);
		}
		if (h.n >= this.limit) return false;
		h.n++;
		return true;
	}

	#sweep(t: number): void {
		for (const [k, h] of this.#hits) if (t - h.start >= this.windowMs) this.#hits.delete(k);
		// Insertion order is window-start order: drop the oldest until there is room.
		for (const k of this.#hits.keys()) {
			if (this.#hits.size < this.maxKeys) break;
			this.#hits.delete(k);
		}
	}
}
