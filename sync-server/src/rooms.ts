// Rooms: one per document (`W` or `W/shard`). A room holds the Y.Doc rebuilt from the store,
// the awareness of its clients and its connections. Writes go through one group commit for
// the whole process (RoomManager): every update that arrived in the same event-loop turn, in
// any room, is committed in one transaction (one fsync), and only then applied and relayed to
// everyone in its room (the sender's echo included). See docs/decisions/0005.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { CloseCode, Limits, MessageType } from '../../src/lib/sync/protocol.ts';
import { log } from './log.ts';
import { reject, type Metrics } from './metrics.ts';
import type { RoomStore } from './store/types.ts';

/** What a room needs from a connection. */
export interface RoomMember {
	/** Awareness client ids this connection has announced. */
	readonly controlled: Set<number>;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

type Pending = { room: Room; from: RoomMember; update: Uint8Array };

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly members = new Set<RoomMember>();
	/** Updates in the log since the last snapshot (drives compaction). */
	logLength = 0;
	#manager: RoomManager;

	constructor(name: string, manager: RoomManager) {
		this.name = name;
		this.#manager = manager;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// The relay itself has no presence.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const member = origin as RoomMember | null;
		if (member && this.members.has(member)) {
			for (const id of added) member.controlled.add(id);
			for (const id of removed) member.controlled.delete(id);
		}
		const changed = added.concat(updated, removed);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.awareness);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
		);
		this.broadcast(encoding.toUint8Array(encoder));
		this.#pruneAwarenessMeta();
	};

	/** Awareness keeps a clock for every client id it ever saw; forget the departed ones so a
	 * client cycling through fresh ids cannot grow the map without bound. */
	#pruneAwarenessMeta(): void {
		const meta = this.awareness.meta;
		if (meta.size <= 2 * Limits.maxAwarenessStatesPerRoom) return;
		for (const id of meta.keys()) if (!this.awareness.states.has(id)) meta.delete(id);
	}

	/** True when the doc already contains everything in `update` (a resent or empty update).
	 * Throws on a malformed update: this decode is also the validation before storing. */
	covers(update: Uint8Array): boolean {
		const { structs, ds } = Y.decodeUpdate(update);
		const store = this.doc.store;
		for (const s of structs) {
			if (s instanceof Y.Skip) continue;
			if (Y.getState(store, s.id.client) < s.id.clock + s.length) return false;
		}
		// Every deleted range must already be deleted here. Looked up per range (binary search)
		// rather than by rebuilding the doc's whole delete set, which costs O(doc) per update.
		for (const [client, ranges] of ds.clients) {
			const list = store.clients.get(client);
			for (const { clock, len } of ranges) {
				const end = clock + len;
				if (!list || Y.getState(store, client) < end) return false;
				for (let i = Y.findIndexSS(list, clock); i < list.length; i++) {
					const s = list[i]!;
					if (s.id.clock >= end) break;
					if (!s.deleted) return false;
				}
			}
		}
		return true;
	}

	/** Queues a validated update from a writer; it is committed, applied and relayed in order. */
	enqueue(from: RoomMember, update: Uint8Array): void {
		this.#manager.enqueue({ room: this, from, update });
	}

	/** Applies an update the store has committed and relays it to every member. */
	applyCommitted(from: RoomMember, update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, from);
		} catch (err) {
			// Decoded fine but Yjs refused it; it is stored, and load/compaction skip it too.
			log('apply_failed', { room: this.name, error: String(err) });
			return;
		}
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.sync);
		encoding.writeVarUint(encoder, 2 /* y-protocols messageYjsUpdate */);
		encoding.writeVarUint8Array(encoder, update);
		this.broadcast(encoding.toUint8Array(encoder));
	}

	broadcast(message: Uint8Array): void {
		// One Buffer view for every recipient: ws would otherwise wrap the Uint8Array anew per send.
		const buf = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
		for (const member of this.members) member.send(buf);
	}

	join(member: RoomMember): void {
		this.members.add(member);
		this.#manager.cancelUnload(this);
	}

	leave(member: RoomMember): void {
		if (!this.members.delete(member)) return;
		awarenessProtocol.removeAwarenessStates(this.awareness, [...member.controlled], null);
		if (this.members.size === 0) this.#manager.scheduleUnload(this);
	}

	destroy(): void {
		this.awareness.off('update', this.#onAwareness);
		this.awareness.destroy();
		this.doc.destroy();
	}
}

export class RoomManager {
	readonly store: RoomStore;
	readonly metrics: Metrics;
	#rooms = new Map<string, Room>();
	#loading = new Map<string, Promise<Room>>();
	#unloadTimers = new Map<Room, NodeJS.Timeout>();
	#compacting = new Set<string>();
	/** Updates of every room waiting for the next group commit, in arrival order. */
	#queue: Pending[] = [];
	#flushing: Promise<void> | null = null;
	#idleMs: number;
	#compactAfter: number;

	constructor(opts: { store: RoomStore; metrics: Metrics; idleMs: number; compactAfter: number }) {
		this.store = opts.store;
		this.metrics = opts.metrics;
		this.#idleMs = opts.idleMs;
		this.#compactAfter = opts.compactAfter;
	}

	get size(): number {
		return this.#rooms.size;
	}

	rooms(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	/** The loaded room, loading it from the store first when needed. Callers join() at once. */
	async open(name: string): Promise<Room> {
		const loaded = this.#rooms.get(name);
		if (loaded) {
			this.cancelUnload(loaded);
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
		const stop = this.metrics.storeSeconds.startTimer({ op: 'load' });
		const updates = await this.store.load(name);
		stop();
		const room = new Room(name, this);
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
		this.#rooms.set(name, room);
		this.metrics.rooms.set(this.#rooms.size);
		// A room opened by nobody (e.g. the upgrade failed afterwards) must not stay forever.
		this.scheduleUnload(room);
		return room;
	}

	cancelUnload(room: Room): void {
		const t = this.#unloadTimers.get(room);
		if (t) clearTimeout(t);
		this.#unloadTimers.delete(room);
	}

	scheduleUnload(room: Room): void {
		this.cancelUnload(room);
		const timer = setTimeout(() => void this.#unload(room), this.#idleMs);
		timer.unref();
		this.#unloadTimers.set(room, timer);
	}

	async #unload(room: Room): Promise<void> {
		this.#unloadTimers.delete(room);
		if (room.members.size > 0) return;
		await this.flush();
		if (room.members.size > 0 || this.#rooms.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		this.metrics.rooms.set(this.#rooms.size);
		room.destroy();
		if (room.logLength > 0) this.#compact(room.name);
	}

	maybeCompact(room: Room): void {
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

	enqueue(p: Pending): void {
		this.#queue.push(p);
		if (this.#queue.length === 1 && !this.#flushing) setImmediate(() => void this.flush());
	}

	/** Commits everything queued (all rooms, one transaction), then applies and relays it.
	 * Resolves when the queue is empty (SIGTERM, unloading a room). */
	async flush(): Promise<void> {
		while (this.#flushing) await this.#flushing;
		while (this.#queue.length > 0) {
			this.#flushing = this.#commitBatch();
			try {
				await this.#flushing;
			} finally {
				this.#flushing = null;
			}
		}
	}

	async #commitBatch(): Promise<void> {
		const batch = this.#queue.splice(0);
		const m = this.metrics;
		const stop = m.storeSeconds.startTimer({ op: 'append' });
		try {
			await this.store.append(batch.map((p) => ({ room: p.room.name, update: p.update })));
		} catch (err) {
			stop();
			// Nothing was stored, so nothing is relayed; the senders resend on reconnect.
			log('store_append_failed', { updates: batch.length, error: String(err) });
			for (const p of batch) {
				reject(m, 'store_error');
				p.from.close(CloseCode.internalError, 'store failure');
			}
			return;
		}
		stop();
		m.updates.inc(batch.length);
		for (const p of batch) {
			p.room.logLength++;
			p.room.applyCommitted(p.from, p.update);
		}
		for (const p of batch) this.maybeCompact(p.room);
	}

	/** Commits every queued update of every room (SIGTERM). */
	flushAll(): Promise<void> {
		return this.flush();
	}

	destroyAll(): void {
		for (const t of this.#unloadTimers.values()) clearTimeout(t);
		this.#unloadTimers.clear();
		for (const room of this.#rooms.values()) room.destroy();
		this.#rooms.clear();
		this.metrics.rooms.set(0);
	}
}
