// Updates that build on structs the room has not seen yet, held by the relay (not by Yjs,
// which would re-merge every pending update on each later one: quadratic) and not stored.
// Each waits for one struct (`needs`); only entries whose struct has arrived are looked at
// again, so an update costs O(1) decodes while it waits. Bounded per connection in count and
// bytes (Limits.maxWaiting*): beyond that the sender is closed (missingDependencies) and its
// waiting updates dropped; a sender that leaves takes its waiting updates with it (a stock
// client resends everything the relay lacks on its next sync step 1 / 2).
import * as Y from 'yjs';
import { Limits } from '#protocol';
import { classifyUpdate } from './deps.ts';
import type { RoomMember } from './room.ts';

type Entry = { from: RoomMember; update: Uint8Array; client: number; clock: number };

export class Waiting {
	#entries: Entry[] = [];
	#per = new Map<RoomMember, { count: number; bytes: number }>();

	get size(): number {
		return this.#entries.length;
	}

	/** Holds an update; false when the sender is over its bound (nothing of it is kept then). */
	hold(from: RoomMember, update: Uint8Array, needs: { client: number; clock: number }): boolean {
		const used = this.#per.get(from) ?? { count: 0, bytes: 0 };
		if (
			used.count + 1 > Limits.maxWaitingUpdatesPerConnection ||
			used.bytes + update.length > Limits.maxWaitingBytesPerConnection
		) {
			this.drop(from);
			return false;
		}
		this.#per.set(from, { count: used.count + 1, bytes: used.bytes + update.length });
		this.#entries.push({ from, update, client: needs.client, clock: needs.clock });
		return true;
	}

	/** After the doc grew: the updates now ready, in arrival order (removed from here). Ones
	 * now fully covered are dropped; ones still missing something wait for that instead. */
	release(doc: Y.Doc): { from: RoomMember; update: Uint8Array }[] {
		if (this.#entries.length === 0) return [];
		const ready: { from: RoomMember; update: Uint8Array }[] = [];
		const keep: Entry[] = [];
		for (const e of this.#entries) {
			if (Y.getState(doc.store, e.client) <= e.clock) {
				keep.push(e);
				continue;
			}
			const c = classifyUpdate(doc, e.update);
			if (c.kind === 'missing') {
				keep.push({ ...e, client: c.needs.client, clock: c.needs.clock });
				continue;
			}
			this.#forget(e);
			if (c.kind === 'ready') ready.push(e);
		}
		this.#entries = keep;
		return ready;
	}

	drop(from: RoomMember): void {
		if (!this.#per.delete(from)) return;
		this.#entries = this.#entries.filter((e) => e.from !== from);
	}

	#forget(e: Entry): void {
		const used = this.#per.get(e.from);
		if (!used) return;
		if (used.count <= 1) this.#per.delete(e.from);
		else this.#per.set(e.from, { count: used.count - 1, bytes: used.bytes - e.update.length });
	}
}
