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
// local *changes* not confirmed yet: local updates less than BURST_MS apart are one change
// (a typed sentence is one change, not one per keystroke), merged into one update.
// The confirmed snapshot can be saved and given back to a later connection (`confirmedState`
// / `restore`), so a document reopened offline does not count what the relay already held
// as waiting. Pure Yjs, no I/O, so it is tested on its own.
import * as Y from 'yjs';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** Local updates closer together than this are one change (a typing burst). */
export const BURST_MS = 1_000;

export class RelayConfirmations {
	#sv = new Map<number, number>();
	#ds: DeleteSet = Y.createDeleteSet();
	#pending: Uint8Array[] = [];
	/** When the last pending change was last extended; -Infinity: start a new one. */
	#lastAt = -Infinity;

	get pending(): number {
		return this.#pending.length;
	}

	/**
	 * A local update the relay has to confirm. Within BURST_MS of the previous one it joins the
	 * same change; `burst: false` always starts one (the state a document opened with).
	 */
	addLocal(update: Uint8Array, now = Date.now(), burst = true): void {
		const last = this.#pending.length - 1;
		if (burst && last >= 0 && now - this.#lastAt < BURST_MS) {
			this.#pending[last] = Y.mergeUpdates([this.#pending[last] as Uint8Array, update]);
		} else this.#pending.push(update);
		this.#lastAt = burst ? now : -Infinity;
	}

	/** What the relay is known to hold, encoded (a Yjs snapshot: state vector + delete set). */
	confirmedState(): Uint8Array {
		return Y.encodeSnapshot(Y.createSnapshot(this.#ds, this.#sv));
	}

	/** Starts from a state the relay was known to hold earlier (it never forgets: durable). */
	restore(encoded: Uint8Array): boolean {
		try {
			const snap = Y.decodeSnapshot(encoded);
			for (const [client, clock] of snap.sv)
				if (clock > (this.#sv.get(client) ?? 0)) this.#sv.set(client, clock);
			this.#ds = Y.mergeDeleteSets([this.#ds, snap.ds]);
			return true;
		} catch {
			return false; // a damaged copy only means counting from scratch
		}
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
		if (this.#pending.length === 0) this.#lastAt = -Infinity;
		return this.#pending.length;
	}
}
