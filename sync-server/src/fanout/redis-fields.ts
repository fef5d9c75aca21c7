// Small pieces of the Redis Streams fan-out (redis.ts): decoding stream entries, and giving
// up on a blocking read whose connection died.
import type { RoomMessage } from './types.ts';

/** A blocking read given up on: its connection dropped, the loop reads again. */
export class ReadAbandoned extends Error {}

/** A stream entry's flat [field, value, …] list as a record. */
export function fieldsOf(fields: Buffer[]): Record<string, Buffer> {
	const out: Record<string, Buffer> = {};
	for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!.toString()] = fields[i + 1]!;
	return out;
}

type Entries = [Buffer, Buffer[]][];

/** The updates and awareness other nodes put on a room's stream, and the last id read. */
export function roomMessagesOf(
	room: string,
	entries: Entries,
	nodeId: string
): { lastId: string | undefined; messages: RoomMessage[] } {
	const messages: RoomMessage[] = [];
	let lastId: string | undefined;
	for (const [id, fields] of entries) {
		lastId = id.toString();
		const f = fieldsOf(fields);
		if (f.n?.toString() === nodeId || !f.d) continue;
		const kind = f.k?.toString() === 'a' ? 'awareness' : 'update';
		messages.push({ kind, room, update: new Uint8Array(f.d) });
	}
	return { lastId, messages };
}

/** The token ids other nodes revoked, and the last id read. */
export function revocationsOf(
	entries: Entries,
	nodeId: string
): { lastId: string | undefined; jtis: string[] } {
	const jtis: string[] = [];
	let lastId: string | undefined;
	for (const [id, fields] of entries) {
		lastId = id.toString();
		const f = fieldsOf(fields);
		if (f.n?.toString() !== nodeId && f.j) jtis.push(f.j.toString());
	}
	return { lastId, jtis };
}

/**
 * A read that may never settle (it was in flight on a connection that dropped and is not
 * resent): within() races it against a timer, abandon() rejects it at once.
 */
export class AbandonableRead {
	#abandon: (() => void) | undefined;

	within<T>(promise: Promise<T>, ms: number): Promise<T> {
		promise.catch(() => {});
		let timer: NodeJS.Timeout | undefined;
		const abandoned = new Promise<never>((_, reject) => {
			this.#abandon = () => reject(new ReadAbandoned('read abandoned'));
			timer = setTimeout(this.#abandon, ms);
		});
		return Promise.race([promise, abandoned]).finally(() => {
			clearTimeout(timer);
			this.#abandon = undefined;
		});
	}

	abandon(): void {
		this.#abandon?.();
	}
}
