// DESIGN "Scale": several relay processes over one Postgres and one Redis. Real child
// processes, Debian's Postgres and Redis on their own ports, stock y-websocket clients.
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, parseTtl } from '../../sync-server/src/auth/tokens.ts';
import { PostgresStore } from '../../sync-server/src/store/postgres.ts';
import { SqliteStore } from '../../sync-server/src/store/sqlite.ts';
import { client, removeDir, tempDir, waitFor, WS } from '../../sync-server/test/helpers.ts';
import { startPostgres, startRedis, type Postgres, type Redis } from '../services/engines.ts';
import { kill, spawnRelay, type RelayProcess } from './relay-process.ts';

const SECRET = 'scale-out-test-secret';
let pg: Postgres;
let redis: Redis;
const procs: RelayProcess[] = [];
const dirs: string[] = [];
const cleanups: (() => void)[] = [];

beforeAll(async () => {
	[pg, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
	await Promise.all([pg?.stop(), redis?.stop()]);
});
afterEach(async () => {
	for (const c of cleanups.splice(0)) c();
	for (const p of procs.splice(0)) await kill(p, 'SIGKILL');
	for (const d of dirs.splice(0)) removeDir(d);
});

async function relay(): Promise<RelayProcess> {
	const dir = tempDir('bangfu-scale-');
	dirs.push(dir);
	const p = await spawnRelay(dir, SECRET, { DATABASE_URL: pg.url, REDIS_URL: redis.url });
	procs.push(p);
	return p;
}

async function minted(role: 'owner' | 'editor' | 'viewer', workspaceId = WS) {
	const store = new PostgresStore(pg.url, { max: 1 });
	const { token, claims } = await mintToken(new TextEncoder().encode(SECRET), store, {
		workspaceId,
		role,
		ttlSeconds: parseTtl('1h')
	});
	await store.close();
	return { token, jti: claims.jti };
}

const token = async (role: 'owner' | 'editor' | 'viewer' = 'editor') => (await minted(role)).token;

function open(p: RelayProcess, t: string, room = WS) {
	const c = client(p.ws, room, t);
	cleanups.push(c.destroy);
	return c;
}

describe('scale-out over Postgres + Redis Streams', () => {
	it('[SO1] clients of two relay processes converge, both ways', async () => {
		const [a, b] = [await relay(), await relay()];
		const t = await token();
		const ca = open(a, t);
		const cb = open(b, t);
		await waitFor(() => ca.provider.synced && cb.provider.synced, 10_000, 'synced');
		ca.doc.getMap('m').set('from-a', '王大山');
		cb.doc.getMap('m').set('from-b', '李小花');
		await waitFor(
			() => ca.doc.getMap('m').size === 2 && cb.doc.getMap('m').size === 2,
			10_000,
			'both edits on both'
		);
		expect(cb.doc.getMap('m').get('from-a')).toBe('王大山');
		expect(ca.doc.getMap('m').get('from-b')).toBe('李小花');
	}, 60_000);

	it('[SO2] a process started on an empty DATA_DIR serves the full state from Postgres', async () => {
		const a = await relay();
		const t = await token();
		const ca = open(a, t, `${WS}/visits-2026`);
		await waitFor(() => ca.provider.synced, 10_000, 'synced');
		for (let i = 0; i < 50; i++) ca.doc.getArray('a2').push([i]);
		const b = await relay();
		const fresh = open(b, t, `${WS}/visits-2026`);
		await waitFor(() => fresh.doc.getArray('a2').length === 50, 10_000, 'all 50 from Postgres');
		expect(fresh.doc.getArray('a2').toJSON()).toEqual(ca.doc.getArray('a2').toJSON());
	}, 60_000);

	it('[SO3] kill -9 one process mid-stream: nothing any client received back is lost', async () => {
		const [a, b] = [await relay(), await relay()];
		const t = await token();
		const writer = open(a, t);
		const witness = open(b, t);
		await waitFor(() => writer.provider.synced && witness.provider.synced, 10_000, 'synced');
		const seen = new Set<number>();
		witness.doc.getArray<number>('log').observe(() => {
			for (const n of witness.doc.getArray<number>('log').toArray()) seen.add(n);
		});
		let n = 0;
		const timer = setInterval(() => writer.doc.getArray('log').push([n++]), 2);
		await waitFor(() => seen.size > 100, 10_000, 'stream flowing');
		clearInterval(timer);
		await kill(a, 'SIGKILL');
		const received = new Set(seen);
		const later = await relay();
		const check = open(later, t);
		await waitFor(() => check.provider.synced, 10_000, 'reconnected');
		const stored = new Set(check.doc.getArray<number>('log').toArray());
		for (const v of received) expect(stored.has(v)).toBe(true);
	}, 60_000);

	it('[SO4] Redis restarted mid-stream: nothing is lost once it is back', async () => {
		const [a, b] = [await relay(), await relay()];
		const t = await token();
		const ca = open(a, t);
		const cb = open(b, t);
		await waitFor(() => ca.provider.synced && cb.provider.synced, 10_000, 'synced');
		for (let i = 0; i < 20; i++) ca.doc.getArray('log4').push([`before-${i}`]);
		await waitFor(() => cb.doc.getArray('log4').length === 20, 10_000, 'before restart');
		// Down long enough that every process notices, with writes while it is down.
		await redis.stop();
		// Each process says so, and stays in service (200: it still serves its own clients).
		let health: { status: number; body: { status?: string; problems?: string[] } } = {
			status: 0,
			body: {}
		};
		for (let i = 0; i < 100 && health.body.status !== 'degraded'; i++) {
			const res = await fetch(`${a.http}/healthz`);
			health = { status: res.status, body: (await res.json()) as typeof health.body };
			if (health.body.status !== 'degraded') await new Promise((r) => setTimeout(r, 100));
		}
		expect(health).toEqual({
			status: 200,
			body: expect.objectContaining({ status: 'degraded', problems: ['fanout: unreachable'] })
		});
		expect(await (await fetch(`${a.http}/metrics`)).text()).toMatch(/^bangfu_fanout_up 0$/m);
		for (let i = 0; i < 20; i++) ca.doc.getArray('log4').push([`during-${i}`]);
		await new Promise((r) => setTimeout(r, 1500));
		await redis.restart();
		await waitFor(() => cb.doc.getArray('log4').length === 40, 20_000, 'after Redis is back');
		expect(new Set(cb.doc.getArray('log4').toJSON())).toEqual(
			new Set(ca.doc.getArray('log4').toJSON())
		);
	}, 60_000);

	it('[SO5] awareness crosses processes', async () => {
		const [a, b] = [await relay(), await relay()];
		const t = await token();
		const ca = open(a, t);
		const cb = open(b, t);
		await waitFor(() => ca.provider.synced && cb.provider.synced, 10_000, 'synced');
		ca.provider.awareness.setLocalStateField('user', { name: '张老师' });
		await waitFor(
			() =>
				[...cb.provider.awareness.getStates().values()].some(
					(s) => (s as { user?: { name?: string } }).user?.name === '张老师'
				),
			10_000,
			'presence from the other process'
		);
	}, 60_000);

	it('[SO6] a token revoked through one process closes its sockets on the other', async () => {
		const [a, b] = [await relay(), await relay()];
		const owner = await token('owner');
		const editor = await minted('editor');
		const cb = open(b, editor.token);
		await waitFor(() => cb.provider.synced, 10_000, 'synced');
		const closes: number[] = [];
		cb.provider.on('connection-close', (e: CloseEvent | null) => {
			if (e) closes.push(e.code);
		});
		const res = await fetch(`${a.http}/api/workspaces/${WS}/tokens/${editor.jti}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${owner}` }
		});
		expect(res.status).toBe(200);
		await waitFor(() => closes.includes(4401), 10_000, 'closed with 4401 on the other process');
	}, 60_000);

	it('[SO7] relay:move takes a workspace from the embedded relay to Postgres, tokens included', async () => {
		const dir = tempDir('bangfu-embedded-');
		dirs.push(dir);
		const ws = 'moved-ws-001';
		const sqlite = new SqliteStore(dir);
		const secret = new TextEncoder().encode(SECRET);
		await sqlite.registerWorkspace(ws);
		const ttl = { workspaceId: ws, ttlSeconds: parseTtl('1h') };
		const editor = await mintToken(secret, sqlite, { ...ttl, role: 'editor' });
		const revoked = await mintToken(secret, sqlite, { ...ttl, role: 'viewer' });
		await sqlite.revokeToken(ws, revoked.claims.jti);
		await sqlite.close();
		const embedded = await spawnRelay(dir, SECRET);
		procs.push(embedded);
		const before = open(embedded, editor.token, `${ws}/visits-2026`);
		await waitFor(() => before.provider.synced, 10_000, 'synced on the embedded relay');
		before.doc.getMap('v').set('visit-1', '走访王大山家');
		// Another client seeing it proves the relay stored it (stored before relayed).
		const other = open(embedded, editor.token, `${ws}/visits-2026`);
		await waitFor(() => other.doc.getMap('v').get('visit-1') === '走访王大山家', 10_000, 'relayed');
		await kill(embedded, 'SIGTERM');
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', 'sync-server/src/cli/move.ts', '--workspace', ws],
			{
				env: { ...process.env, DATA_DIR: dir, DATABASE_URL: pg.url, RELAY_SECRET: SECRET },
				encoding: 'utf8'
			}
		);
		expect(out).toContain(`${ws}: 1 rooms`);
		const scaled = await relay();
		const after = open(scaled, editor.token, `${ws}/visits-2026`);
		await waitFor(
			() => after.doc.getMap('v').get('visit-1') === '走访王大山家',
			10_000,
			'moved state'
		);
		const refused = await fetch(`${scaled.http}/api/workspaces/${ws}/session`, {
			headers: { authorization: `Bearer ${revoked.token}` }
		});
		expect(refused.status).toBe(401);
	}, 60_000);
});
