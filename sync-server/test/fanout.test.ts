// Two relay processes' worth of relays in one test process: one shared store file and one
// in-process fan-out hub. The room manager is no longer the only writer: an update committed
// by relay A reaches relay B's clients through the fan-out and is applied and relayed there,
// not stored a second time; awareness crosses too, and a revocation at A closes B's sockets.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseEvent } from '#protocol';
import { InProcessFanout, InProcessHub } from '../src/fanout/local.ts';
import { client, removeDir, startRelay, tempDir, waitFor, WS, type TestRelay } from './helpers.ts';

const relays: TestRelay[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0)) c();
	for (const r of relays.splice(0).reverse()) await r.close();
	if (dir) removeDir(dir);
});
let dir = '';

async function pair() {
	dir = tempDir();
	const hub = new InProcessHub();
	const a = await startRelay({}, dir, { fanout: new InProcessFanout(hub) });
	const b = await startRelay({}, dir, { fanout: new InProcessFanout(hub) });
	relays.push(a, b);
	return { a, b };
}

describe('relay: several writers on one store, joined by the fan-out', () => {
	it('an update committed on A reaches B’s clients, stored once', async () => {
		const { a, b } = await pair();
		const token = await a.token('editor');
		const atA = client(a.ws, WS, token);
		const atB = client(b.ws, WS, token);
		cleanups.push(atA.destroy, atB.destroy);
		await waitFor(() => atA.provider.synced && atB.provider.synced);
		atA.doc.getMap('m').set('from', 'A');
		await waitFor(() => atB.doc.getMap('m').get('from') === 'A', 5000, 'B sees A');
		atB.doc.getText('t').insert(0, '你好');
		await waitFor(() => atA.doc.getText('t').toString() === '你好', 5000, 'A sees B');
		// Both relays hold the same state in memory, and each update is in the store once.
		expect(b.relay.rooms.get(WS)!.doc.getMap('m').get('from')).toBe('A');
		const stored = await a.relay.store.load(WS);
		expect(stored).toHaveLength(2);
		const fresh = new Y.Doc();
		for (const u of stored) Y.applyUpdate(fresh, u);
		expect(fresh.getMap('m').get('from')).toBe('A');
		expect(fresh.getText('t').toString()).toBe('你好');
	});

	it('a room loaded later on B catches up from the store; awareness crosses relays', async () => {
		const { a, b } = await pair();
		const token = await a.token('editor');
		const atA = client(a.ws, WS, token);
		cleanups.push(atA.destroy);
		await waitFor(() => atA.provider.synced);
		atA.doc.getMap('m').set('early', 1);
		await a.relay.rooms.flush();
		const atB = client(b.ws, WS, token);
		cleanups.push(atB.destroy);
		await waitFor(() => atB.doc.getMap('m').get('early') === 1, 5000, 'B loads from store');
		atA.provider.awareness.setLocalStateField('user', { name: '李老师' });
		await waitFor(
			() =>
				[...atB.provider.awareness.getStates().values()].some(
					(s) => (s as { user?: { name?: string } }).user?.name === '李老师'
				),
			5000,
			'presence at B'
		);
	});

	it('revoking a token on A closes its live sockets on B', async () => {
		const { a, b } = await pair();
		const owner = await a.token('owner');
		const editor = await a.token('editor');
		const atB = client(b.ws, WS, editor);
		cleanups.push(atB.destroy);
		await waitFor(() => atB.provider.synced);
		const closed = new Promise<{ code: number; reason: string }>((r) =>
			atB.provider.on('connection-close', (e: { code: number; reason: string } | null) =>
				r({ code: e?.code ?? 0, reason: e?.reason ?? '' })
			)
		);
		const jti = JSON.parse(Buffer.from(editor.split('.')[1]!, 'base64url').toString()).jti;
		const res = await fetch(`${a.http}/api/workspaces/${WS}/tokens/${jti}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${owner}` }
		});
		expect(res.status).toBe(200);
		expect(await closed).toEqual(CloseEvent.tokenRevoked);
	});
});
