// The room manager: loads rooms from the store on first use, unloads them when idle, compacts
// their logs, and owns the process's group commit (commit.ts). It is not the only writer:
// other relay processes sharing the store publish what they committed through the fan-out,
// and those updates are applied and relayed here, never stored again.
import * as Y from 'yjs';
import type { Fanout, Unsubscribe } from '../fanout/types.ts';
import { log } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RoomStore } from '../store/types.ts';
import { GroupCommit, type Pending } from './commit.ts';
import { Room, type RoomHost, type RoomMember } from './room.ts';

export type RoomManagerOptions = {
	store: RoomStore;
	fanout: Fanout;
	metrics: Metrics;
	idleMs: number;
	compactAfter: number;
};

export class RoomManager implements RoomHost {
	readonly store: RoomStore;
	readonly metrics: Metrics;
	readonly commit: GroupCommit;
	#fanout: Fanout;
	#rooms = new Map<string, Room>();
	#loading = new Map<string, Promise<Room>>();
	#subscriptions = new Map<Room, Unsubscribe>();
	#unloadTimers = new Map<Room, NodeJS.Timeout>();
	#compacting = new Set<string>();
	#idleMs: number;
	#compactAfter: number;

	constructor(opts: RoomManagerOptions) {
		this.store = opts.store;
		this.metrics = opts.metrics;
		this.#fanout = opts.fanout;
		this.#idleMs = opts.idleMs;
		this.#compactAfter = opts.compactAfter;
		this.commit = new GroupCommit({
			store: opts.store,
			metrics: opts.metrics,
			committed: (batch) => this.#committed(batch)
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

	/** The loaded room, loading it from the store first when needed. Callers join() at once. */
	async open(name: string): Promise<Room> {
		const loaded = this.#rooms.get(name);
		if (loaded) {
			this.#cancelUnload(loaded);
			return loaded;
		}
		let loading = this.#loading.get(name);
		if (!loading) {
			loading = this.#load(name).finally(() => this.#loading.delete(name));
			this.#loading.set(name, loading);
		}
		return loading;
	}

	async #load(name: string): Promise<Room> {
		const room = new Room(name, this);
		// Subscribe before reading the store, so nothing committed elsewhere meanwhile is missed;
		// what arrives during the load waits and is applied after it.
		let early: (() => void)[] | null = [];
		const unsubscribe = await this.#fanout.subscribe(name, (m) => {
			const apply = () =>
				m.kind === 'update' ? room.applyRemote(m.update) : room.applyRemoteAwareness(m.update);
			if (early) early.push(apply);
			else apply();
		});
		let updates: Uint8Array[];
		const stop = this.metrics.storeSeconds.startTimer({ op: 'load' });
		try {
			updates = await this.store.load(name);
		} catch (err) {
			unsubscribe();
			room.destroy();
			throw err;
		} finally {
			stop();
		}
		let skipped = 0;
		room.doc.transact(() => {
			for (const u of updates) {
				try {
					Y.applyUpdate(room.doc, u);
				} catch {
					skipped++;
				}
			}
		});
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

	// RoomHost

	enqueue(room: Room, from: RoomMember, update: Uint8Array): void {
		this.commit.enqueue({ room, from, update });
	}

	joined(room: Room): void {
		this.#cancelUnload(room);
	}

	emptied(room: Room): void {
		this.#cancelUnload(room);
		const timer = setTimeout(() => void this.#unload(room), this.#idleMs);
		timer.unref();
		this.#unloadTimers.set(room, timer);
	}

	awarenessChanged(room: Room, update: Uint8Array): void {
		void this.#fanout.publishAwareness(room.name, update);
	}

	#committed(batch: readonly Pending[]): void {
		for (const p of batch) void this.#fanout.publishUpdate(p.room.name, p.update);
		for (const p of batch) this.#maybeCompact(p.room);
	}

	#cancelUnload(room: Room): void {
		const t = this.#unloadTimers.get(room);
		if (t) clearTimeout(t);
		this.#unloadTimers.delete(room);
	}

	async #unload(room: Room): Promise<void> {
		this.#unloadTimers.delete(room);
		if (room.members.size > 0) return;
		await this.flush();
		if (room.members.size > 0 || this.#rooms.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		this.#subscriptions.get(room)?.();
		this.#subscriptions.delete(room);
		this.metrics.rooms.set(this.#rooms.size);
		room.destroy();
		if (room.logLength > 0) this.#compact(room.name);
	}

	#maybeCompact(room: Room): void {
		if (room.logLength >= this.#compactAfter) {
			room.logLength = 0;
			this.#compact(room.name);
		}
	}

	#compact(name: string): void {
		if (this.#compacting.has(name)) return;
		this.#compacting.add(name);
		const stop = this.metrics.storeSeconds.startTimer({ op: 'compact' });
		this.store
			.compact(name)
			.then((r) => {
				if (r.merged > 0) this.metrics.compactions.inc();
			})
			.catch((err: unknown) => log('compact_failed', { room: name, error: String(err) }))
			.finally(() => {
				stop();
				this.#compacting.delete(name);
			});
	}

	/** Commits every queued update of every room (SIGTERM, unloading a room). */
	flush(): Promise<void> {
		return this.commit.flush();
	}

	flushAll(): Promise<void> {
		return this.flush();
	}

	destroyAll(): void {
		for (const t of this.#unloadTimers.values()) clearTimeout(t);
		this.#unloadTimers.clear();
		for (const unsubscribe of this.#subscriptions.values()) unsubscribe();
		this.#subscriptions.clear();
		for (const room of this.#rooms.values()) room.destroy();
		this.#rooms.clear();
		this.metrics.rooms.set(0);
	}
}
