// The in-process fan-out: every relay in one process that shares a hub hears the others.
// A single relay gets a hub of its own (nothing to deliver); tests give two relays one hub to
// run the multi-writer paths without Redis. Delivery is asynchronous, like a network's.
import { randomUUID } from 'node:crypto';
import type { Fanout, RoomHandler, RoomMessage, Unsubscribe } from './types.ts';

type Subscriber = { node: string; handler: RoomHandler };
type RevocationSubscriber = { node: string; handler: (jti: string) => void };

export class InProcessHub {
	readonly rooms = new Map<string, Set<Subscriber>>();
	readonly revocations = new Set<RevocationSubscriber>();

	deliver(from: string, message: RoomMessage): void {
		const subs = this.rooms.get(message.room);
		if (!subs) return;
		for (const s of [...subs]) {
			// A copy per receiver: no process may see another's buffer change under it.
			if (s.node !== from) s.handler({ ...message, update: message.update.slice() });
		}
	}
}

export class InProcessFanout implements Fanout {
	readonly nodeId: string;
	#hub: InProcessHub;
	#closed = false;
	/** One chain per process keeps delivery in publish order. */
	#chain: Promise<void> = Promise.resolve();

	constructor(hub = new InProcessHub(), nodeId: string = randomUUID()) {
		this.#hub = hub;
		this.nodeId = nodeId;
	}

	#send(deliver: () => void): Promise<void> {
		if (this.#closed) return Promise.resolve();
		this.#chain = this.#chain.then(() => new Promise<void>((r) => setImmediate(r))).then(deliver);
		return this.#chain;
	}

	publishUpdate(room: string, update: Uint8Array): Promise<void> {
		const message: RoomMessage = { kind: 'update', room, update: update.slice() };
		return this.#send(() => this.#hub.deliver(this.nodeId, message));
	}

	publishAwareness(room: string, update: Uint8Array): Promise<void> {
		const message: RoomMessage = { kind: 'awareness', room, update: update.slice() };
		return this.#send(() => this.#hub.deliver(this.nodeId, message));
	}

	publishRevocation(jti: string): Promise<void> {
		return this.#send(() => {
			for (const s of [...this.#hub.revocations]) if (s.node !== this.nodeId) s.handler(jti);
		});
	}

	async subscribe(room: string, handler: RoomHandler): Promise<Unsubscribe> {
		const sub: Subscriber = { node: this.nodeId, handler };
		let subs = this.#hub.rooms.get(room);
		if (!subs) this.#hub.rooms.set(room, (subs = new Set()));
		subs.add(sub);
		return () => {
			subs.delete(sub);
			if (subs.size === 0 && this.#hub.rooms.get(room) === subs) this.#hub.rooms.delete(room);
		};
	}

	onRevocation(handler: (jti: string) => void): Unsubscribe {
		const sub = { node: this.nodeId, handler };
		this.#hub.revocations.add(sub);
		return () => this.#hub.revocations.delete(sub);
	}

	async close(): Promise<void> {
		await this.#chain;
		this.#closed = true;
		for (const [room, subs] of this.#hub.rooms) {
			for (const s of subs) if (s.node === this.nodeId) subs.delete(s);
			if (subs.size === 0) this.#hub.rooms.delete(room);
		}
		for (const s of this.#hub.revocations)
			if (s.node === this.nodeId) this.#hub.revocations.delete(s);
	}
}
