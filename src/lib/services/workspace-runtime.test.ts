// The workspace runtime in node: real y-indexeddb persistence over fake-indexeddb, and the
// real relay on port 0 over real sockets (BroadcastChannel off, so the relay is the path).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
	startRelay,
	tearDown,
	waitFor,
	WS,
	type TestRelay
} from '../../../sync-server/test/helpers.ts';
import { BangfuDb, type JoinedWorkspace, type Role } from '$lib/local/db';
import { persistDoc } from '$lib/local/persistence';
import { readHouseholdIndex } from './list-index';
import { WorkspaceRuntime, type NetworkEvents, type RuntimeOptions } from './workspace-runtime';

let relay: TestRelay | null = null;
const cleanups: (() => void)[] = [];
afterEach(() => tearDown(relay, cleanups).then(() => (relay = null)));

const info = (id: string, role: Role, relayUrl?: string, token?: string): JoinedWorkspace => ({
	id,
	name: '河西村工作组',
	kind: 'village',
	role,
	...(relayUrl && token ? { relayUrl, token } : {}),
	createdAt: '2026-11-01T00:00:00.000Z',
	lastOpenedAt: '2026-11-01T00:00:00.000Z'
});

/** One device: its own IndexedDB names, its own network switch. */
function device(name: string, extra: Partial<RuntimeOptions> = {}) {
	const network = new EventTarget();
	const opts: RuntimeOptions = {
		...extra,
		actor: () => name,
		persist: (workspaceId, docName, doc) => persistDoc(`${name}-${workspaceId}`, docName, doc),
		network: network as unknown as NetworkEvents,
		connection: {
			disableBc: true,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			backoff: { baseMs: 20, maxMs: 100 }
		}
	};
	const open = async (ws: JoinedWorkspace) => {
		const rt = await WorkspaceRuntime.open(ws, opts);
		cleanups.push(() => rt.destroy());
		return rt;
	};
	return {
		open,
		offline: () => network.dispatchEvent(new Event('offline')),
		online: () => network.dispatchEvent(new Event('online'))
	};
}

const headName = (rt: WorkspaceRuntime, id: string) => rt.docs.main.raw('household', id)?.headName;

describe('WorkspaceRuntime', () => {
	it('keeps a device-only workspace on the device, names it, and writes the list index', async () => {
		const db = new BangfuDb('runtime-test-index');
		const phone = device('phone1', { indexDb: db });
		const ws = info('local-ws-1', 'owner');
		const first = await phone.open(ws);
		expect(first.status).toEqual({ state: 'local' });
		expect(await readHouseholdIndex(db, ws.id)).toEqual([]); // written on opening
		expect(first.rows('settings').map((r) => r.raw.name)).toEqual(['河西村工作组']);
		const changes: unknown[] = [];
		first.subscribe((c) => changes.push(c));
		const h = first.docs.main.create('household', { headName: '张三' });
		if (!h.ok) throw new Error('not created');
		expect(changes).toContainEqual({ rows: 'household' });
		first.docs.undo();
		// Its creation was the undo step: the record went to the trash (issue 9 #6), not away.
		expect(first.rows('household').filter((r) => !r.deleted)).toEqual([]);
		expect(changes).toContain('undo');
		expect(first.canRedo).toBe(true);
		first.docs.redo();
		first.destroy();

		const again = await phone.open(ws);
		expect(headName(again, h.value)).toBe('张三');
		expect(again.rows('household').map((r) => r.id)).toEqual([h.value]);
		expect(again.rows('settings')).toHaveLength(1); // named once, not again
		await waitFor(() => true);
		expect((await readHouseholdIndex(db, ws.id))?.map((r) => r.name)).toEqual(['张三']);
		db.close();
	});

	it('syncs two devices through the relay, shards included, and tells a merge once synced', async () => {
		relay = await startRelay();
		const r = relay;
		const a = await device('a').open(info(WS, 'owner', r.ws, await r.token('owner')));
		const bDevice = device('b');
		const b = await bDevice.open(info(WS, 'editor', r.ws, await r.token('editor')));
		await waitFor(() => a.status.state === 'synced' && b.status.state === 'synced', 10_000, 'sync');

		const h = a.docs.main.create('household', { headName: '王五', village: '河西村' });
		if (!h.ok) throw new Error('not created');
		await waitFor(() => headName(b, h.value) === '王五', 5_000, 'household on b');
		expect(b.rows('household').map((row) => row.id)).toContain(h.value);

		// A visit opens its year's shard, which connects as its own room.
		await a.docs.createVisit({
			kind: 'visit',
			date: '2026-03-02',
			subjectKind: 'household',
			subjectId: h.value
		});
		const bShard = await b.docs.visits(2026);
		await waitFor(() => bShard.ids('visit').length === 1, 5_000, 'visit on b');
		await waitFor(() => a.status.state === 'synced', 5_000, 'a synced');

		// B edits offline while A edits the same household: B is told once it is back.
		bDevice.offline();
		await waitFor(() => b.status.state === 'offline', 5_000, 'b offline');
		b.docs.main.update('household', h.value, { phone: '13800000000' });
		a.docs.main.update('household', h.value, { group: '三组' });
		expect(b.merged).toEqual([]);
		bDevice.online();
		await waitFor(() => b.merged.length > 0, 10_000, 'merge told');
		expect(b.status.state).toBe('synced');
		// The notice can name what the other device changed: 组, not B's own phone number.
		expect(b.merged).toEqual([{ kind: 'household', id: h.value, fields: ['group'] }]);
		expect(a.merged).toEqual([]);
		await waitFor(() => a.docs.main.raw('household', h.value)?.phone === '13800000000');
		expect(b.docs.main.raw('household', h.value)?.group).toBe('三组');
		b.dismissMerged();
		expect(b.merged).toEqual([]);
	});
});
