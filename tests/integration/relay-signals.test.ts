// Issue 10 #7: SIGTERM to `npm run relay` (npm → scripts/ensure.mjs → the relay, a real
// process tree) reaches the relay: clients get 1001 and every process exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { afterEach, expect, it } from 'vitest';
import { mintToken, parseTtl } from '../../sync-server/src/auth/tokens.ts';
import { loadSecret } from '../../sync-server/src/config.ts';
import { SqliteStore } from '../../sync-server/src/store/sqlite.ts';
import { closed, removeDir, tempDir, waitFor } from '../../sync-server/test/helpers.ts';

let dir = '';
let npm: ChildProcess | null = null;
afterEach(() => {
	// npm runs in its own process group: a failed test leaves no relay behind.
	if (npm?.pid) {
		try {
			process.kill(-npm.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
	removeDir(dir);
});

it('[SIG1] SIGTERM to `npm run relay` closes clients with 1001 and exits 0', async () => {
	dir = tempDir();
	const store = new SqliteStore(dir);
	const { token } = await mintToken(loadSecret(dir, 'signal-test'), store, {
		workspaceId: 'signals-test-1',
		role: 'editor',
		ttlSeconds: parseTtl('1h')
	});
	await store.close();
	npm = spawn('npm', ['run', 'relay'], {
		env: {
			...process.env,
			DATA_DIR: dir,
			RELAY_SECRET: 'signal-test',
			PORT: '0',
			HOST: '127.0.0.1',
			RELAY_LOG: 'silent'
		},
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	});
	let out = '';
	npm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	await waitFor(() => /listening on http:\/\/localhost:\d+/.test(out), 30_000, 'the relay');
	const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(out)![1]);
	const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/signals-test-1?token=${token}`);
	await once(ws, 'open');
	const closing = closed(ws);
	const exited = once(npm, 'exit') as Promise<[number | null, string | null]>;
	npm.kill('SIGTERM');
	expect((await closing).code).toBe(1001);
	const [code, signal] = await exited;
	expect({ code, signal }).toEqual({ code: 0, signal: null });
	// Nothing is left serving the port: the relay itself exited, not only npm.
	await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
}, 60_000);
