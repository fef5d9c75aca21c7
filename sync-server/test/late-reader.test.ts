// [LR1–LR2] The late reader of a big room (issue 14): a writer pushes a ~13 MB state in one
// message, as a device sharing the county's visits shard does; readers joining while the relay
// stores it, and after, reach the whole state. Their sync step 2 is cut from the room's
// encoded state (rooms/state.ts), never encoded from the Y.Doc: Yjs looks up each root-level
// item's type name by scanning every root type, and the app's shards have a root text per
// visit — the county's shard took 11–15 s to encode on the relay's event loop (decision 0007).
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { client, tearDown, startRelay, waitFor, type TestRelay } from './helpers.ts';

const ROOM = 'county-late-1/visits-2025';
const WORKSPACE = 'county-late-1';
/** Roots and entries as in the app's visit shard, scaled so the state is ~13 MB. */
const VISITS = 6_000;

/** One update with a shard's shape: a root text per visit's notes, a map of visit JSON. */
function bigState(): Uint8Array {
	const doc = new Y.Doc();
	const visits = doc.getMap<string>('r:visit');
	const filler = '入户走访，了解家庭收入、务工和孩子上学情况；'.repeat(30);
	doc.transact(() => {
		for (let i = 0; i < VISITS; i++) {
			doc.getText(`t:visit:v${i}:notes`).insert(0, `${i} ${filler}`);
			visits.set(`v${i}`, JSON.stringify({ id: `v${i}`, householdId: `h${i % 2000}`, filler }));
		}
	});
	// V2 then converted: the V1 encoder pays the same root lookup this test is about.
	return Y.convertUpdateFormatV2ToV1(Y.encodeStateAsUpdateV2(doc));
}

function updateFrame(update: Uint8Array): Buffer {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // sync
	encoding.writeVarUint(e, 2); // update
	encoding.writeVarUint8Array(e, update);
	return Buffer.from(encoding.toUint8Array(e));
}

describe('relay: the late reader of a big room', () => {
	let relay: TestRelay | null = null;
	const cleanups: (() => void)[] = [];
	afterEach(async () => {
		vi.restoreAllMocks();
		await tearDown(relay, cleanups);
		relay = null;
	});

	it('[LR1] readers joining while a 13 MB state is stored, and after it, get all of it', async () => {
		relay = await startRelay({ MAX_MESSAGE_BYTES: String(64 * 1024 * 1024) });
		const token = await relay.token('editor', WORKSPACE);
		const state = bigState();
		expect(state.length).toBeGreaterThan(12e6);
		const want = Buffer.from(Y.encodeStateVectorFromUpdate(state));
		const has = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).equals(want);

		const writer = new WebSocket(`${relay.ws}/${ROOM}?token=${token}`);
		cleanups.push(() => writer.terminate());
		let echoed = false;
		writer.on('message', (m: Buffer) => {
			if (m[0] === 0 && m[1] === 2 && m.length > 12e6) echoed = true;
		});
		await new Promise((res, rej) => (writer.once('open', res), writer.once('error', rej)));
		writer.send(updateFrame(state));
		const during = client(relay.ws, ROOM, token);
		cleanups.push(during.destroy);
		await waitFor(() => echoed, 60_000, 'the writer’s echo (stored)');

		const room = relay.relay.rooms.get(ROOM)!;
		const cut = vi.spyOn(room.answers.state, 'diff');
		const late = client(relay.ws, ROOM, token);
		cleanups.push(late.destroy);
		await waitFor(() => has(late.doc) && has(during.doc), 60_000, 'both readers hold it all');
		expect(late.doc.getMap('r:visit').size).toBe(VISITS);
		expect(late.doc.getText(`t:visit:v${VISITS - 1}:notes`).toString()).toMatch(/^5999 入户/);
		// The late reader's answer came from the stored bytes, not from encoding the doc.
		expect(cut).toHaveBeenCalled();
		expect(cut.mock.results.every((r) => r.type === 'return' && r.value !== null)).toBe(true);
	}, 120_000);

	it('[LR2] after a restart the room answers from its loaded snapshot and log', async () => {
		relay = await startRelay({ MAX_MESSAGE_BYTES: String(64 * 1024 * 1024) });
		const token = await relay.token('editor', WORKSPACE);
		const w = client(relay.ws, ROOM, token);
		await waitFor(() => w.provider.synced, 10_000, 'writer synced');
		w.doc.getMap('r:visit').set('v1', '{"id":"v1"}');
		w.doc.getText('t:visit:v1:notes').insert(0, '第一次走访');
		await waitFor(() => relay!.relay.rooms.get(ROOM)?.doc.getMap('r:visit').has('v1') === true);
		w.destroy();
		const dir = relay.config.dataDir;
		await relay.close();
		relay = await startRelay({}, dir);
		const room = await relay.relay.rooms.open(ROOM);
		const answer = room.answers.state.diff(new Uint8Array([0]));
		expect(answer).not.toBeNull();
		const d = new Y.Doc();
		Y.applyUpdate(d, answer!);
		expect(d.getText('t:visit:v1:notes').toString()).toBe('第一次走访');
		expect(d.getMap('r:visit').get('v1')).toBe('{"id":"v1"}');
	});
});
