// Starts the two relays side by side with identical launch (plain node, 127.0.0.1,
// a free port) and gives the load generator what it needs: URLs and, for ours, tokens.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, spawnTracked, stop } from '../lib/procs';
import { RELAY_NODE_FLAGS } from '../../sync-server/node-flags.mjs';
import { buildRelay, RELAY_ENTRY, relayIsCurrent } from '../../scripts/relay-build.mjs';

export type RelayKind = 'bangfu' | 'stock';

export const RELAY_LABEL: Record<RelayKind, string> = {
	bangfu: 'Bangfu relay',
	stock: 'stock @y/websocket-server 0.1.1'
};

export type RunningRelay = {
	kind: RelayKind;
	port: number;
	pid: number;
	/** ws://127.0.0.1:PORT/sync — the base a WebsocketProvider takes. */
	base: string;
	url(room: string, token: string): string;
	/** One token per workspace id (registers the workspaces on our relay; '' on the stock one). */
	tokens(workspaces: readonly string[]): Promise<Map<string, string>>;
	/** The last lines the server printed, for error messages. */
	tail(): string;
	stop(): Promise<void>;
};

const READY_TIMEOUT_MS = 30_000;

/** Every bench client comes from 127.0.0.1, where a deployment's 1,000 devices come from many
 * addresses: the per-address caps (512 sockets, 20 registrations an hour, issue 10) would
 * refuse the load itself, so our relay runs without them. Nothing else changes. */
const ONE_ADDRESS_ENV = { MAX_CONNECTIONS_PER_ADDRESS: '0', REGISTRATIONS_PER_HOUR: '0' };

export async function startRelay(
	kind: RelayKind,
	root: string,
	extraEnv: Record<string, string> = {},
	/** Extra node flags, e.g. ['--cpu-prof'] to see where a relay spends a load. */
	nodeArgs: string[] = []
): Promise<RunningRelay> {
	// The bench tools run on their own too (`node --import tsx bench/relay/profile.ts`).
	if (kind === 'bangfu' && !relayIsCurrent(root)) await buildRelay(root);
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), `bangfu-bench-${kind}-`));
	// Each as it runs in production, with no TypeScript loader: ours from the bundle `npm run
	// bench` has built (scripts/relay-build.mjs) with the flags `npm start` gives it, the stock
	// server as plain JavaScript with Node's defaults.
	const entry = kind === 'bangfu' ? RELAY_ENTRY : 'bench/relay/stock-server.mjs';
	const flags = kind === 'bangfu' ? RELAY_NODE_FLAGS : [];
	const child = spawnTracked('node', [...flags, ...nodeArgs, entry], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			RELAY_SECRET: randomBytes(32).toString('base64url'),
			...(kind === 'bangfu' ? ONE_ADDRESS_ENV : {}),
			...extraEnv
		}
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	try {
		await ready(child, () => output);
	} catch (err) {
		await stop(child);
		rmSync(dataDir, { recursive: true, force: true });
		throw err;
	}
	const http = `http://127.0.0.1:${port}`;
	return {
		kind,
		port,
		pid: child.pid ?? -1,
		base: `ws://127.0.0.1:${port}/sync`,
		url: (room, token) => `ws://127.0.0.1:${port}/sync/${room}?token=${encodeURIComponent(token)}`,
		tokens: async (workspaces) => {
			const out = new Map<string, string>();
			for (const id of workspaces) {
				out.set(id, kind === 'bangfu' ? await register(http, id) : 'stock-has-no-auth');
			}
			return out;
		},
		tail: () => output,
		stop: async () => {
			await stop(child);
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

function ready(child: ChildProcess, tail: () => string): Promise<void> {
	return new Promise((res, rej) => {
		const timer = setTimeout(
			() => rej(new Error(`relay not ready in ${READY_TIMEOUT_MS} ms:\n${tail()}`)),
			READY_TIMEOUT_MS
		);
		child.on('message', (m: unknown) => {
			if (typeof m === 'object' && m !== null && 'ready' in m) {
				clearTimeout(timer);
				res();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			rej(new Error(`relay exited with ${code} before it was ready:\n${tail()}`));
		});
	});
}

/** POST /api/workspaces {id}: registration is open by default and returns an owner token. */
async function register(http: string, id: string): Promise<string> {
	const res = await fetch(`${http}/api/workspaces`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id })
	});
	const body = (await res.json()) as { token?: unknown };
	if (res.status !== 201 || typeof body.token !== 'string') {
		throw new Error(`registering workspace ${id} failed: HTTP ${res.status}`);
	}
	return body.token;
}
