// The group commit: the relay's durability promise in one place (decisions 0003 and 0005).
// Every accepted update of any room waits in one queue; one `setImmediate` later the whole
// queue is appended in one store transaction (one fsync), and only after the store resolves
// is each update applied to its room and relayed to every member, the sender's echo
// included. A failed commit applies and relays nothing and closes every sender in the batch
// with CloseEvent.storeFailure (they resend on reconnect: nothing acknowledged is lost).
import { CloseEvent } from '#protocol';
import { log } from '../log.ts';
import { reject, type Metrics } from '../metrics.ts';
import type { RoomStore } from '../store/types.ts';
import type { Room, RoomMember } from './room.ts';

export type Pending = { room: Room; from: RoomMember; update: Uint8Array };

export type GroupCommitOptions = {
	store: Pick<RoomStore, 'append'>;
	metrics: Metrics;
	/** Runs after a batch was stored and relayed (log lengths, compaction, fan-out). */
	committed?: (batch: readonly Pending[]) => void;
	/** Runs after a batch failed to store (nothing of it was sent). */
	failed?: (batch: readonly Pending[]) => void;
};

export class GroupCommit {
	#store: Pick<RoomStore, 'append'>;
	#metrics: Metrics;
	#committed: (batch: readonly Pending[]) => void;
	#failed: (batch: readonly Pending[]) => void;
	/** Updates of every room waiting for the next commit, in arrival order. */
	#queue: Pending[] = [];
	#flushing: Promise<void> | null = null;
	#inFlight: readonly Pending[] = [];

	constructor(opts: GroupCommitOptions) {
		this.#store = opts.store;
		this.#metrics = opts.metrics;
		this.#committed = opts.committed ?? (() => {});
		this.#failed = opts.failed ?? (() => {});
	}

	/** Updates queued and not yet committed. */
	get queued(): number {
		return this.#queue.length;
	}

	/** Bytes of one room's queued (reserved, not yet committed) updates. */
	queuedBytes(room: string): number {
		let n = 0;
		for (const p of this.#queue) if (p.room.name === room) n += p.update.length;
		for (const p of this.#inFlight) if (p.room.name === room) n += p.update.length;
		return n;
	}

	enqueue(p: Pending): void {
		this.#queue.push(p);
		if (this.#queue.length === 1 && !this.#flushing) setImmediate(() => void this.flush());
	}

	/** Commits everything queued (all rooms, one transaction per batch), then applies and relays
	 * it. Resolves when the queue is empty (SIGTERM, unloading a room). */
	async flush(): Promise<void> {
		while (this.#flushing) await this.#flushing;
		while (this.#queue.length > 0) {
			this.#flushing = this.#commitBatch();
			try {
				await this.#flushing;
			} finally {
				this.#flushing = null;
			}
		}
	}

	async #commitBatch(): Promise<void> {
		const batch = this.#queue.splice(0);
		this.#inFlight = batch;
		const m = this.#metrics;
		const stop = m.storeSeconds.startTimer({ op: 'append' });
		try {
			await this.#store.append(batch.map((p) => ({ room: p.room.name, update: p.update })));
			this.#inFlight = [];
		} catch (err) {
			this.#inFlight = [];
			stop();
			// Nothing was stored, so nothing is relayed; the senders resend on reconnect.
			log('store_append_failed', { updates: batch.length, error: String(err) });
			for (const p of batch) {
				reject(m, 'store_error');
				p.from.close(CloseEvent.storeFailure.code, CloseEvent.storeFailure.reason);
			}
			this.#failed(batch);
			return;
		}
		stop();
		m.updates.inc(batch.length);
		for (const p of batch) {
			p.room.logLength++;
			p.room.applyCommitted(p.from, p.update);
		}
		this.#committed(batch);
	}
}
