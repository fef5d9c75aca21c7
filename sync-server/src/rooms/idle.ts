// One timer per key that fires once after a quiet period (rooms nobody is in, manager.ts).
export class IdleTimers<K> {
	readonly #timers = new Map<K, NodeJS.Timeout>();
	readonly #ms: number;
	readonly #onIdle: (key: K) => void;

	constructor(ms: number, onIdle: (key: K) => void) {
		this.#ms = ms;
		this.#onIdle = onIdle;
	}

	/** (Re)starts the key's timer; it does not keep the process alive. */
	start(key: K): void {
		this.cancel(key);
		const timer = setTimeout(() => {
			this.#timers.delete(key);
			this.#onIdle(key);
		}, this.#ms);
		timer.unref();
		this.#timers.set(key, timer);
	}

	cancel(key: K): void {
		clearTimeout(this.#timers.get(key));
		this.#timers.delete(key);
	}

	clear(): void {
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#timers.clear();
	}
}
