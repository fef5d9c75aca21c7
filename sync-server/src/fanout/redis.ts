// The Redis Streams fan-out (scale-out): one stream per room holds the updates and awareness
// this room's processes accepted, one stream holds revocations. A process XADDs what it has
// committed and reads, with one blocking XREAD, the streams of the rooms it holds in memory,
// starting at each stream's last id when it subscribed (so a store load started after
// subscribe() misses nothing). Streams are trimmed (MAXLEN ~): they carry live traffic only;
// the store is the history.
//
// Redis down: publishing logs and carries on (the store already has the update; clients of
// this process are served as before), `healthy` turns false for /healthz and /metrics, and
// when the connection comes back every subscribed room is reported through onGap() so the
// room manager can reload from the store what it missed.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AbandonableRead, ReadAbandoned, revocationsOf, roomMessagesOf } from './redis-fields.ts';
import type { Fanout, RoomHandler, Unsubscribe } from './types.ts';

/** Entries kept per room stream: minutes of a busy room; a reader further behind reloads. */
const ROOM_STREAM_MAXLEN = 10_000;
const REVOCATION_STREAM_MAXLEN = 10_000;
/** A blocking read returns at least this often, to notice closes and new subscriptions. */
const BLOCK_MS = 5_000;

type Cursor = { id: string; handlers: Set<RoomHandler> };

export type RedisFanoutOptions = { prefix?: string; log?: (event: string, err?: unknown) => void };

export class RedisStreamsFanout implements Fanout {
	readonly nodeId = randomUUID();
	readonly #cmd: Redis;
	readonly #reader: Redis;
	readonly #prefix: string;
	readonly #log: (event: string, err?: unknown) => void;
	readonly #rooms = new Map<string, Cursor>();
	readonly #revocationHandlers = new Set<(jti: string) => void>();
	readonly #gapHandlers = new Set<(room: string) => void>();
	#revocationsId = '$';
	#readerId: number | undefined;
	#closed = false;
	#started: Promise<void> | undefined;
	#loop: Promise<void> | undefined;
	#healthy = true;
	#lostAt = 0;
	/** The blocking read in flight, given up on when its connection is dead. */
	readonly #read = new AbandonableRead();

	constructor(url: string, opts: RedisFanoutOptions = {}) {
		this.#prefix = opts.prefix ?? 'bangfu:';
		this.#log = opts.log ?? (() => {});
		const common = { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: true };
		this.#cmd = new Redis(url, { ...common, connectionName: `bangfu-cmd-${this.nodeId}` });
		this.#reader = new Redis(url, {
			...common,
			connectionName: `bangfu-read-${this.nodeId}`,
			// The read loop re-issues its read itself, from the cursors #resume() moved.
			autoResendUnfulfilledCommands: false
		});
		for (const conn of [this.#cmd, this.#reader]) {
			conn.on('error', (err) => this.#down(err));
			// A clean shutdown of Redis says 'close', not 'error'.
			conn.on('close', () => this.#down(new Error('connection closed')));
			conn.on('ready', () => {
				if (this.#cmd.status === 'ready' && this.#reader.status === 'ready') this.#up();
			});
		}
	}

	/** False while Redis is unreachable (for /healthz and /metrics). */
	get healthy(): boolean {
		return this.#healthy;
	}

	/** Connects and starts reading; every other method waits for it. Idempotent. */
	start(): Promise<void> {
		return (this.#started ??= this.#start());
	}

	async #start(): Promise<void> {
		await Promise.all([this.#cmd.connect(), this.#reader.connect()]);
		this.#readerId = Number(await this.#reader.client('ID'));
		this.#revocationsId = await this.#lastId(this.#revocationKey());
		this.#loop = this.#readLoop();
	}

	publishUpdate(room: string, update: Uint8Array): Promise<void> {
		return this.#publish(room, 'u', update);
	}

	publishAwareness(room: string, update: Uint8Array): Promise<void> {
		return this.#publish(room, 'a', update);
	}

	publishRevocation(jti: string): Promise<void> {
		return this.#append(this.#revocationKey(), REVOCATION_STREAM_MAXLEN, [
			'n',
			this.nodeId,
			'j',
			jti
		]);
	}

	async subscribe(room: string, handler: RoomHandler): Promise<Unsubscribe> {
		await this.start();
		let cursor = this.#rooms.get(room);
		if (!cursor) {
			cursor = { id: await this.#lastId(this.#roomKey(room)), handlers: new Set() };
			// Another subscribe() for the room may have won while we asked Redis.
			cursor = this.#rooms.get(room) ?? cursor;
			this.#rooms.set(room, cursor);
			this.#wake();
		}
		cursor.handlers.add(handler);
		const held = cursor;
		return () => {
			held.handlers.delete(handler);
			if (held.handlers.size === 0 && this.#rooms.get(room) === held) this.#rooms.delete(room);
		};
	}

	onRevocation(handler: (jti: string) => void): Unsubscribe {
		this.#revocationHandlers.add(handler);
		return () => this.#revocationHandlers.delete(handler);
	}

	/** Rooms whose messages may have been missed (Redis was lost and is back). */
	onGap(handler: (room: string) => void): Unsubscribe {
		this.#gapHandlers.add(handler);
		return () => this.#gapHandlers.delete(handler);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#wake();
		this.#read.abandon();
		this.#reader.disconnect();
		await this.#loop?.catch(() => {});
		await this.#cmd.quit().catch(() => this.#cmd.disconnect());
	}

	async #publish(room: string, kind: 'u' | 'a', data: Uint8Array): Promise<void> {
		if (this.#closed) return;
		// Copied now: the caller may reuse its buffer once this returns.
		const fields = ['n', this.nodeId, 'k', kind, 'd', Buffer.from(data)];
		await this.#append(this.#roomKey(room), ROOM_STREAM_MAXLEN, fields);
	}

	/** XADD to a trimmed stream; a failure is logged (the store already has what it carries). */
	async #append(key: string, maxLen: number, fields: (string | Buffer)[]): Promise<void> {
		try {
			await this.#cmd.xadd(key, 'MAXLEN', '~', maxLen, '*', ...fields);
		} catch (err) {
			this.#log('fanout_publish_failed', err);
		}
	}

	async #lastId(key: string): Promise<string> {
		const last = (await this.#cmd.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
		return last[0]?.[0] ?? '0-0';
	}

	/** Interrupts the blocking read so a new subscription is read from at once. */
	#wake(): void {
		if (this.#readerId === undefined || !this.#healthy) return;
		this.#cmd.client('UNBLOCK', this.#readerId).catch(() => {});
	}

	async #readLoop(): Promise<void> {
		while (!this.#closed) {
			const rooms = [...this.#rooms.entries()];
			const keys = [this.#revocationKey(), ...rooms.map(([r]) => this.#roomKey(r))];
			const ids = [this.#revocationsId, ...rooms.map(([, c]) => c.id)];
			let reply: [Buffer, [Buffer, Buffer[]][]][] | null;
			try {
				const read = this.#reader.xreadBuffer(
					'COUNT',
					500,
					'BLOCK',
					BLOCK_MS,
					'STREAMS',
					...keys,
					...ids
				) as Promise<[Buffer, [Buffer, Buffer[]][]][] | null>;
				// A read in flight when the connection drops may never settle (it is not resent):
				// give up on it after its block time and read again from the same cursors.
				reply = await this.#read.within(read, BLOCK_MS + 1_000);
			} catch (err) {
				if (this.#closed) return;
				// UNBLOCK answers the read with an error; anything else is a lost connection.
				if (!String(err).includes('UNBLOCKED') && !(err instanceof ReadAbandoned)) {
					this.#log('fanout_read_failed', err);
					await new Promise((r) => setTimeout(r, 200));
				}
				continue;
			}
			for (const [keyBuf, entries] of reply ?? []) this.#deliver(keyBuf.toString(), entries);
		}
	}

	#deliver(key: string, entries: [Buffer, Buffer[]][]): void {
		if (key === this.#revocationKey()) {
			const read = revocationsOf(entries, this.nodeId);
			if (read.lastId) this.#revocationsId = read.lastId;
			for (const jti of read.jtis) for (const h of this.#revocationHandlers) h(jti);
			return;
		}
		const room = key.slice(this.#prefix.length + 'room:'.length);
		const cursor = this.#rooms.get(room);
		if (!cursor) return;
		const read = roomMessagesOf(room, entries, this.nodeId);
		if (read.lastId) cursor.id = read.lastId;
		for (const message of read.messages) for (const h of cursor.handlers) h(message);
	}

	#down(err: unknown): void {
		if (this.#closed) return;
		if (this.#healthy) this.#log('fanout_redis_down', err);
		if (this.#healthy) this.#lostAt = Date.now();
		this.#healthy = false;
	}

	#up(): void {
		if (this.#healthy) return;
		this.#healthy = true;
		this.#log('fanout_redis_back');
		// Whatever was published while we could not read may be gone (Redis restarted empty, or
		// trimmed): read on from the streams' current ends and let the rooms reload from the store.
		void this.#resume();
	}

	async #resume(): Promise<void> {
		try {
			this.#readerId = Number(await this.#reader.client('ID'));
			for (const [room, cursor] of this.#rooms) {
				cursor.id = await this.#lastId(this.#roomKey(room));
				for (const h of this.#gapHandlers) h(room);
			}
			this.#revocationsId = await this.#lastId(this.#revocationKey());
			this.#read.abandon();
		} catch (err) {
			this.#log('fanout_resume_failed', err);
		}
	}

	#roomKey(room: string): string {
		return `${this.#prefix}room:${room}`;
	}

	#revocationKey(): string {
		return `${this.#prefix}revocations`;
	}

	/** When Redis was lost, or 0 (for /metrics). */
	get lostAt(): number {
		return this.#lostAt;
	}
}
