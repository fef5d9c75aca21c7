// Wires the relay together: one HTTP server for the API, blobs, metrics, the app build and
// the /sync WebSocket endpoint. main.ts runs it as a process; tests run it in-process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ApiError, CloseCode } from '../../src/lib/sync/protocol.ts';
import type { RelayConfig } from './config.ts';
import { handleApi } from './http/api.ts';
import { FileBlobStore } from './blobs/files.ts';
import type { BlobStore } from './blobs/types.ts';
import { sendError } from './http/respond.ts';
import { createStaticHandler } from './http/static.ts';
import { log } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
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
	listen(): Promise<number>;
	/** Graceful stop: commit queued updates, close sockets with 1001, close the store. */
	close(): Promise<void>;
};

export type RelayOptions = {
	/** The blob store; the files under DATA_DIR/blobs unless a test injects another. */
	blobs?: BlobStore;
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
	const serveApp = config.serveApp ? createStaticHandler(resolve('build')) : null;
	const deps = {
		config,
		meta: store,
		blobs,
		closeToken: (jti: string) => sync.closeToken(jti, CloseCode.unauthorised, 'token revoked')
	};

	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (path === '/metrics' && req.method === 'GET') {
			metrics.registry.metrics().then(
				(text) => {
					res.writeHead(200, { 'content-type': metrics.registry.contentType });
					res.end(text);
				},
				() => sendError(res, 500, ApiError.internal, 'metrics failed')
			);
			return;
		}
		handleApi(req, res, deps)
			.then((handled) => {
				if (handled) return;
				if (serveApp?.(req, res)) return;
				sendError(res, 404, ApiError.notFound, 'not found');
			})
			.catch(() => res.destroy());
	});
	server.on('upgrade', (req, socket, head) => sync.handle(req, socket, head));
	// Out of file descriptors, accept() fails (EMFILE) and Node reports it here: without a
	// listener that is an uncaught exception. The listening socket stays open; log and carry on.
	let lastAcceptError = 0;
	server.on('error', (err: NodeJS.ErrnoException) => {
		if (!server.listening) return;
		if (Date.now() - lastAcceptError > 1000) log('accept_failed', { code: err.code ?? '' });
		lastAcceptError = Date.now();
	});
	// Bound header parsing time and idle keep-alives: slowloris should not hold sockets.
	server.headersTimeout = 20_000;
	server.requestTimeout = 120_000;

	let closing: Promise<void> | null = null;
	return {
		server,
		store,
		rooms,
		sync,
		metrics,
		blobs,
		listen: async () => {
			await blobs.init();
			return new Promise((res, rej) => {
				server.once('error', rej);
				server.listen(config.port, config.host, () => {
					const port = (server.address() as AddressInfo).port;
					log('listening', { port, app: serveApp !== null });
					res(port);
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
