// Where does the relay's memory go? Starts our relay or the stock server exactly as
// bench/relay/servers.ts does (node --import tsx, same env), reads VmRSS when ready, connects N
// idle y-websocket clients over M rooms from this process, reads VmRSS again, and with
// --snapshot has the server write a heap snapshot before and after (SIGUSR2), then prints the
// heap by constructor so the two servers and the two moments can be diffed.
// Not part of the relay: run by hand, e.g.
//   node --import tsx sync-server/bench-tools/memory-probe.ts bangfu 1000 100 --snapshot
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

const [kind = 'bangfu', nArg = '1000', roomsArg = '100', ...flags] = process.argv.slice(2);
const clients = Number(nArg);
const rooms = Number(roomsArg);
const snapshot = flags.includes('--snapshot');
/** With --node=--import=./sync-server/bench-tools/mem-report.mjs: print the heap spaces too. */
const report = flags.includes('--report');
/** Same settle time as the bench's idle-memory row, so figures are comparable. */
const SETTLE_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssKb = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

function freePort(): Promise<number> {
	return new Promise((res) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
	});
}

function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, kind);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}
const STEP1 = syncMessage(0, Y.encodeStateVector(new Y.Doc()));
const STEP2 = syncMessage(1, Y.encodeStateAsUpdate(new Y.Doc()));

/** Writes a heap snapshot in the child's cwd and sums it by node type and name. */
async function heapByName(child: ChildProcess, dir: string): Promise<Map<string, number>> {
	const before = new Set(readdirSync(dir));
	child.kill('SIGUSR2');
	let file: string | undefined;
	for (let i = 0; i < 600 && !file; i++) {
		await sleep(100);
		file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
	}
	if (!file) throw new Error('no heap snapshot written');
	// Wait until the JSON is complete (the writer appends for a while).
	let text = '';
	for (let i = 0; i < 600; i++) {
		text = readFileSync(join(dir, file), 'utf8');
		if (text.trimEnd().endsWith('}')) break;
		await sleep(100);
	}
	const snap = JSON.parse(text) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
		nodes: number[];
		strings: string[];
	};
	const f = snap.snapshot.meta.node_fields;
	const types = snap.snapshot.meta.node_types[0];
	const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
	const out = new Map<string, number>();
	for (let i = 0; i < snap.nodes.length; i += f.length) {
		const type = types[snap.nodes[i + iType!]!]!;
		const name =
			type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + iName!]!] : '';
		const key = `${type}:${name}`;
		out.set(key, (out.get(key) ?? 0) + snap.nodes[i + iSize!]!);
	}
	rmSync(join(dir, file));
	return out;
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), `bangfu-probe-${kind}-`));
// As they run in production: ours from its bundle (`npm run relay` builds it), the stock one
// as plain JavaScript; neither under a TypeScript loader.
const entry = kind === 'bangfu' ? 'sync-server/dist/main.mjs' : 'bench/relay/stock-server.mjs';
const child = spawn(
	'node',
	[
		'--heapsnapshot-signal=SIGUSR2',
		...flags.filter((f) => f.startsWith('--node=')).map((f) => f.slice(7)),
		entry
	],
	{
		cwd: process.cwd(),
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			RELAY_SECRET: randomBytes(32).toString('base64url'),
			// Every probe client is 127.0.0.1: without these the per-address caps refuse the load.
			MAX_CONNECTIONS_PER_ADDRESS: '0',
			REGISTRATIONS_PER_HOUR: '0'
		}
	}
);
await new Promise<void>((res) => child.on('message', () => res()));
const pid = child.pid!;
await sleep(1000);
const base = rssKb(pid);
console.log(`${kind}: RSS when ready ${(base / 1024).toFixed(1)} MB`);
if (report) child.kill('SIGWINCH');
const heap0 = snapshot ? await heapByName(child, process.cwd()) : null;

const http = `http://127.0.0.1:${port}`;
const sockets: WebSocket[] = [];
for (let r = 0; r < rooms; r++) {
	const room = `probe${String(r).padStart(4, '0')}`;
	let token = 'none';
	if (kind === 'bangfu') {
		const res = await fetch(`${http}/api/workspaces`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: room })
		});
		token = ((await res.json()) as { token: string }).token;
	}
	for (let k = 0; k < clients / rooms; k++) {
		// --deflate: offer permessage-deflate as browsers (and the relay bench's clients) do.
		const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/${room}?token=${token}`, {
			perMessageDeflate: flags.includes('--deflate')
		});
		ws.on('open', () => ws.send(STEP1));
		ws.on('message', (d: Buffer) => d[0] === 0 && d[1] === 0 && ws.send(STEP2));
		sockets.push(ws);
		await new Promise((r) => ws.once('open', r));
	}
}
await sleep(SETTLE_MS);
const idle = rssKb(pid);
console.log(
	`${kind}: RSS with ${clients} idle clients ${(idle / 1024).toFixed(1)} MB, ` +
		`${((idle - base) / clients).toFixed(1)} KB per client`
);
if (report) {
	child.kill('SIGWINCH');
	await sleep(200);
}
if (snapshot && heap0) {
	const heap1 = await heapByName(child, process.cwd());
	const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
	console.log(
		`heap before ${(sum(heap0) / 1e6).toFixed(1)} MB, after ${(sum(heap1) / 1e6).toFixed(1)} MB`
	);
	console.log('largest at rest (KB):');
	for (const [k, v] of [...heap0].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
		console.log(`  ${(v / 1024).toFixed(0).padStart(7)}  ${k}`);
	}
	console.log('grew per client (bytes):');
	const grew = [...heap1].map(([k, v]) => [k, (v - (heap0.get(k) ?? 0)) / clients] as const);
	for (const [k, v] of grew.sort((a, b) => b[1] - a[1]).slice(0, 30)) {
		console.log(`  ${v.toFixed(0).padStart(7)}  ${k}`);
	}
}
for (const ws of sockets) ws.terminate();
child.kill('SIGKILL');
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
