// One room per document (`W` or `W/shard`): the Y.Doc rebuilt from the store, the awareness
// of its clients and its local members. A room never stores anything itself: local writes go
// to its host's group commit (commit.ts) and come back through applyCommitted() once durable;
// writes committed by another relay process arrive through the fan-out (applyRemote()).
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessFrame, CloseEvent, Limits, updateFrame } from '#protocol';
import { log } from '../log.ts';
import { TokenBucket, type AwarenessOwners } from '../ws/limits.ts';
import { AnswerCache } from './answers.ts';
import { classifyUpdate } from './deps.ts';
import { Waiting } from './waiting.ts';

/** What a room needs from a connection. */
export interface RoomMember {
	/** Awareness client ids this connection has announced. */
	readonly controlled: Set<number>;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

/** What a room needs from its manager. */
export interface RoomHost {
	/** Queues a validated local write for the group commit; the refusal when over a quota. */
	enqueue(room: Room, from: RoomMember, update: Uint8Array): CloseEvent | null;
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
	/** Encoded answers (sync step 1 / 2, the awareness set), reused until the room changes. */
	readonly answers: AnswerCache;
	/** Bytes of sync step 2 and query-awareness answers of this room, whoever asks. */
	readonly answerBudget: TokenBucket;
	/** Updates held until what they build on arrives (never stored while they wait). */
	readonly waiting = new Waiting();
	/** Updates in the log since the last snapshot (drives compaction). */
	logLength = 0;
	/** Awareness client id -> the connection (or REMOTE process) that announced it first. */
	#owners = new Map<number, RoomMember | typeof REMOTE>();
	/** Per client, the clock queued updates reach (see classifyUpdate). */
	#ahead = new Map<number, number>();
	#host: RoomHost;

	constructor(
		name: string,
		host: RoomHost,
		answerBudget = new TokenBucket(
			Limits.answerBytesPerSecondPerRoom,
			Limits.answerBurstBytesPerRoom
		)
	) {
		this.name = name;
		this.#host = host;
		this.answerBudget = answerBudget;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// The relay itself has no presence.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
		this.answers = new AnswerCache(this.doc, this.awareness);
	}

	/** Awareness ids are bound to the connection that announced them first: for `member`,
	 * which ids are someone else's, and the clock the room has for an id. */
	awarenessOwners(member: RoomMember): AwarenessOwners {
		return {
			foreign: (id) => {
				const owner = this.#owners.get(id);
				return owner !== undefined && owner !== member;
			},
			clock: (id) => this.awareness.meta.get(id)?.clock ?? 0
		};
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const member = origin as RoomMember | null;
		if (member && this.members.has(member)) {
			for (const id of added.concat(updated)) {
				member.controlled.add(id);
				if (!this.#owners.has(id)) this.#owners.set(id, member);
			}
			for (const id of removed) member.controlled.delete(id);
		} else if (origin === REMOTE) {
			for (const id of added) if (!this.#owners.has(id)) this.#owners.set(id, REMOTE);
		}
		for (const id of removed) this.#owners.delete(id);
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

	/**
	 * A writer's update: queued for the group commit, held while what it builds on is missing,
	 * or ignored when the doc has it all already (a resent update is not stored twice).
	 * Returns the refusal to close the writer with, or null. Throws on a malformed update.
	 */
	write(from: RoomMember, update: Uint8Array): CloseEvent | null {
		const c = classifyUpdate(this.doc, update, this.#ahead);
		if (c.kind === 'covered') return null;
		if (c.kind === 'missing') {
			return this.waiting.hold(from, update, c.needs) ? null : CloseEvent.missingDependencies;
		}
		const refused = this.enqueue(from, update);
		if (!refused) {
			for (const [client, clock] of c.reaches) {
				if (clock > (this.#ahead.get(client) ?? 0)) this.#ahead.set(client, clock);
			}
		}
		return refused;
	}

	/** A commit failed: what was queued will not arrive; judge later updates by the doc. */
	commitFailed(): void {
		this.#ahead.clear();
	}

	/** Queues an update known to be ready for the group commit; the refusal when over a quota. */
	enqueue(from: RoomMember, update: Uint8Array): CloseEvent | null {
		return this.#host.enqueue(this, from, update);
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
			this.answers.state.lost();
			return;
		}
		this.answers.state.applied(update);
		this.broadcast(updateFrame(update));
		// What it brought may be what held updates were waiting for.
		for (const r of this.waiting.release(this.doc)) {
			const refused = this.#host.enqueue(this, r.from, r.update);
			if (refused) r.from.close(refused.code, refused.reason);
		}
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
		this.waiting.drop(member);
		awarenessProtocol.removeAwarenessStates(this.awareness, [...member.controlled], null);
		if (this.members.size === 0) this.#host.emptied(this);
	}

	destroy(): void {
		this.answers.destroy();
		this.awareness.off('update', this.#onAwareness);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
