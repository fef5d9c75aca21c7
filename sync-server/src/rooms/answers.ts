// Answers a room gives again and again, encoded once: the full state for an empty state vector
// (every fresh client), the diffs for the last few state vectors asked (a storm repeats one),
// the relay's state vector (its greeting) and the whole awareness set (query-awareness and
// the greeting). Dropped when the document or the awareness changes. Decision 0006.
//
// Sync step 2 answers are cut from the room's state kept as encoded updates (state.ts), not
// encoded from the Y.Doc: Y.encodeStateAsUpdate looks up the name of every root-level item's
// type by scanning doc.share, O(root types) per item, and the app's visit shards have a root
// text per visit — the county's 12.8 MB shard (48,000 items, 24,000 root types) took 11–15 s
// to encode, with the relay's event loop serving nobody meanwhile (decision 0007). For the
// same reason nothing here listens to the doc's 'update' event: Yjs encodes that event's
// update, at that same cost, whenever anyone listens.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessFrame, syncStep1Frame, syncStep2Frame } from '#protocol';
import { EncodedState } from './state.ts';

/** Diffs kept per room besides the full state: enough for a storm, bounded for memory. */
const MAX_DIFFS = 4;

export class AnswerCache {
	/** The room's committed state as encoded updates; answers are cut from it. */
	readonly state = new EncodedState();
	#doc: Y.Doc;
	#awareness: awarenessProtocol.Awareness;
	#diffs = new Map<string, Uint8Array>();
	#step1: Uint8Array | null = null;
	#awarenessAll: Uint8Array | null | undefined;

	constructor(doc: Y.Doc, awareness: awarenessProtocol.Awareness) {
		this.#doc = doc;
		this.#awareness = awareness;
		doc.on('afterTransaction', this.#docChanged);
		awareness.on('update', this.#awarenessChanged);
	}

	#docChanged = () => {
		this.#diffs.clear();
		this.#step1 = null;
	};

	#awarenessChanged = () => {
		this.#awarenessAll = undefined;
	};

	/** Sync step 1 frame with the room's state vector. */
	step1(): Uint8Array {
		return (this.#step1 ??= syncStep1Frame(Y.encodeStateVector(this.#doc)));
	}

	/** Sync step 2 frame answering `stateVector`; throws on a malformed one. */
	step2(stateVector: Uint8Array): Uint8Array {
		const key = Buffer.from(
			stateVector.buffer,
			stateVector.byteOffset,
			stateVector.length
		).toString('latin1');
		const hit = this.#diffs.get(key);
		if (hit) return hit;
		const update = this.state.diff(stateVector) ?? Y.encodeStateAsUpdate(this.#doc, stateVector);
		const frame = syncStep2Frame(update);
		if (this.#diffs.size >= MAX_DIFFS) this.#diffs.delete(this.#diffs.keys().next().value!);
		this.#diffs.set(key, frame);
		return frame;
	}

	/** Awareness frame with every known state, or null when there is none. */
	awareness(): Uint8Array | null {
		if (this.#awarenessAll !== undefined) return this.#awarenessAll;
		const ids = [...this.#awareness.getStates().keys()];
		this.#awarenessAll =
			ids.length === 0
				? null
				: awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, ids));
		return this.#awarenessAll;
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#docChanged);
		this.#awareness.off('update', this.#awarenessChanged);
		this.state.clear();
	}
}
