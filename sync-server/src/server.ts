// Wires the relay together: one HTTP server for the API, blobs, metrics, the app build and
// the /sync WebSocket endpoint. main.ts runs it as a process; tests run it in-process.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge } from 'prom-client';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { ApiError, CloseEvent } from '#protocol';
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
	blobs: BlobStore;
	/** Whether the app build is served (SERVE_APP and a build present). */
	serveApp: boolean;
	listen(): Promise<number>;
	/** Graceful stop: commit queued updates, close sockets with 1001, close the store. */
	close(): Promise<void>;
};

/** What a relay is built from, beyond its configuration. Each defaults to what the
 * configuration says; tests inject them (a failing store, two relays on one in-process
 * fan-out, a blob store on a full disk, another app build). */
export type RelaySeams = {
	store?: RelayStore;
	fanout?: Fanout;
	/** The blob store; the files under DATA_DIR/blobs by default. */
	blobs?: BlobStore;
	/** The app build to serve when SERVE_APP is on; ./build by default. */
	appDir?: string;
};

export function createRelay(config: RelayConfig, seams: RelaySeams = {}): Relay {
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
	const blobs =
		seams.blobs ?? new FileBlobStore(join(config.dataDir, 'blobs'), config.maxBlobBytes);
	const serveApp = config.serveApp ? createStaticHandler(seams.appDir ?? resolve('build')) : null;
	// 1 while the fan-out reaches the other relay processes (always, for the in-process one).
	new Gauge({
		name: 'bangfu_fanout_up',
		help: 'Whether the fan-out between relay processes (Redis) is reachable',
		registers: [metrics.registry],
		collect() {
			this.set(fanout.healthy === false ? 0 : 1);
		}
	});
	const deps = {
		config,
		meta: store,
		blobs,
		fanout,
		metrics,
		registrations: new WindowCounter(config.registrationsPerHour || Infinity, 3_600_000),
		closeToken: (jti: string) => {
			void fanout.publishRevocation(jti);
			return sync.closeToken(jti, CloseEvent.tokenRevoked);
		}
	};
	// Revocations on other relay processes close this process's sockets of that token too.
	fanout.onRevocation((jti) => sync.closeToken(jti, CloseEvent.tokenRevoked));

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
		fanout,
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
				sync.closeAll(CloseEvent.goingAway);
				await rooms.flush();
				// Give close frames a moment to leave, then cut whatever is left.
				await new Promise((r) => setTimeout(r, 100));
				sync.terminateAll();
				server.closeAllConnections();
				rooms.destroyAll();
				await fanout.close();
				await Promise.all([store.close(), blobs.close()]);
			})())
	};
}
