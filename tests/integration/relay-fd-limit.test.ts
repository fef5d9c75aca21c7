// Issue 10 #1/#6: a relay with few file descriptors, flooded with idle sockets, refuses the
// excess cleanly instead of reaching EMFILE and exiting; once the flood ends it serves again.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { removeDir, sleep, tempDir, waitFor } from '../../sync-server/test/helpers.ts';

let dir = '';
let child: ChildProcess | null = null;
const sockets: Socket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.destroy();
	child?.kill('SIGKILL');
	removeDir(dir);
});

it('[FD1] 1,500 idle sockets against a 400-fd relay: it stays up and /healthz recovers', async () => {
	dir = tempDir();
	// prlimit (util-linux) lowers the open-files limit of the relay alone.
	child = spawn(
		'prlimit',
		['--nofile=400:400', process.execPath, '--import', 'tsx', 'sync-server/src/main.ts'],
		{
			env: {
				...process.env,
				DATA_DIR: dir,
				RELAY_SECRET: 'fd-test',
				PORT: '0',
				HOST: '127.0.0.1',
				RELAY_LOG: 'silent',
				MAX_CONNECTIONS_PER_ADDRESS: '0'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	await waitFor(() => /listening on http:\/\/localhost:\d+/.test(out), 20_000, 'the relay');
	const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(out)![1]);
	const base = `http://127.0.0.1:${port}`;
	const owner = (await (await fetch(`${base}/api/workspaces`, { method: 'POST' })).json()) as {
		workspaceId: string;
		token: string;
	};
	const photo = new TextEncoder().encode('a photo, pretend');
	const sha = createHash('sha256').update(photo).digest('hex');
	const blob = `/api/workspaces/${owner.workspaceId}/blobs/${sha}`;
	const auth = { authorization: `Bearer ${owner.token}` };
	expect((await fetch(base + blob, { method: 'PUT', headers: auth, body: photo })).status).toBe(
		201
	);
	// The first socket is accepted before the flood; it asks for the blob once the flood is in.
	const first = connect(port, '127.0.0.1');
	first.on('error', () => {});
	let answer = '';
	first.on('data', (c: Buffer) => (answer += c.toString()));
	sockets.push(first);
	await new Promise((r) => first.once('connect', r));
	for (let i = 0; i < 1500; i++) {
		const s = connect(port, '127.0.0.1');
		s.on('error', () => {});
		sockets.push(s);
		if (i % 100 === 0) await sleep(10);
	}
	await sleep(1000);
	// Reading the blob needs a file descriptor: at the fd limit that was EMFILE, unhandled.
	first.write(`GET ${blob} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.authorization}\r\n\r\n`);
	await waitFor(() => answer.includes('a photo, pretend'), 5000, 'the blob');
	expect(answer).toMatch(/^HTTP\/1.1 200 OK/);
	expect(child.exitCode).toBeNull();
	for (const s of sockets.splice(0)) s.destroy();
	await waitFor(() => child!.exitCode !== null || sockets.length === 0, 1000);
	let status = 0;
	await waitFor(
		() => {
			void fetch(`http://127.0.0.1:${port}/healthz`).then(
				(r) => (status = r.status),
				() => {}
			);
			return status === 200;
		},
		10_000,
		'/healthz'
	);
	expect(child.exitCode).toBeNull();
});
