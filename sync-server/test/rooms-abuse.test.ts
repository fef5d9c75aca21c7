// Issue 10, bounded work per room (real relay, real sockets): a per-room size cap with a
// clear refusal (#2), rooms that fail to load quarantined and repaired by an operator
// command (#2), updates with missing dependencies held bounded and unstored (#3), quotas per
// workspace (#5), and awareness ids bound to the connection that announced them (#8).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseEvent, Limits } from '#protocol';
import { SqliteStore } from '../src/store/sqlite.ts';
import {
	client,
	rawSocket,
	startRelay,
	tearDown,
	tempDir,
	waitFor,
	WS,
	type TestRelay
} from './helpers.ts';
import { awarenessFrame, chain, metric, rawPeer, update, whenClosed } from './wire.ts';

let relay: TestRelay | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
	await tearDown(relay, cleanups);
	relay = null;
});
const run = promisify(execFile);

async function status(url: string): Promise<{ status: number; body: string }> {
	const r = await rawSocket(url);
	if ('ws' in r) {
		r.ws.close();
		return { status: 101, body: '' };
	}
	return r;
}

describe('relay: bounded rooms', () => {
	it('#2 a room at its size cap refuses the write with 4413; the room and its workspace carry on', async () => {
		const cap = 64 * 1024;
		relay = await startRelay({ ROOM_MAX_BYTES: String(cap) });
		const token = await relay.token('editor');
		const w = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		// 4 KB contiguous inserts from one client: the shape that merged into one huge string.
		const updates = chain(40, 4096);
		let sent = 0;
		for (const u of updates) {
			if (w.closed) break;
			w.send(update(u));
			sent++;
			await waitFor(() => w.updates === sent || w.closed !== null);
		}
		expect(w.closed).toEqual(CloseEvent.roomFull);
		const stored = (await relay.relay.store.workspaceUsage(WS)).get(WS)!;
		expect(stored).toBeLessThanOrEqual(cap);
		expect(stored).toBeGreaterThan(cap - 8192);
		expect(await metric(relay.http, 'bangfu_rejected_messages_total', 'room_full')).toBe(1);
		// The room still opens and serves what it has; a shard of the workspace still takes writes.
		const reader = client(relay.ws, WS, token);
		const shard = client(relay.ws, `${WS}/visits-2026`, token);
		cleanups.push(reader.destroy, shard.destroy);
		await waitFor(() => reader.provider.synced && shard.provider.synced);
		expect(reader.doc.getText('t').length).toBe((w.updates - 0) * 4096);
		shard.doc.getMap('m').set('ok', 1);
		await waitFor(
			() => relay!.relay.rooms.get(`${WS}/visits-2026`)?.doc.getMap('m').get('ok') === 1
		);
	});

	it('#2 a room that fails to load is quarantined: refused at once, not loaded again, others unaffected', async () => {
		const dir = tempDir();
		const store = new SqliteStore(dir);
		let loads = 0;
		const realLoad = store.load.bind(store);
		store.load = async (room) => {
			if (room !== WS) return realLoad(room);
			loads++;
			throw new RangeError('Invalid string length');
		};
		relay = await startRelay({}, dir, { store });
		const token = await relay.token('editor');
		for (let i = 0; i < 5; i++) {
			const r = await status(`${relay.ws}/${WS}?token=${token}`);
			expect(r.status).toBe(503);
			expect(r.body).toContain('room_unavailable');
		}
		expect(loads).toBe(1);
		expect(relay.relay.rooms.quarantine.list().get(WS)).toContain('Invalid string length');
		expect(await metric(relay.http, 'bangfu_rooms_quarantined')).toBe(1);
		const other = client(relay.ws, `${WS}/visits-2026`, token);
		cleanups.push(other.destroy);
		await waitFor(() => other.provider.synced, 5000, 'another room still syncs');
	});

	it('#2 a room stored past its cap is not even read; relay:room inspects and repairs it', async () => {
		const dir = tempDir();
		const seed = new SqliteStore(dir);
		const big = chain(60, 4096);
		await seed.append(big.map((u) => ({ room: WS, update: u })));
		await seed.close();
		const env = { DATA_DIR: dir, ROOM_MAX_BYTES: String(64 * 1024), RELAY_SECRET: 'test-secret' };
		relay = await startRelay({ ...env, MAX_MESSAGE_BYTES: String(64 * 1024) }, dir);
		const token = await relay.token('editor');
		expect((await status(`${relay.ws}/${WS}?token=${token}`)).status).toBe(503);
		await relay.close();
		relay = null;
		const cli = ['--import', 'tsx', 'sync-server/src/cli/room.ts'];
		const opts = { env: { ...process.env, ...env }, cwd: process.cwd() };
		const inspected = JSON.parse((await run('node', [...cli, 'inspect', WS], opts)).stdout);
		expect(inspected).toMatchObject({ room: WS, updates: 60, overCap: true, loads: 'ok' });
		const repaired = JSON.parse((await run('node', [...cli, 'repair', WS], opts)).stdout);
		expect(repaired.dropped).toBeGreaterThan(0);
		expect(repaired.snapshotBytes).toBeLessThanOrEqual(64 * 1024);
		relay = await startRelay({ ...env, MAX_MESSAGE_BYTES: String(64 * 1024) }, dir);
		const c = client(relay.ws, WS, await relay.token('editor'));
		cleanups.push(c.destroy);
		await waitFor(() => c.provider.synced, 5000, 'repaired room loads');
		expect(c.doc.getText('t').length).toBe(repaired.kept * 4096);
	});

	it('#3 updates whose dependencies never arrive are held unstored, bounded, then refused with 4422', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const other = client(relay.ws, `${WS}/other`, token);
		cleanups.push(other.destroy);
		await waitFor(() => other.provider.synced);
		const w = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		const updates = chain(Limits.maxWaitingUpdatesPerConnection + 2, 1024);
		// The first one never goes: every other update builds on it.
		const started = Date.now();
		for (const u of updates.slice(1)) w.send(update(u));
		expect(await whenClosed(w)).toEqual(CloseEvent.missingDependencies);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(w.updates).toBe(0);
		expect(await relay.relay.store.load(WS)).toEqual([]);
		expect(relay.relay.rooms.get(WS)!.waiting.size).toBe(0);
		// Meanwhile another tenant syncs as usual.
		other.doc.getMap('m').set('fine', 1);
		await waitFor(() => relay!.relay.rooms.get(`${WS}/other`)?.doc.getMap('m').get('fine') === 1);
	});

	it('#3 an update that arrives before the one it builds on waits, then both are stored and echoed', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const w = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		cleanups.push(() => w.ws.terminate());
		const [first, second] = chain(2, 8);
		w.send(update(second!));
		await new Promise((r) => setTimeout(r, 100));
		expect(w.updates).toBe(0);
		expect(relay.relay.rooms.get(WS)!.waiting.size).toBe(1);
		w.send(update(first!));
		await waitFor(() => w.updates === 2, 5000, 'both echoed');
		const doc = new Y.Doc();
		for (const u of await relay.relay.store.load(WS)) Y.applyUpdate(doc, u);
		expect(doc.getText('t').length).toBe(16);
		expect(doc.store.pendingStructs).toBeNull();
	});

	it('#5 rooms per workspace and bytes per workspace are quotas', async () => {
		relay = await startRelay({ WORKSPACE_MAX_ROOMS: '2', WORKSPACE_MAX_BYTES: String(20_000) });
		const token = await relay.token('editor');
		const a = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		const b = await rawPeer(`${relay.ws}/${WS}/visits-2026?token=${token}`);
		cleanups.push(
			() => a.ws.terminate(),
			() => b.ws.terminate()
		);
		const third = await status(`${relay.ws}/${WS}/visits-2027?token=${token}`);
		expect(third.status).toBe(429);
		expect(third.body).toContain('quota_exceeded');
		// Another workspace is not affected.
		const elsewhere = await status(
			`${relay.ws}/other-ws-1?token=${await relay.token('editor', 'other-ws-1')}`
		);
		expect(elsewhere.status).toBe(101);
		// 12 KB in one room, then 12 KB in the other: the second is over the workspace's 20 KB.
		for (const u of chain(3, 4000)) a.send(update(u));
		await waitFor(() => a.updates === 3);
		for (const u of chain(3, 4000)) b.send(update(u));
		expect(await whenClosed(b)).toEqual(CloseEvent.workspaceFull);
		expect(a.closed).toBeNull();
	});

	it('#8 a viewer cannot speak for an editor’s awareness client id', async () => {
		relay = await startRelay();
		const editor = client(relay.ws, WS, await relay.token('editor'));
		const peer = client(relay.ws, WS, await relay.token('editor'));
		cleanups.push(editor.destroy, peer.destroy);
		editor.provider.awareness.setLocalStateField('user', { name: '王老师' });
		await waitFor(() => editor.provider.synced && peer.provider.synced);
		const id = editor.doc.clientID;
		await waitFor(() => peer.provider.awareness.getStates().has(id), 5000, 'editor presence');
		const viewer = await rawPeer(`${relay.ws}/${WS}?token=${await relay.token('viewer')}`);
		cleanups.push(() => viewer.ws.terminate());
		const clock = (peer.provider.awareness.meta.get(id)?.clock ?? 0) + 5;
		viewer.send(awarenessFrame([{ id, clock, state: { user: { name: '冒充者' } } }]));
		viewer.send(awarenessFrame([{ id: 424242, clock: 1, state: { user: { name: '访客' } } }]));
		await waitFor(() => peer.provider.awareness.getStates().has(424242), 5000, 'viewer own id');
		const state = peer.provider.awareness.getStates().get(id) as { user: { name: string } };
		expect(state.user.name).toBe('王老师');
		expect(await metric(relay.http, 'bangfu_security_events_total', 'awareness_spoof')).toBe(1);
		expect(viewer.closed).toBeNull();
	});
});
