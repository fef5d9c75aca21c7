// One room per document (`W` or `W/shard`): the Y.Doc rebuilt from the store, the awareness
// of its clients and its local members. A room never stores anything itself: local writes go
// to its host's group commit (commit.ts) and come back through applyCommitted() once durable;
// writes committed by another relay process arrive through the fan-out (applyRemote()).
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessFrame, Limits, updateFrame } from '#protocol';
import { log } from '../log.ts';

/** What a room needs from a connection. */
export interface RoomMember {
	/** Awareness client ids this connection has announced. */
	readonly controlled: Set<number>;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

/** What a room needs from its manager. */
export interface RoomHost {
	/** Queues a validated local write for the group commit. */
	enqueue(room: Room, from: RoomMember, update: Uint8Array): void;
	joined(room: Room): void;
	emptied(room: Room): void;
	/** A local awareness change (not one from the fan-out): other processes should see it. */
	awarenessChanged(room: Room, update: Uint8Array): void;
}

/** Origin of changes that came through the fan-out from another relay process. */
export const REMOTE = Symbol('remote');

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly members = new Set<RoomMember>();
	/** Updates in the log since the last snapshot (drives compaction). */
	logLength = 0;
	#host: RoomHost;

	constructor(name: string, host: RoomHost) {
		this.name = name;
		this.#host = host;
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
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		this.broadcast(awarenessFrame(update));
		if (origin !== REMOTE) this.#host.awarenessChanged(this, update);
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
		this.#host.enqueue(this, from, update);
	}

	/** Applies an update the store has committed and relays it to every member, the sender's
	 * echo included (the echo is the client's durability confirmation). */
	applyCommitted(from: RoomMember, update: Uint8Array): void {
		this.#applyAndRelay(update, from);
	}

	/** Applies an update another relay process committed (fan-out) and relays it; not stored. */
	applyRemote(update: Uint8Array): void {
		this.#applyAndRelay(update, REMOTE);
	}

	/** Applies an awareness update another relay process received. */
	applyRemoteAwareness(update: Uint8Array): void {
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
		} catch (err) {
			log('remote_awareness_failed', { room: this.name, error: String(err) });
		}
	}

	#applyAndRelay(update: Uint8Array, origin: unknown): void {
		try {
			Y.applyUpdate(this.doc, update, origin);
		} catch (err) {
			// Decoded fine but Yjs refused it; it is stored, and load/compaction skip it too.
			log('apply_failed', { room: this.name, error: String(err) });
			return;
		}
		this.broadcast(updateFrame(update));
	}

	broadcast(message: Uint8Array): void {
		// One Buffer view for every recipient: ws would otherwise wrap the Uint8Array anew per send.
		const buf = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
		for (const member of this.members) member.send(buf);
	}

	join(member: RoomMember): void {
		this.members.add(member);
		this.#host.joined(this);
	}

	leave(member: RoomMember): void {
		if (!this.members.delete(member)) return;
		awarenessProtocol.removeAwarenessStates(this.awareness, [...member.controlled], null);
		if (this.members.size === 0) this.#host.emptied(this);
	}

	destroy(): void {
		this.awareness.off('update', this.#onAwareness);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
