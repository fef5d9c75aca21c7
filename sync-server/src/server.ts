// Wires the relay together: one HTTP server for the API, blobs, metrics, the app build and
// the /sync WebSocket endpoint. main.ts runs it as a process; tests run it in-process.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { ApiError, CloseCode } from '../../src/lib/sync/protocol.ts';
import type { RelayConfig } from './config.ts';
import { ConnectionGuard } from './http/guard.ts';
import { createRequestHandler } from './http/handler.ts';
import { WindowCounter } from './http/rate.ts';
import { FileBlobStore } from './blobs/files.ts';
import type { BlobStore } from './blobs/types.ts';
import { createStaticHandler } from './http/static.ts';
import { log } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { security } from './security.ts';
import { RoomManager } from './rooms.ts';
import { SqliteStore } from './store/sqlite.ts';
import { SyncEndpoint } from './ws/upgrade.ts';

export type Relay = {
	server: Server;
	store: SqliteStore;
	rooms: RoomManager;
	sync: SyncEndpoint;
	metrics: Metrics;
	blobs: BlobStore;
	/** Whether the app build is served (SERVE_APP and a build present). */
	serveApp: boolean;
	listen(): Promise<number>;
	/** Graceful stop: commit queued updates, close sockets with 1001, close the store. */
	close(): Promise<void>;
};

export type RelayOptions = {
	/** The blob store; the files under DATA_DIR/blobs unless a test injects another. */
	blobs?: BlobStore;
	/** The app build to serve when SERVE_APP is on; ./build by default. */
	appDir?: string;
};

export function createRelay(config: RelayConfig, options: RelayOptions = {}): Relay {
	const store = new SqliteStore(config.dataDir);
	const metrics = createMetrics();
	const rooms = new RoomManager({
		store,
		metrics,
		idleMs: config.roomIdleMs,
		compactAfter: config.compactAfterUpdates
	});
	const sync = new SyncEndpoint(config, store, rooms, metrics);
	const blobs =
		options.blobs ?? new FileBlobStore(join(config.dataDir, 'blobs'), config.maxBlobBytes);
	const serveApp = config.serveApp ? createStaticHandler(options.appDir ?? resolve('build')) : null;
	const deps = {
		config,
		meta: store,
		blobs,
		metrics,
		registrations: new WindowCounter(config.registrationsPerHour || Infinity, 3_600_000),
		closeToken: (jti: string) => sync.closeToken(jti, CloseCode.unauthorised, 'token revoked')
	};

	const guard = new ConnectionGuard({
		maxConnections: config.maxConnections,
		maxPerAddress: config.maxConnectionsPerAddress,
		onRefused: (reason) => security(metrics, 'connection_limit', {}, { reason })
	});
	sync.onTokenRefused = (error, workspace) =>
		security(metrics, 'token_refused', { workspace }, { reason: error, via: 'sync' });
	const server = createServer(
		// Timeouts are checked every second, not Node's default 30 s: a header timeout of 10 s
		// must not hold a socket for 40.
		{ connectionsCheckingInterval: 1000 },
		createRequestHandler({ ...deps, guard, serveApp })
	);
	guard.attach(server);
	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const admitted = guard.admits(req.socket, '/sync');
		if (admitted === 'yes') return sync.handle(req, socket, head);
		socket.on('error', () => socket.destroy());
		if (admitted === 'refused') return void socket.destroy();
		const body = JSON.stringify({ error: ApiError.unavailable });
		socket.end(
			'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json\r\n' +
				`Content-Length: ${body.length}\r\n\r\n${body}`
		);
	});
	// Out of file descriptors, accept() fails (EMFILE) and Node reports it here: without a
	// listener that is an uncaught exception. The listening socket stays open; log and carry on.
	let lastAcceptError = 0;
	server.on('error', (err: NodeJS.ErrnoException) => {
		if (!server.listening) return;
		if (Date.now() - lastAcceptError > 1000) log('accept_failed', { code: err.code ?? '' });
		lastAcceptError = Date.now();
	});
	// Headers must arrive within HEADERS_TIMEOUT_MS; bodies must keep arriving (guard.ts).
	// The whole request may take 10 minutes: a 16 MB photo over a slow rural link.
	server.headersTimeout = config.headersTimeoutMs;
	server.requestTimeout = 600_000;

	let closing: Promise<void> | null = null;
	return {
		server,
		store,
		rooms,
		sync,
		metrics,
		blobs,
		serveApp: serveApp !== null,
		listen: async () => {
			await blobs.init();
			return new Promise((res, rej) => {
				server.once('error', rej);
				server.listen(config.port, config.host, () => {
					res((server.address() as AddressInfo).port);
				});
			});
		},
		close: () =>
			(closing ??= (async () => {
				server.close();
				sync.closeAll(CloseCode.goingAway, 'relay shutting down');
				await rooms.flushAll();
				// Give close frames a moment to leave, then cut whatever is left.
				await new Promise((r) => setTimeout(r, 100));
				sync.terminateAll();
				server.closeAllConnections();
				rooms.destroyAll();
				await Promise.all([store.close(), blobs.close()]);
			})())
	};
}
