// DESIGN "Storage promises": kill -9 at any moment loses no update that any client has
// received back. Real child processes, real SQLite files, stock y-websocket clients.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/sync/protocol.ts';
import { mintToken, parseTtl } from '../../sync-server/src/auth/tokens.ts';
import { SqliteStore } from '../../sync-server/src/store/sqlite.ts';
import { client, removeDir, sleep, tempDir, waitFor, WS } from '../../sync-server/test/helpers.ts';
import { kill, spawnRelay, type RelayProcess } from './relay-process.ts';

const SECRET = 'crash-test-secret';
let dir = '';
let proc: RelayProcess | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
	for (const c of cleanups.splice(0)) c();
	if (proc) await kill(proc, 'SIGKILL');
	proc = null;
	if (dir) removeDir(dir);
	dir = '';
});

async function editorToken(dataDir: string): Promise<string> {
	const store = new SqliteStore(dataDir);
	const { token } = await mintToken(new TextEncoder().encode(SECRET), store, {
		workspaceId: WS,
		role: 'editor',
		ttlSeconds: parseTtl('1h')
	});
	await store.close();
	return token;
}

/** Items ("writer:n") a doc holds that reached it through the relay. */
function receivedFrom(doc: Y.Doc, self: string | null): string[] {
	return (doc.getArray<string>('log').toArray() as string[]).filter(
		(s) => self === null || !s.startsWith(`${self}:`)
	);
}

describe('relay process', () => {
	it('SIGKILL while clients stream: every update any client received back survives (repeated)', async () => {
		dir = tempDir();
		const token = await editorToken(dir);
		const mustSurvive = new Set<string>();
		// Different write paces and kill moments each round, some mid-compaction.
		const rounds = [
			{ writers: 3, everyMs: 2, killAfterMs: 150 },
			{ writers: 4, everyMs: 0, killAfterMs: 400 },
			{ writers: 2, everyMs: 5, killAfterMs: 60 },
			{ writers: 3, everyMs: 1, killAfterMs: 700 },
			{ writers: 5, everyMs: 3, killAfterMs: 250 }
		];
		for (const [r, round] of rounds.entries()) {
			proc = await spawnRelay(dir, SECRET);
			const witness = client(proc.ws, WS, token);
			const writers = Array.from({ length: round.writers }, () => client(proc!.ws, WS, token));
			const all = [witness, ...writers];
			await waitFor(() => all.every((c) => c.provider.synced), 10_000, 'clients synced');
			let streaming = true;
			const loops = writers.map(async (w, i) => {
				for (let n = 0; streaming; n++) {
					w.doc.getArray('log').push([`r${r}w${i}:${n}`]);
					await sleep(round.everyMs);
				}
			});
			await sleep(round.killAfterMs + Math.random() * 100);
			await kill(proc, 'SIGKILL');
			streaming = false;
			await Promise.all(loops);
			for (const s of receivedFrom(witness.doc, null)) mustSurvive.add(s);
			writers.forEach((w, i) =>
				receivedFrom(w.doc, `r${r}w${i}`).forEach((s) => mustSurvive.add(s))
			);
			for (const c of all) c.destroy();
			proc = null;
		}
		expect(mustSurvive.size).toBeGreaterThan(100);
		proc = await spawnRelay(dir, SECRET);
		const fresh = client(proc.ws, WS, token);
		cleanups.push(fresh.destroy);
		await waitFor(() => fresh.provider.synced, 10_000, 'fresh client synced');
		const present = new Set(receivedFrom(fresh.doc, null));
		const lost = [...mustSurvive].filter((s) => !present.has(s));
		expect(lost).toEqual([]);
	}, 60_000);

	it('SIGTERM closes sockets with 1001, exits 0, and keeps everything', async () => {
		dir = tempDir();
		const token = await editorToken(dir);
		proc = await spawnRelay(dir, SECRET);
		const a = client(proc.ws, WS, token);
		const b = client(proc.ws, WS, token);
		cleanups.push(a.destroy, b.destroy);
		await waitFor(() => a.provider.synced && b.provider.synced, 10_000);
		const codes: number[] = [];
		b.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
		for (let i = 0; i < 100; i++) a.doc.getArray('log').push([`a:${i}`]);
		await waitFor(() => b.doc.getArray('log').length === 100, 5000);
		expect(await kill(proc, 'SIGTERM')).toBe(0);
		await waitFor(() => codes.length > 0, 5000, 'close seen');
		expect(codes[0]).toBe(CloseCode.goingAway);
		proc = await spawnRelay(dir, SECRET);
		const c = client(proc.ws, WS, token);
		cleanups.push(c.destroy);
		await waitFor(() => c.provider.synced && c.doc.getArray('log').length === 100, 10_000);
	}, 30_000);
});
