// Backpressure: a message is handled only when every budget it is charged to (the
// connection's message rate; for sync step 1 and query-awareness also its token's and its
// room's answer rates) has room. Otherwise the socket stops being read (ws.pause(): TCP
// then pushes back on the sender) and what was already read waits here, in order, until the
// budgets refill. Nothing is dropped and nobody is closed for going fast. Decision 0006.
import type { WebSocket } from 'ws';
import type { TokenBucket } from './limits.ts';

export class Inbox {
	#ws: WebSocket;
	#budgets: (message: Buffer) => readonly TokenBucket[];
	#handle: (message: Buffer) => void;
	#paused: () => void;
	#held: Buffer[] = [];
	/** Index of the next held message (shift() would be O(n) per message). */
	#head = 0;
	#timer: NodeJS.Timeout | null = null;
	#closed = false;

	constructor(opts: {
		ws: WebSocket;
		budgets: (message: Buffer) => readonly TokenBucket[];
		handle: (message: Buffer) => void;
		/** Called each time the socket is paused (metrics, the security log). */
		paused: () => void;
	}) {
		this.#ws = opts.ws;
		this.#budgets = opts.budgets;
		this.#handle = opts.handle;
		this.#paused = opts.paused;
	}

	/** Messages read but not handled yet (bounded by what one socket read delivers). */
	get held(): number {
		return this.#held.length - this.#head;
	}

	push(message: Buffer): void {
		if (this.#closed) return;
		if (this.held === 0 && this.#tryHandle(message)) return;
		this.#held.push(message);
		if (this.#timer) return;
		this.#ws.pause();
		this.#paused();
		this.#schedule(message);
	}

	close(): void {
		this.#closed = true;
		this.#held = [];
		this.#head = 0;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** Handles `message` now if every budget has room (and charges them); false otherwise. */
	#tryHandle(message: Buffer): boolean {
		const budgets = this.#budgets(message);
		for (const b of budgets) if (b.msUntilNext() > 0) return false;
		for (const b of budgets) b.take();
		this.#handle(message);
		return true;
	}

	#schedule(next: Buffer): void {
		const wait = Math.max(1, ...this.#budgets(next).map((b) => b.msUntilNext()));
		this.#timer = setTimeout(() => this.#drain(), Math.ceil(wait));
	}

	#drain(): void {
		this.#timer = null;
		while (!this.#closed && this.held > 0) {
			const next = this.#held[this.#head]!;
			if (!this.#tryHandle(next)) {
				this.#schedule(next);
				return;
			}
			this.#head++;
		}
		this.#held = [];
		this.#head = 0;
		if (!this.#closed) this.#ws.resume();
	}
}
