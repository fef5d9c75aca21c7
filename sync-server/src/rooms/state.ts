// A room's committed state as encoded Yjs updates, beside its Y.Doc: what was loaded from the
// store, then every update the room applied, merged lazily. Sync step 2 answers are cut from
// it with Y.diffUpdate / Y.mergeUpdates, which copy encoded structs without integrating them
// and never look up root type names (the cost that makes Y.encodeStateAsUpdate 20–50× slower
// on the app's visit shards: answers.ts, decision 0007). The same state as the doc's, only
// not garbage-collected: deleted content stays in the bytes until compaction rewrites the
// room from a doc (and answers built from it are that much larger, never different).
import * as Y from 'yjs';

/** Small updates merged into one once this many wait (merging small ones is cheap). */
const MAX_TAIL = 256;

export class EncodedState {
	/** Everything merged so far (null: nothing yet, or `lost`). */
	#head: Uint8Array | null = null;
	/** Updates applied since, in order. */
	#tail: Uint8Array[] = [];
	#tailBytes = 0;
	/** False once the doc holds something these bytes may not say the same way (an update
	 * that failed to apply, a load that skipped one): answers then come from the doc. */
	#exact = false;

	/** What the room was loaded from (snapshot and log), all of it applied to the doc. */
	seed(updates: readonly Uint8Array[]): void {
		this.#head = null;
		this.#tail = [...updates];
		this.#tailBytes = updates.reduce((n, u) => n + u.length, 0);
		this.#exact = true;
	}

	/** An update the room's doc applied (committed here, or by another relay process). */
	applied(update: Uint8Array): void {
		if (!this.#exact) return;
		this.#tail.push(update);
		this.#tailBytes += update.length;
		if (this.#tail.length < MAX_TAIL) return;
		// Keep the big head out of routine merges: only when the tail has grown to half its
		// size are they merged (amortised, so a busy big room pays O(state) rarely).
		const merged = Y.mergeUpdates(this.#tail);
		this.#tail = [merged];
		this.#tailBytes = merged.length;
		if (this.#head && this.#tailBytes * 2 >= this.#head.length) this.#collapse();
	}

	/** The doc holds something the bytes may not: stop answering from them. */
	lost(): void {
		this.clear();
		this.#exact = false;
	}

	clear(): void {
		this.#head = null;
		this.#tail = [];
		this.#tailBytes = 0;
	}

	/** What a client with `stateVector` lacks, or null when the doc must answer. Throws on a
	 * malformed state vector. */
	diff(stateVector: Uint8Array): Uint8Array | null {
		if (!this.#exact) return null;
		const full = this.#collapse();
		if (!full) return null;
		// A fresh client (empty state vector, [0]) gets the whole state as it is.
		const empty = stateVector.length === 1 && stateVector[0] === 0;
		return empty ? full : Y.diffUpdate(full, stateVector);
	}

	#collapse(): Uint8Array | null {
		const parts = this.#head ? [this.#head, ...this.#tail] : this.#tail;
		if (parts.length === 0) return null;
		this.#head = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
		this.#tail = [];
		this.#tailBytes = 0;
		return this.#head;
	}
}
