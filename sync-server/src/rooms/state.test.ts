// [ST1–ST4] A room's encoded state (state.ts) answers sync step 2 as the doc would: a client
// that applies the answer ends up with the doc's content and state, for a fresh client and for
// one that is behind, through inserts, deletions and the tail's merges.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EncodedState } from './state.ts';

/** A relay-side doc and its encoded state, fed the same updates. */
function pair() {
	const doc = new Y.Doc();
	const state = new EncodedState();
	state.seed([]);
	const feed = (u: Uint8Array) => {
		Y.applyUpdate(doc, u);
		state.applied(u);
	};
	return { doc, state, feed };
}

/** Updates from one writer: root texts (as the app's visit notes), a map, deletions. */
function writer(n: number): Uint8Array[] {
	const src = new Y.Doc();
	const out: Uint8Array[] = [];
	src.on('update', (u: Uint8Array) => out.push(u));
	for (let i = 0; i < n; i++) {
		src.getText(`t:visit:v${i}:notes`).insert(0, `走访记录 ${i}: 家中老人身体尚可。`);
		src.getMap('r:visit').set(`v${i}`, JSON.stringify({ id: `v${i}`, date: '2026-11-02' }));
		if (i % 7 === 3) src.getMap('r:visit').delete(`v${i - 1}`);
		if (i % 5 === 4) src.getText(`t:visit:v${i - 2}:notes`).delete(0, 3);
	}
	return out;
}

function applied(answer: Uint8Array, start?: Uint8Array): Y.Doc {
	const d = new Y.Doc();
	if (start) Y.applyUpdate(d, start);
	Y.applyUpdate(d, answer);
	return d;
}

const content = (d: Y.Doc) => ({
	visits: d.getMap('r:visit').toJSON(),
	notes: [...d.share.keys()].filter((k) => k.startsWith('t:')).map((k) => d.getText(k).toString())
});

describe('rooms: answers cut from the encoded state', () => {
	it('[ST1] a fresh client gets the whole state, equal to the doc, across tail merges', () => {
		const { doc, state, feed } = pair();
		// ~700 updates: the tail of small updates (256 at most) is merged on the way.
		writer(300).forEach(feed);
		const answer = state.diff(Y.encodeStateVector(new Y.Doc()))!;
		expect(answer).not.toBeNull();
		const d = applied(answer);
		expect(content(d)).toEqual(content(doc));
		expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(doc));
	});

	it('[ST2] a client that is behind gets what it lacks, deletions included', () => {
		const updates = writer(120);
		const { doc, state, feed } = pair();
		updates.forEach(feed);
		const behind = new Y.Doc();
		updates.slice(0, 150).forEach((u) => Y.applyUpdate(behind, u));
		const start = Y.encodeStateAsUpdate(behind);
		const answer = state.diff(Y.encodeStateVector(behind))!;
		expect(answer.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length);
		const d = applied(answer, start);
		expect(content(d)).toEqual(content(doc));
		expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(doc));
	});

	it('[ST3] after an update the doc could not take, answers come from the doc (null here)', () => {
		const { state, feed } = pair();
		writer(3).forEach(feed);
		state.lost();
		state.applied(writer(1)[0]!);
		expect(state.diff(new Uint8Array([0]))).toBeNull();
	});

	it('[ST4] a malformed state vector throws (the connection is closed as malformed)', () => {
		const { state, feed } = pair();
		writer(3).forEach(feed);
		expect(() => state.diff(new Uint8Array([5, 200]))).toThrow();
	});
});
