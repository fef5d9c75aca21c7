// Test helpers: a real relay on 127.0.0.1:0 with its own temp DATA_DIR, stock y-websocket
// clients (BroadcastChannel disabled, or the relay would be bypassed), and polling waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Role } from '#protocol';
import { mintToken, parseTtl } from '../src/auth/tokens.ts';
import { loadConfig, type RelayConfig } from '../src/config.ts';
import { setQuiet } from '../src/log.ts';
import { createRelay, type Relay } from '../src/server.ts';

setQuiet(true);

export const WS = 'workspace-test-1';

export type TestRelay = {
	relay: Relay;
	config: RelayConfig;
	port: number;
	http: string;
	ws: string;
	token(role: Role, workspaceId?: string, ttl?: string): Promise<string>;
	close(): Promise<void>;
};

export function tempDir(prefix = 'bangfu-relay-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export async function startRelay(
	env: Record<string, string> = {},
	dataDir = tempDir(),
	seams: Parameters<typeof createRelay>[1] = {}
): Promise<TestRelay> {
	const config = loadConfig({
		DATA_DIR: dataDir,
		PORT: '0',
		HOST: '127.0.0.1',
		RELAY_SECRET: 'test-secret',
		...env
	});
	const relay = createRelay(config, seams);
	const port = await relay.listen();
	return {
		relay,
		config,
		port,
		http: `http://127.0.0.1:${port}`,
		ws: `ws://127.0.0.1:${port}/sync`,
		token: async (role, workspaceId = WS, ttl = '1h') =>
			(
				await mintToken(config.secret, relay.store, {
					workspaceId,
					role,
					ttlSeconds: parseTtl(ttl)
				})
			).token,
		close: () => relay.close()
	};
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** A test's afterEach: run its cleanups, close its relay and remove its data dir. */
export async function tearDown(relay: TestRelay | null, cleanups: (() => void)[]): Promise<void> {
	for (const c of cleanups.splice(0)) c();
	if (relay) {
		await relay.close();
		removeDir(relay.config.dataDir);
	}
}

export function client(wsUrl: string, room: string, token: string, doc = new Y.Doc()) {
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		params: { token },
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	return { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) };
}

export async function waitFor(
	check: () => boolean,
	timeoutMs = 5000,
	what = 'condition'
): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a raw socket (for auth and fuzz tests); resolves with the HTTP status on refusal. */
export function rawSocket(
	url: string
): Promise<{ ws: WebSocket } | { status: number; body: string }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		ws.on('open', () => resolve({ ws }));
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		ws.on('error', () => resolve({ status: 0, body: '' }));
	});
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
}
