// The room manager: loads rooms from the store on first use, unloads them when idle, has
// their logs compacted, keeps the quotas and owns the process's group commit (commit.ts).
// It is not the only writer: other relay processes sharing the store publish what they
// committed through the fan-out, and those updates are applied and relayed here, never
// stored again.
import { ApiError, Limits, type CloseEvent } from '#protocol';
import type { Fanout, Unsubscribe } from '../fanout/types.ts';
import { log } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RoomStore } from '../store/types.ts';
import { GroupCommit, type Pending } from './commit.ts';
import { Compactor } from './compactor.ts';
import { Quarantine } from './quarantine.ts';
import { IdleTimers } from './idle.ts';
import { catchUpFromStore, loadStored } from './stored.ts';
import { RoomRefused } from './refusal.ts';
import { Room, type RoomHost, type RoomMember } from './room.ts';
import { TokenBucket } from '../ws/limits.ts';
import { NO_QUOTAS, UsageBook, workspaceOf, type Quotas } from './usage.ts';

export type RoomManagerOptions = {
	store: RoomStore;
	fanout: Fanout;
	metrics: Metrics;
	idleMs: number;
	compactAfter: number;
	quotas?: Partial<Quotas>;
	/** How long a room that failed to load is refused before it is tried again. */
	quarantineMs?: number;
	/** Rooms stored past this are quarantined unread (default: the cap plus one message). */
	loadMaxBytes?: number;
	/** Answer bytes per second and bucket per room (default: the protocol Limits). */
	roomAnswers?: { perSecond: number; burst: number };
};

export class RoomManager implements RoomHost {
	readonly store: RoomStore;
	readonly metrics: Metrics;
	readonly commit: GroupCommit;
	readonly quotas: Quotas;
	readonly quarantine: Quarantine;
	#fanout: Fanout;
	#usage: UsageBook;
	#compactor: Compactor;
	#rooms = new Map<string, Room>();
	#loading = new Map<string, Promise<Room>>();
	#subscriptions = new Map<Room, Unsubscribe>();
	/** Rooms nobody is in, unloaded after `idleMs`. */
	#idle: IdleTimers<Room>;
	#compactAfter: number;
	#loadMax: number;
	#roomAnswers: { perSecond: number; burst: number };

	constructor(opts: RoomManagerOptions) {
		this.store = opts.store;
		this.metrics = opts.metrics;
		this.#fanout = opts.fanout;
		this.#idle = new IdleTimers(opts.idleMs, (room) => void this.#unload(room));
		this.#compactAfter = opts.compactAfter;
		this.quotas = { ...NO_QUOTAS, ...opts.quotas };
		this.#roomAnswers = opts.roomAnswers ?? {
			perSecond: Limits.answerBytesPerSecondPerRoom,
			burst: Limits.answerBurstBytesPerRoom
		};
		this.#loadMax = opts.loadMaxBytes ?? this.quotas.roomMaxBytes + Limits.maxMessageBytes;
		this.quarantine = new Quarantine(opts.quarantineMs ?? 10 * 60_000, opts.metrics);
		this.#usage = new UsageBook((ws) => this.store.workspaceUsage(ws));
		this.#compactor = new Compactor(opts.store, opts.metrics, (room) => this.#refreshUsage(room));
		// Missed fan-out messages are caught up from the store, the durable truth.
		opts.fanout.onGap?.((room) => void this.#catchUp(room));
		this.commit = new GroupCommit({
			store: opts.store,
			metrics: opts.metrics,
			committed: (batch) => this.#committed(batch),
			// Nothing was stored: give the reserved bytes back.
			failed: (batch) => {
				for (const p of batch) {
					this.#usage.of(p.room.name)?.add(p.room.name, -p.update.length);
					p.room.commitFailed();
				}
			}
		});
	}

	get size(): number {
		return this.#rooms.size;
	}

	rooms(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	get(name: string): Room | undefined {
		return this.#rooms.get(name);
	}

	/** The loaded room, loading it from the store first when needed. Callers join() at once.
	 * Rejects with RoomRefused (quarantined, over the rooms quota). */
	async open(name: string): Promise<Room> {
		const loaded = this.#rooms.get(name);
		if (loaded) {
			this.#idle.cancel(loaded);
			return loaded;
		}
		const why = this.quarantine.check(name);
		if (why) throw new RoomRefused(503, ApiError.roomUnavailable, `room quarantined: ${why}`);
		let loading = this.#loading.get(name);
		if (!loading) {
			loading = this.#load(name).finally(() => this.#loading.delete(name));
			this.#loading.set(name, loading);
		}
		return loading;
	}

	async #load(name: string): Promise<Room> {
		const usage = await this.#usage.load(name);
		const stored = usage.rooms.get(name);
		if (stored === undefined && usage.rooms.size >= this.quotas.workspaceMaxRooms) {
			throw new RoomRefused(429, ApiError.quotaExceeded, 'workspace room quota reached');
		}
		// A room far past its cap (written before there was one) could take the heap with it:
		// quarantined without reading it. `npm run relay:room -- repair` shrinks it.
		if ((stored ?? 0) > this.#loadMax) {
			this.quarantine.add(name, `stored ${stored} bytes, over ROOM_MAX_BYTES`);
			throw new RoomRefused(503, ApiError.roomUnavailable, 'room over its size cap');
		}
		let room: Room;
		try {
			room = await this.#build(name);
		} catch (err) {
			this.quarantine.add(name, String(err));
			throw new RoomRefused(503, ApiError.roomUnavailable, 'room failed to load');
		}
		this.#usage.loaded(name, usage);
		this.metrics.roomBytes.observe(stored ?? 0);
		return room;
	}

	async #build(name: string): Promise<Room> {
		const budget = new TokenBucket(this.#roomAnswers.perSecond, this.#roomAnswers.burst);
		const room = new Room(name, this, budget);
		// Subscribe before reading the store, so nothing committed elsewhere meanwhile is missed;
		// what arrives during the load waits and is applied after it.
		let early: (() => void)[] | null = [];
		const unsubscribe = await this.#fanout.subscribe(name, (m) => {
			const apply = () => {
				if (m.kind === 'awareness') return room.applyRemoteAwareness(m.update);
				this.#usage.of(name)?.add(name, m.update.length);
				room.applyRemote(m.update);
			};
			if (early) early.push(apply);
			else apply();
		});
		const stop = this.metrics.storeSeconds.startTimer({ op: 'load' });
		let updates: Uint8Array[];
		let skipped: number;
		try {
			updates = await this.store.load(name);
			skipped = loadStored(room, updates);
		} catch (err) {
			unsubscribe();
			room.destroy();
			throw err;
		} finally {
			stop();
		}
		if (skipped > 0) log('load_skipped_updates', { room: name, skipped });
		room.logLength = Math.max(0, updates.length - 1);
		for (const apply of early) apply();
		early = null;
		this.#rooms.set(name, room);
		this.#subscriptions.set(room, unsubscribe);
		this.metrics.rooms.set(this.#rooms.size);
		// A room opened by nobody (e.g. the upgrade failed afterwards) must not stay forever.
		this.emptied(room);
		return room;
	}

	/** Applies what the store holds and this room's memory lacks, relaying only that diff. */
	async #catchUp(name: string): Promise<void> {
		const room = this.#rooms.get(name);
		if (room) await catchUpFromStore(this.store, room, () => this.#rooms.get(name) === room);
	}

	enqueue(room: Room, from: RoomMember, update: Uint8Array): CloseEvent | null {
		const usage = this.#usage.of(room.name);
		const refused = usage?.reserve(room.name, update.length, this.quotas) ?? null;
		if (refused) return refused;
		this.commit.enqueue({ room, from, update });
		return null;
	}

	joined(room: Room): void {
		this.#idle.cancel(room);
	}

	emptied(room: Room): void {
		this.#idle.start(room);
	}

	awarenessChanged(room: Room, update: Uint8Array): void {
		void this.#fanout.publishAwareness(room.name, update);
	}

	#committed(batch: readonly Pending[]): void {
		for (const p of batch) void this.#fanout.publishUpdate(p.room.name, p.update);
		for (const p of batch) {
			if (p.room.logLength < this.#compactAfter) continue;
			p.room.logLength = 0;
			this.#compactor.compact(p.room.name);
		}
	}

	async #refreshUsage(room: string): Promise<void> {
		const usage = this.#usage.of(room);
		if (!usage) return;
		const stored = (await this.store.workspaceUsage(workspaceOf(room))).get(room) ?? 0;
		// Writes reserved but not committed yet are not in the store's figure.
		usage.set(room, stored + this.commit.queuedBytes(room));
	}

	async #unload(room: Room): Promise<void> {
		if (room.members.size > 0) return;
		await this.flush();
		if (room.members.size > 0 || this.#rooms.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		this.#subscriptions.get(room)?.();
		this.#subscriptions.delete(room);
		this.metrics.rooms.set(this.#rooms.size);
		room.destroy();
		this.#usage.unloaded(room.name);
		if (room.logLength > 0) this.#compactor.compact(room.name);
	}

	/** Commits every queued update of every room (SIGTERM, unloading a room). */
	flush(): Promise<void> {
		return this.commit.flush();
	}

	destroyAll(): void {
		this.#idle.clear();
		for (const unsubscribe of this.#subscriptions.values()) unsubscribe();
		this.#subscriptions.clear();
		for (const room of this.#rooms.values()) room.destroy();
		this.#rooms.clear();
		this.#usage.clear();
		this.metrics.rooms.set(0);
	}
}
