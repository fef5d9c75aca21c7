// How long do the relay's group commits take under the fan-out load's rate, inside the relay?
// Starts the relay (node --import tsx, like bench/relay), drives 100 writers in 10 rooms at
// 200 updates/s in total for 10 s with bench/relay's raw client, then prints the relay's own
// bangfu_store_seconds{op="append"} histogram from /metrics.
//   node --import tsx sync-server/bench-tools/commit-in-load.ts
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient } from '../../bench/relay/client.ts';

/** The bench's fan-out rate; 10 s is enough for ~2,000 commits. */
const RATE = 200;
const SECONDS = 10;
const ROOMS = 10;
const PER_ROOM = 10;

const port = 20000 + Math.floor(Math.random() * 20000);
const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-commit-load-'));
// RELAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the relay over the load.
const nodeArgs = (process.env.RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn('node', [...nodeArgs, '--import', 'tsx', 'sync-server/src/main.ts'], {
	stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		RELAY_SECRET: randomBytes(32).toString('base64url')
	}
});
await new Promise<void>((res) => child.on('message', () => res()));
const http = `http://127.0.0.1:${port}`;
const clients: RawClient[] = [];
for (let r = 0; r < ROOMS; r++) {
	const room = `benchload${String(r).padStart(4, '0')}`;
	const res = await fetch(`${http}/api/workspaces`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: room })
	});
	const { token } = (await res.json()) as { token: string };
	for (let k = 0; k < PER_ROOM; k++) {
		const c = new RawClient(r * PER_ROOM + k, room, () => {});
		await c.connect(`ws://127.0.0.1:${port}/sync/${room}?token=${token}`, 5000);
		clients.push(c);
	}
}
let i = 0;
const timer = setInterval(() => clients[i++ % clients.length]!.write(), 1000 / RATE);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(timer);
await new Promise((r) => setTimeout(r, 500));
const text = await (await fetch(`${http}/metrics`)).text();
for (const line of text.split('\n')) {
	if (line.startsWith('bangfu_store_seconds') && line.includes('op="append"')) console.log(line);
}
for (const c of clients) c.close();
// SIGTERM, not SIGKILL: a --cpu-prof profile is written on a clean exit only.
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
