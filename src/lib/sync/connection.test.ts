import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	removeDir,
	sleep,
	startRelay,
	tempDir,
	waitFor,
	WS,
	type TestRelay
} from '../../../sync-server/test/helpers.ts';
import { backoffDelay } from './backoff.ts';
import {
	apiBaseFrom,
	SyncConnection,
	type ConfirmedStateStore,
	type SyncStatus
} from './connection.ts';

let relay: TestRelay | null = null;
const dirs: string[] = [];
const conns: SyncConnection[] = [];
afterEach(async () => {
	for (const c of conns.splice(0)) c.destroy();
	await relay?.close();
	relay = null;
	for (const d of dirs.splice(0)) removeDir(d);
});

function connect(token: string, doc = new Y.Doc(), room = WS, confirmed?: ConfirmedStateStore) {
	const conn = new SyncConnection({
		confirmed,
		relayUrl: relay!.ws,
		room,
		token,
		doc,
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		backoff: { baseMs: 50, maxMs: 200 }
	});
	conns.push(conn);
	const seen: SyncStatus[] = [];
	conn.subscribe((s) => seen.push(s));
	return { conn, doc, seen };
}

describe('backoff', () => {
	it('is jittered and capped', () => {
		const delays = Array.from({ length: 200 }, () =>
			backoffDelay(10, { baseMs: 100, maxMs: 5000 })
		);
		expect(Math.max(...delays)).toBeLessThan(5000);
		expect(new Set(delays).size).toBeGreaterThan(100);
		expect(backoffDelay(0, { baseMs: 100, random: () => 0.999 })).toBeLessThan(100);
		expect(backoffDelay(3, { baseMs: 100, random: () => 0.5 })).toBe(400);
		expect(apiBaseFrom('wss://relay.example.org/sync')).toBe('https://relay.example.org');
		expect(apiBaseFrom('ws://127.0.0.1:8787/sync/')).toBe('http://127.0.0.1:8787');
	});
});

describe('SyncConnection', () => {
	it('connects, counts local changes until the relay echoes them, then says synced', async () => {
		relay = await startRelay();
		const { conn, doc, seen } = connect(await relay.token('editor'));
		expect(seen[0]?.state).toBe('connecting');
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced, 5000, 'synced');
		doc.getMap('m').set('a', 1);
		doc.getMap('m').set('b', 2);
		// Counted at once, before any network round trip; two updates in one burst are one change.
		expect(conn.pending).toBe(1);
		await waitFor(
			() => conn.pending === 0 && conn.status.state === 'connected' && conn.status.synced
		);
		expect(seen.some((s) => s.pending === 1)).toBe(true);
	});

	it('goes offline with a since date, counts offline edits, and confirms them after the relay returns', async () => {
		const dir = tempDir();
		dirs.push(dir);
		relay = await startRelay({}, dir);
		const port = relay.port;
		const { conn, doc } = connect(await relay.token('editor'));
		await waitFor(() => conn.status.state === 'connected');
		await relay.close();
		relay = null;
		await waitFor(() => conn.status.state === 'offline', 5000, 'offline');
		const offline = conn.status as Extract<SyncStatus, { state: 'offline' }>;
		expect(offline.since).toBeInstanceOf(Date);
		for (let i = 0; i < 3; i++) doc.getArray('a').push([i]);
		doc.getText('t').insert(0, 'abc');
		doc.getText('t').delete(0, 1); // a deletion: no new struct, still a change to confirm
		expect(conn.pending).toBe(1); // one burst of typing is one change waiting
		await sleep(300);
		expect(conn.status.state).toBe('offline');
		expect((conn.status as typeof offline).since).toEqual(offline.since);
		relay = await startRelay({ PORT: String(port) }, dir);
		await waitFor(() => conn.status.state === 'connected' && conn.pending === 0, 5000, 'confirmed');
		const stored = new Y.Doc();
		for (const u of await relay.relay.store.load(WS)) Y.applyUpdate(stored, u);
		expect(stored.getArray('a').toJSON()).toEqual([0, 1, 2]);
		expect(stored.getText('t').toString()).toBe('bc');
	});

	it('counts edits made before it started (e.g. loaded from IndexedDB) until the relay has them', async () => {
		relay = await startRelay();
		const doc = new Y.Doc();
		doc.getMap('m').set('offline', 'edit');
		const { conn } = connect(await relay.token('editor'), doc);
		expect(conn.pending).toBe(1);
		await waitFor(() => conn.pending === 0, 5000, 'confirmed');
	});

	it('a document reopened offline shows nothing waiting when the relay had confirmed all of it, and counts what it had not', async () => {
		const dir = tempDir();
		dirs.push(dir);
		relay = await startRelay({}, dir);
		const saved = new Map<string, Uint8Array>();
		const store: ConfirmedStateStore = {
			load: (room) => saved.get(room),
			save: (room, state) => void saved.set(room, state)
		};
		const doc = new Y.Doc();
		const first = connect(await relay.token('editor'), doc, WS, store);
		doc.getMap('m').set('a', 1);
		doc.getText('t').insert(0, 'abc');
		await waitFor(() => first.conn.pending === 0 && first.conn.status.state === 'connected');
		doc.getText('t').delete(0, 1);
		await waitFor(() => first.conn.pending === 0, 5000, 'deletion confirmed');
		first.conn.destroy();
		await relay.close();
		relay = null;
		// Reopened with the relay down: what it held is not "waiting".
		const token = 'unused-while-the-relay-is-down';
		const again = new SyncConnection({
			relayUrl: 'ws://127.0.0.1:9/sync',
			room: WS,
			token,
			doc,
			confirmed: store,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			connect: false
		});
		conns.push(again);
		expect(again.pending).toBe(0);
		doc.getMap('m').set('b', 2);
		expect(again.pending).toBe(1);
		// Without the saved state the same document counts its opening state as one change.
		const fresh = new SyncConnection({
			relayUrl: 'ws://127.0.0.1:9/sync',
			room: WS,
			token,
			doc,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			connect: false
		});
		conns.push(fresh);
		expect(fresh.pending).toBe(1);
	});

	it('a relay limit (room full, 4413) is "limited", not offline, and keeps the change waiting', async () => {
		relay = await startRelay({ ROOM_MAX_BYTES: '4000' });
		const { conn, doc } = connect(await relay.token('editor'));
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced);
		doc.getText('t').insert(0, '长'.repeat(5000));
		await waitFor(() => conn.status.state === 'limited', 5000, 'limited');
		expect(conn.status).toMatchObject({ state: 'limited', reason: 'room_full', pending: 1 });
	});

	it('a viewer change is never confirmed: the relay does not store it', async () => {
		relay = await startRelay();
		const { conn, doc } = connect(await relay.token('viewer'));
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced);
		doc.getMap('m').set('x', 1);
		await sleep(300);
		expect(conn.pending).toBe(1);
	});

	it('stops retrying and says so when the token is revoked while connected', async () => {
		relay = await startRelay();
		const owner = await relay.token('owner');
		const editor = await relay.token('editor');
		const { conn } = connect(editor);
		await waitFor(() => conn.status.state === 'connected');
		const jti = JSON.parse(Buffer.from(editor.split('.')[1]!, 'base64url').toString())
			.jti as string;
		await fetch(`${relay.http}/api/workspaces/${WS}/tokens/${jti}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${owner}` }
		});
		await waitFor(() => conn.status.state === 'unauthorised', 5000, 'unauthorised');
		expect(conn.status).toMatchObject({ state: 'unauthorised', reason: 'revoked' });
		await sleep(400);
		expect(conn.provider.ws).toBeNull();
		expect(conn.status.state).toBe('unauthorised');
	});

	it('recognises a refused upgrade (revoked, expired or other workspace) through the session probe', async () => {
		relay = await startRelay();
		const revoked = connect('not-a-token');
		await waitFor(() => revoked.conn.status.state === 'unauthorised', 5000, 'invalid');
		expect(revoked.conn.status).toMatchObject({ reason: 'invalid' });
		const other = connect(await relay.token('editor', 'another-workspace'));
		await waitFor(() => other.conn.status.state === 'unauthorised', 5000, 'forbidden');
		expect(other.conn.status).toMatchObject({ reason: 'forbidden' });
	});

	it('[LIM1] an upgrade refused with 429 (the per-device connection limit) is "limited", not offline, and syncs once a socket frees', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		// The relay's per-token limit (64 sockets, ws/upgrade.ts), filled by other sockets.
		const held: WebSocket[] = [];
		for (let i = 0; i < 64; i++) {
			const ws = new WebSocket(`${relay.ws}/${WS}?token=${token}`);
			held.push(ws);
			await new Promise((res, rej) => ws.once('open', res).once('error', rej));
		}
		const refused = await new Promise<number>((res) => {
			const ws = new WebSocket(`${relay!.ws}/${WS}?token=${token}`);
			ws.once('unexpected-response', (_req, r) => res(r.statusCode ?? 0));
		});
		expect(refused).toBe(429);
		const { conn, doc, seen } = connect(token);
		doc.getMap('m').set('k', '王德华');
		await waitFor(() => conn.status.state === 'limited', 5000, 'limited');
		expect(conn.status).toMatchObject({ state: 'limited', reason: 'connections', pending: 1 });
		expect(seen.some((s) => s.state === 'unauthorised')).toBe(false);
		for (const ws of held.splice(0, 5)) ws.close();
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced, 5000, 'synced');
		expect(conn.pending).toBe(0);
		for (const ws of held) ws.close();
	});

	it('stays offline and retries when the relay is unreachable', async () => {
		relay = await startRelay();
		const port = relay.port;
		const token = await relay.token('editor');
		await relay.close();
		relay = null;
		const conn = new SyncConnection({
			relayUrl: `ws://127.0.0.1:${port}/sync`,
			room: WS,
			token,
			doc: new Y.Doc(),
			disableBc: true,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			backoff: { baseMs: 20, maxMs: 50 }
		});
		conns.push(conn);
		let offline = 0;
		let seenLimited = false;
		conn.subscribe((s) => {
			if (s.state === 'offline') offline++;
			if (s.state === 'limited') seenLimited = true;
		});
		await waitFor(() => offline >= 3, 5000, 'several retries');
		expect(conn.status.state).toBe('offline');
		expect(seenLimited).toBe(false);
	});
});

describe('SyncConnection and the device network', () => {
	it('drops the socket when the device goes offline and retries at once when it is back', async () => {
		relay = await startRelay();
		const { conn, doc } = connect(await relay.token('editor'));
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced);
		conn.networkLost();
		await waitFor(() => conn.status.state === 'offline');
		doc.getMap('m').set('k', 1);
		expect(conn.status).toMatchObject({ state: 'offline', pending: 1 });
		conn.networkBack();
		await waitFor(() => conn.status.state === 'connected' && conn.status.synced);
		expect(conn.pending).toBe(0);
	});
});
