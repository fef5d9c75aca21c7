// Connection-level limits (issue 10 #6): sockets in total and per address, a small reserve
// past the cap that may only ask GET /healthz (so a monitor still sees the relay when it is
// full), and request bodies that must keep arriving (a slowly dripped body is refused in
// seconds, not kept for minutes). Counts every socket, HTTP and WebSocket alike.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from '#protocol';

/** Sockets past the cap that may still ask /healthz; beyond these, new sockets are refused. */
const HEALTH_RESERVE = 16;
/** A reserve socket that asks nothing within this time is dropped. */
const RESERVE_IDLE_MS = 2_000;
/** A body must deliver at least this much per BODY_TIMEOUT_MS window (≈ 1.6 KB/s at 10 s: a
 * weak 2G link still uploads a photo; a drip of a byte a second does not hold a socket). */
export const MIN_BODY_BYTES_PER_WINDOW = 16 * 1024;

const STATUS_TEXT: Record<number, string> = {
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

function rawRefusal(status: number, error: ApiError): string {
	const body = JSON.stringify({ error, message: 'too many connections' });
	return (
		`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n` +
		`Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

export type GuardOptions = {
	maxConnections: number;
	/** 0 = no per-address limit (behind a reverse proxy every socket has the proxy's address). */
	maxPerAddress: number;
	onRefused(reason: 'connections_total' | 'connections_per_address'): void;
};

export class ConnectionGuard {
	#total = 0;
	#byAddress = new Map<string, number>();
	#reserve = new WeakSet<Socket>();
	#reserveCount = 0;
	#refused = new WeakSet<Socket>();

	constructor(private readonly opts: GuardOptions) {}

	get open(): number {
		return this.#total;
	}

	/** Runs before the HTTP server's own connection handling. */
	attach(server: Server): void {
		server.prependListener('connection', (socket: Socket) => this.#accept(socket));
	}

	#accept(socket: Socket): void {
		const address = socket.remoteAddress ?? '';
		const mine = this.#byAddress.get(address) ?? 0;
		if (this.opts.maxPerAddress > 0 && mine >= this.opts.maxPerAddress) {
			return this.#refuse(socket, 429, ApiError.tooManyConnections, 'connections_per_address');
		}
		let reserve = false;
		if (this.#total >= this.opts.maxConnections) {
			if (this.#reserveCount >= HEALTH_RESERVE) {
				return this.#refuse(socket, 503, ApiError.unavailable, 'connections_total');
			}
			reserve = true;
			this.#reserve.add(socket);
			this.#reserveCount++;
			socket.setTimeout(RESERVE_IDLE_MS, () => socket.destroy());
		}
		this.#total++;
		this.#byAddress.set(address, mine + 1);
		socket.once('close', () => {
			this.#total--;
			if (reserve) this.#reserveCount--;
			const n = (this.#byAddress.get(address) ?? 1) - 1;
			if (n <= 0) this.#byAddress.delete(address);
			else this.#byAddress.set(address, n);
		});
	}

	#refuse(
		socket: Socket,
		status: number,
		error: ApiError,
		reason: 'connections_total' | 'connections_per_address'
	): void {
		this.#refused.add(socket);
		this.opts.onRefused(reason);
		socket.on('error', () => socket.destroy());
		socket.end(rawRefusal(status, error));
		// Whatever the client sends meanwhile is not served; the socket is gone in a moment.
		setTimeout(() => socket.destroy(), 1000).unref();
	}

	/**
	 * Whether a request on this socket may be served: a refused socket never, a reserve
	 * socket only for /healthz. The caller answers or drops the rest.
	 */
	admits(socket: Socket, path: string): 'yes' | 'reserve' | 'refused' | 'over_capacity' {
		if (this.#refused.has(socket)) return 'refused';
		if (!this.#reserve.has(socket)) return 'yes';
		return path === '/healthz' ? 'reserve' : 'over_capacity';
	}
}

/**
 * Refuses a request body that stalls: every `windowMs` it must have delivered at least
 * MIN_BODY_BYTES_PER_WINDOW more bytes or be complete, otherwise 408 and the socket closes.
 */
export function watchBody(req: IncomingMessage, res: ServerResponse, windowMs: number): void {
	const length = Number(req.headers['content-length'] ?? 0);
	if (!(length > 0) && req.headers['transfer-encoding'] === undefined) return;
	const socket = req.socket;
	let last = socket.bytesRead;
	const timer = setInterval(() => {
		if (req.complete) return stop();
		const read = socket.bytesRead;
		if (read - last >= MIN_BODY_BYTES_PER_WINDOW) {
			last = read;
			return;
		}
		stop();
		if (!res.headersSent) {
			const body = JSON.stringify({ error: ApiError.timeout, message: 'request body too slow' });
			res.writeHead(408, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': Buffer.byteLength(body),
				connection: 'close'
			});
			res.end(body, () => socket.destroy());
		} else socket.destroy();
	}, windowMs);
	timer.unref();
	const stop = () => clearInterval(timer);
	req.once('end', stop);
	res.once('close', stop);
}
