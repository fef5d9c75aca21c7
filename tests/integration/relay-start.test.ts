// Issue 9 #11 and 10 #7: `npm start` with a current build starts at once, prints the address
// first and none of Vite's advice; SIGTERM to it (npm → ensure.mjs → relay) gives 1001, exit 0.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, expect, it } from 'vitest';
import { buildIsCurrent, sourceHash, writeStamp } from '../../scripts/build-stamp.mjs';
import { closed, removeDir, tempDir, waitFor } from '../../sync-server/test/helpers.ts';

let dir = '';
let npm: ChildProcess | null = null;
afterEach(() => {
	if (npm?.pid) {
		try {
			process.kill(-npm.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
	removeDir(dir);
});

const root = process.cwd();
/** The environment of a person's shell: vite.config.ts builds differently under vitest. */
const shellEnv = Object.fromEntries(
	Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')
);
const stamp = { buildIsCurrent, sourceHash, writeStamp };

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	await new Promise((r) => server.close(r));
	return port;
}

it('[START1] npm start with a current build: address first, no rebuild, no Vite noise; SIGTERM → 1001, exit 0', async () => {
	// `npm test` has just built; run on its own, this builds once, as `npm start` would.
	if (!stamp.buildIsCurrent(root)) {
		const hash = stamp.sourceHash(root);
		execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
			stdio: 'ignore',
			env: shellEnv
		});
		stamp.writeStamp(root, hash);
	}
	dir = tempDir();
	const port = await freePort();
	const builtAt = statSync(join(root, 'build', 'index.html')).mtimeMs;
	npm = spawn('npm', ['start'], {
		env: { ...shellEnv, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	let out = '';
	let all = '';
	npm.stdout!.on('data', (c: Buffer) => ((out += c.toString()), (all += c.toString())));
	npm.stderr!.on('data', (c: Buffer) => (all += c.toString()));
	await waitFor(() => out.includes('listening on'), 30_000, 'the relay');
	// No rebuild: the build on disk is the one that was there.
	expect(statSync(join(root, 'build', 'index.html')).mtimeMs).toBe(builtAt);
	const lines = all.split('\n').filter(Boolean);
	expect(lines[0]).toBe(`[bangfu] starting Bangfu on http://localhost:${port}`);
	expect(all).not.toMatch(/building the app|npm run preview|vite v\d/i);
	expect(out).toContain(`listening on http://localhost:${port} (app + relay)`);
	// The relay runs from its bundle, with no TypeScript loader (scripts/relay-build.mjs).
	const relays = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
		.split('\n')
		.filter((l) => l.includes('sync-server/') && l.includes('main.'));
	expect(relays.some((l) => l.includes('sync-server/dist/main.mjs') && !l.includes('tsx'))).toBe(
		true
	);
	const page = await fetch(`http://127.0.0.1:${port}/`);
	expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-");

	const { token } = (await (
		await fetch(`http://127.0.0.1:${port}/api/workspaces`, { method: 'POST' })
	).json()) as { token: string; workspaceId: string };
	const id = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).ws;
	const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/${id}?token=${token}`);
	await once(ws, 'open');
	const closing = closed(ws);
	const exited = once(npm, 'exit') as Promise<[number | null, string | null]>;
	npm.kill('SIGTERM');
	expect((await closing).code).toBe(1001);
	const [code, signal] = await exited;
	expect({ code, signal }).toEqual({ code: 0, signal: null });
	await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
}, 180_000);
