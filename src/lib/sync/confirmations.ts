// What "confirmed by the relay" means, precisely (the header's "N changes waiting"):
//
// The relay commits every update before it relays it, so everything the relay ever sends on
// its WebSocket (its sync step 1 state vector, its sync step 2 diff, every relayed update,
// including the echo of our own) describes state that is durable on the relay. We keep a
// conservative picture of that state as a Yjs snapshot (state vector + delete set):
//   - the state vector grows with the relay's step 1, and with relayed structs that extend it
//     contiguously (an update that starts beyond what we know proves nothing about the gap);
//   - the delete set is the union of every delete set the relay sent (its step 2 carries its
//     whole delete set).
// A local update (a transaction not applied by the provider, or the document's state when the
// connection service started, e.g. offline edits loaded from IndexedDB) is confirmed once
// that snapshot contains it: all its structs and all its deletions. `pending` counts the
// local updates not confirmed yet. Pure Yjs, no I/O, so it is tested on its own.
import * as Y from 'yjs';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export class RelayConfirmations {
	#sv = new Map<number, number>();
	#ds: DeleteSet = Y.createDeleteSet();
	#pending: Uint8Array[] = [];

	get pending(): number {
		return this.#pending.length;
	}

	/** A local change the relay has to confirm. */
	addLocal(update: Uint8Array): void {
		this.#pending.push(update);
	}

	/** The relay's sync step 1: its state vector. */
	relayStateVector(encoded: Uint8Array): void {
		for (const [client, clock] of Y.decodeStateVector(encoded)) {
			if (clock > (this.#sv.get(client) ?? 0)) this.#sv.set(client, clock);
		}
	}

	/** A sync step 2 or update the relay sent (it is durable there). */
	relayUpdate(update: Uint8Array): void {
		const { structs, ds } = Y.decodeUpdate(update);
		for (const s of structs) {
			if (s.constructor.name === 'Skip') continue;
			const known = this.#sv.get(s.id.client) ?? 0;
			if (s.id.clock <= known && s.id.clock + s.length > known) {
				this.#sv.set(s.id.client, s.id.clock + s.length);
			}
		}
		if (ds.clients.size > 0) this.#ds = Y.mergeDeleteSets([this.#ds, ds]);
	}

	/** Drops the local updates the relay's state now contains; returns how many remain. */
	recount(): number {
		if (this.#pending.length === 0) return 0;
		const snapshot = Y.createSnapshot(this.#ds, this.#sv);
		this.#pending = this.#pending.filter((u) => !Y.snapshotContainsUpdate(snapshot, u));
		return this.#pending.length;
	}
}
