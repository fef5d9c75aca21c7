// Wires the relay together: one HTTP server for the API, blobs, metrics, the app build and
// the /sync WebSocket endpoint. main.ts runs it as a process; tests run it in-process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ApiError, CloseEvent } from '#protocol';
import type { RelayConfig } from './config.ts';
import { handleApi } from './http/api.ts';
import { BlobStore } from './http/blobs.ts';
import { sendError } from './http/respond.ts';
import { createStaticHandler } from './http/static.ts';
import { log } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createFanout, type Fanout } from './fanout/index.ts';
import { RoomManager } from './rooms/index.ts';
import { createStore, type RelayStore } from './store/index.ts';
import { SyncEndpoint } from './ws/upgrade.ts';

export type Relay = {
	server: Server;
	store: RelayStore;
	fanout: Fanout;
	rooms: RoomManager;
	sync: SyncEndpoint;
	metrics: Metrics;
	listen(): Promise<number>;
	/** Graceful stop: commit queued updates, close sockets with 1001, close the store. */
	close(): Promise<void>;
};

/** `seams` replaces the configured store or fan-out (tests: an injected failing store, two
 * relays on one in-process fan-out). */
export function createRelay(
	config: RelayConfig,
	seams: { store?: RelayStore; fanout?: Fanout } = {}
): Relay {
	const store = seams.store ?? createStore(config);
	const fanout = seams.fanout ?? createFanout(config);
	const metrics = createMetrics();
	const rooms = new RoomManager({
		store,
		fanout,
		metrics,
		idleMs: config.roomIdleMs,
		compactAfter: config.compactAfterUpdates,
		quotas: config,
		quarantineMs: config.quarantineMs,
		loadMaxBytes: config.roomMaxBytes + config.maxMessageBytes,
		roomAnswers: {
			perSecond: config.answerBytesPerSecondPerRoom,
			burst: config.answerBurstBytesPerRoom
		}
	});
	const sync = new SyncEndpoint(config, store, rooms, metrics);
	const blobs = new BlobStore(config.dataDir, config.maxBlobBytes);
	const serveApp = config.serveApp ? createStaticHandler(resolve('build')) : null;
	const deps = {
		config,
		meta: store,
		blobs,
		closeToken: (jti: string) => {
			void fanout.publishRevocation(jti);
			return sync.closeToken(jti, CloseEvent.tokenRevoked);
		}
	};
	// Revocations on other relay processes close this process's sockets of that token too.
	fanout.onRevocation((jti) => sync.closeToken(jti, CloseEvent.tokenRevoked));

	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (path === '/metrics' && req.method === 'GET') {
			void metrics.registry.metrics().then((text) => {
				res.writeHead(200, { 'content-type': metrics.registry.contentType });
				res.end(text);
			});
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
	// Bound header parsing time and idle keep-alives: slowloris should not hold sockets.
	server.headersTimeout = 20_000;
	server.requestTimeout = 120_000;

	let closing: Promise<void> | null = null;
	return {
		server,
		store,
		fanout,
		rooms,
		sync,
		metrics,
		listen: () =>
			new Promise((res, rej) => {
				server.once('error', rej);
				server.listen(config.port, config.host, () => {
					const port = (server.address() as AddressInfo).port;
					log('listening', { port, app: serveApp !== null });
					res(port);
				});
			}),
		close: () =>
			(closing ??= (async () => {
				server.close();
				sync.closeAll(CloseEvent.goingAway);
				await rooms.flushAll();
				// Give close frames a moment to leave, then cut whatever is left.
				await new Promise((r) => setTimeout(r, 100));
				sync.terminateAll();
				server.closeAllConnections();
				rooms.destroyAll();
				await fanout.close();
				await store.close();
			})())
	};
}
