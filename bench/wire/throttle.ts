// A 3G-like link on loopback: a TCP proxy whose two directions each have a bandwidth (a
// token bucket that only ever serialises one piece at a time) and a one-way delay. Pieces
// leave in order; a direction that has queued more than QUEUE_HIGH bytes pauses its source,
// so the sender sees TCP backpressure like on a real bottleneck.
import { createServer, connect, type Server, type Socket } from 'node:net';

export type LinkShape = {
	/** Bytes per second towards the client (relay → device) and towards the relay. */
	downBytesPerSecond: number;
	upBytesPerSecond: number;
	/** Round trip added on top of loopback's (half each way). */
	rttMs: number;
};

/** 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (issue 14). */
export const THREE_G: LinkShape = {
	downBytesPerSecond: 1_600_000 / 8,
	upBytesPerSecond: 750_000 / 8,
	rttMs: 150
};

/** Pieces the size of a few TCP segments: a 64 KiB read does not arrive as one lump. */
const PIECE = 4096;
const QUEUE_HIGH = 1 << 20;

class Direction {
	#queue: { at: number; data: Buffer | null }[] = [];
	#queued = 0;
	#free = 0;
	#timer: NodeJS.Timeout | null = null;

	constructor(
		private from: Socket,
		private to: Socket,
		private bytesPerSecond: number,
		private delayMs: number
	) {
		from.on('data', (chunk: Buffer) => this.#push(chunk));
		from.on('end', () => this.#enqueue(null));
	}

	#push(chunk: Buffer): void {
		for (let i = 0; i < chunk.length; i += PIECE) this.#enqueue(chunk.subarray(i, i + PIECE));
		if (this.#queued > QUEUE_HIGH) this.from.pause();
	}

	#enqueue(data: Buffer | null): void {
		const now = performance.now();
		const start = Math.max(now, this.#free);
		const len = data?.length ?? 0;
		this.#free = start + (len * 1000) / this.bytesPerSecond;
		this.#queue.push({ at: this.#free + this.delayMs, data });
		this.#queued += len;
		this.#pump();
	}

	#pump(): void {
		if (this.#timer) return;
		const now = performance.now();
		while (this.#queue.length > 0 && this.#queue[0]!.at <= now) {
			const { data } = this.#queue.shift()!;
			if (data === null) {
				this.to.end();
				continue;
			}
			this.#queued -= data.length;
			if (!this.to.destroyed) this.to.write(data);
		}
		if (this.#queued <= QUEUE_HIGH / 2 && this.from.isPaused()) this.from.resume();
		const next = this.#queue[0];
		if (next) {
			this.#timer = setTimeout(
				() => {
					this.#timer = null;
					this.#pump();
				},
				Math.max(0, next.at - now)
			);
		}
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#queue = [];
	}
}

export type Throttle = { port: number; close(): Promise<void> };

/** Listens on 127.0.0.1:`port` (0 = any) and forwards each connection to 127.0.0.1:`target`. */
export function throttle(target: number, shape: LinkShape, port = 0): Promise<Throttle> {
	const open = new Set<Socket>();
	const server: Server = createServer((client) => {
		const relay = connect(target, '127.0.0.1');
		client.setNoDelay(true);
		relay.setNoDelay(true);
		open.add(client).add(relay);
		const oneWay = shape.rttMs / 2;
		const down = new Direction(relay, client, shape.downBytesPerSecond, oneWay);
		const up = new Direction(client, relay, shape.upBytesPerSecond, oneWay);
		const done = () => {
			down.stop();
			up.stop();
			client.destroy();
			relay.destroy();
			open.delete(client);
			open.delete(relay);
		};
		client.on('close', done).on('error', done);
		relay.on('close', done).on('error', done);
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const addr = server.address();
			resolve({
				port: typeof addr === 'object' && addr ? addr.port : port,
				close: () =>
					new Promise<void>((res) => {
						for (const s of open) s.destroy();
						server.close(() => res());
					})
			});
		});
	});
}
