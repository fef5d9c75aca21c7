// WebSocket upgrades on /sync/<room>: the token is checked before the handshake completes,
// so a refused client gets a plain HTTP status (401/403/404/429) and nothing of the room.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ApiError, CloseEvent, parseRoomName } from '#protocol';
import { authorise, bearer } from '../auth/tokens.ts';
import type { RelayConfig } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { RoomManager } from '../rooms/index.ts';
import { RoomRefused } from '../rooms/refusal.ts';
import { security } from '../security.ts';
import type { MetaStore } from '../store/types.ts';
import { Connection } from './connection.ts';
import { TokenBucket } from './limits.ts';

/** One device keeps a handful of shard rooms open per tab; 64 bounds a leaked token's reach. */
const MAX_CONNECTIONS_PER_TOKEN = 64;
/** A dead peer is dropped after missing one ping round. */
const PING_INTERVAL_MS = 30_000;

/** permessage-deflate (RFC 7692; browsers and the `ws` client offer it on their own). A
 * county's first sync (~20 MB of Yjs) goes out ~11× smaller at level 3 in ~0.2 s of the zlib
 * thread pool; level 6 gains 14 % more for 3× the CPU. Updates under `threshold` (a keystroke
 * is 30–200 B) go out as they are, so fan-out pays nothing. No context takeover: a Yjs update
 * has little to share with the previous one, and neither side needs to keep a window between
 * messages for the other. `ws` still keeps one zlib context (~210 KB deflate, ~40 KB inflate)
 * per socket once a message was compressed — the price of the smaller first sync
 * (docs/benchmarks.md); WS_DEFLATE=off turns it off. At most 2 compressions at once: 2 cores. */
const PER_MESSAGE_DEFLATE = {
	threshold: 1024,
	zlibDeflateOptions: { level: 3 },
	serverNoContextTakeover: true,
	clientNoContextTakeover: true,
	concurrencyLimit: 2
} as const;

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number, error: ApiError): void {
	const body = JSON.stringify({ error });
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
			'Connection: close\r\nContent-Type: application/json\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

export class SyncEndpoint {
	readonly wss: WebSocketServer;
	readonly byToken = new Map<string, Set<Connection>>();
	/** Answer bytes budget per token, shared by its connections (sync step 2, query-awareness). */
	#answers = new Map<string, TokenBucket>();
	#alive = new WeakSet<Connection>();
	#ping: NodeJS.Timeout;
	#accepting = true;
	/** Told of every refused token (security log); never given the token itself. */
	onTokenRefused: ((error: ApiError, workspace: string) => void) | null = null;

	constructor(
		private config: RelayConfig,
		private meta: MetaStore,
		private rooms: RoomManager,
		private metrics: Metrics
	) {
		this.wss = new WebSocketServer({
			noServer: true,
			// ws refuses bigger frames from their header (close 1009) without buffering them.
			maxPayload: config.maxMessageBytes,
			perMessageDeflate: config.deflate ? PER_MESSAGE_DEFLATE : false
		});
		this.#ping = setInterval(() => this.sweep(), PING_INTERVAL_MS);
		this.#ping.unref();
	}

	get connections(): number {
		let n = 0;
		for (const set of this.byToken.values()) n += set.size;
		return n;
	}

	handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => socket.destroy());
		void this.#upgrade(req, socket, head).catch(() => {
			if (!socket.destroyed) refuse(socket, 503, ApiError.internal);
		});
	}

	async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://x');
		const room = url.pathname.startsWith('/sync/') ? parseRoomName(url.pathname.slice(6)) : null;
		const fail = (status: number, error: ApiError) => {
			this.metrics.upgradesRefused.inc({ status: String(status) });
			refuse(socket, status, error);
		};
		if (!this.#accepting) return fail(503, ApiError.internal);
		if (!room) return fail(404, ApiError.notFound);
		const token = url.searchParams.get('token') ?? bearer(req.headers.authorization);
		const auth = await authorise(this.config.secret, this.meta, token, room.workspaceId);
		if (!auth.ok) {
			this.onTokenRefused?.(auth.error, room.workspaceId);
			return fail(auth.status, auth.error);
		}
		const jti = auth.claims.jti;
		if ((this.byToken.get(jti)?.size ?? 0) >= MAX_CONNECTIONS_PER_TOKEN) {
			return fail(429, ApiError.tooManyConnections);
		}
		const name = url.pathname.slice(6);
		let loaded;
		try {
			loaded = await this.rooms.open(name);
		} catch (err) {
			if (err instanceof RoomRefused) return fail(err.status, err.error);
			throw err;
		}
		if (socket.destroyed || !this.#accepting) return;
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			let answers = this.#answers.get(jti);
			if (!answers) {
				const c = this.config;
				answers = new TokenBucket(c.answerBytesPerSecondPerToken, c.answerBurstBytesPerToken);
				this.#answers.set(jti, answers);
			}
			const conn = new Connection(ws, loaded, auth.claims, {
				metrics: this.metrics,
				tokenAnswers: answers,
				messagesPerSecond: this.config.messagesPerSecond,
				messageBurst: this.config.messageBurst
			});
			this.#alive.add(conn);
			ws.on('pong', () => this.#alive.add(conn));
			let set = this.byToken.get(jti);
			if (!set) this.byToken.set(jti, (set = new Set()));
			set.add(conn);
			this.metrics.connections.inc();
			ws.on('close', () => {
				set.delete(conn);
				if (set.size === 0) {
					this.byToken.delete(jti);
					this.#answers.delete(jti);
				}
				this.metrics.connections.dec();
			});
		});
	}

	/** Pings and drops peers that missed the last ping. (Expiry is a timer per connection.) */
	sweep(): void {
		for (const set of this.byToken.values()) {
			for (const conn of set) {
				if (!this.#alive.has(conn)) conn.terminate();
				else {
					this.#alive.delete(conn);
					conn.ping();
				}
			}
		}
	}

	/** Closes every live connection of a revoked token at once. */
	closeToken(jti: string, event: CloseEvent): number {
		const set = this.byToken.get(jti);
		if (!set) return 0;
		const n = set.size;
		const first = [...set][0]!;
		security(this.metrics, 'token_revoked', { workspace: first.claims.ws, jti }, { closed: n });
		for (const conn of [...set]) conn.closeWith(event);
		return n;
	}

	/** SIGTERM: stop accepting, close everyone with `event`. */
	closeAll(event: CloseEvent): void {
		this.#accepting = false;
		clearInterval(this.#ping);
		for (const set of this.byToken.values()) for (const conn of set) conn.closeWith(event);
	}

	terminateAll(): void {
		for (const set of this.byToken.values()) for (const conn of set) conn.terminate();
		this.wss.close();
	}
}
