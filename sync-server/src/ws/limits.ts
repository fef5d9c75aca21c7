// Guards: a token bucket for message rates (per connection, token and room), and the awareness caps checked
// before y-protocols applies anything (it would apply a prefix, then throw on bad JSON).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Limits } from '#protocol';

export class TokenBucket {
	#tokens: number;
	#last = performance.now();
	readonly #rate: number;
	readonly #burst: number;

	constructor(perSecond: number, burst: number) {
		this.#rate = perSecond / 1000;
		this.#burst = burst;
		this.#tokens = burst;
	}

	#refill(): void {
		const now = performance.now();
		this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#rate);
		this.#last = now;
	}

	take(): boolean {
		this.#refill();
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	/** Charges `n` after the fact (an answer's bytes); the bucket may go below zero, and then
	 * nothing passes until it has refilled. */
	charge(n: number): void {
		this.#refill();
		this.#tokens -= n;
	}

	/** Milliseconds until take() can succeed (0 when it can now). */
	msUntilNext(): number {
		this.#refill();
		return this.#tokens >= 1 ? 0 : (1 - this.#tokens) / this.#rate;
	}
}

export type AwarenessCheck =
	| {
			ok: true;
			/** Ids this update speaks for, once the entries for other connections' ids are gone. */
			clients: number[];
			/** The update to apply: the original, or re-encoded without those entries. */
			update: Uint8Array;
			/** Entries for another connection's id with a newer clock than the room's: spoofing. */
			spoofed: number;
	  }
	| { ok: false; reason: 'malformed' | 'limit' };

/** Who else speaks for an id: `foreign(id)` when another connection announced it first. */
export type AwarenessOwners = { foreign(id: number): boolean; clock(id: number): number };

/**
 * Parses an awareness update (varUint n, then n x [clientID, clock, JSON string]) and checks it
 * against the caps. `owned` are the ids this connection already controls. Entries for ids
 * another connection announced first are taken out: stock y-websocket clients echo every
 * state they receive (same clock, harmless), and a newer clock is someone speaking for
 * another's presence (counted as spoofed, never applied).
 */
export function checkAwarenessUpdate(
	update: Uint8Array,
	owned: ReadonlySet<number>,
	owners: AwarenessOwners
): AwarenessCheck {
	try {
		const decoder = decoding.createDecoder(update);
		const n = decoding.readVarUint(decoder);
		if (n > Limits.maxAwarenessStatesPerRoom) return { ok: false, reason: 'limit' };
		const kept: { client: number; clock: number; bytes: Uint8Array }[] = [];
		let fresh = 0;
		let spoofed = 0;
		for (let i = 0; i < n; i++) {
			const client = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const bytes = decoding.readVarUint8Array(decoder);
			if (bytes.length > Limits.maxAwarenessStateBytes) return { ok: false, reason: 'limit' };
			JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
			if (owners.foreign(client)) {
				if (clock > owners.clock(client)) spoofed++;
				continue;
			}
			if (!owned.has(client)) fresh++;
			kept.push({ client, clock, bytes });
		}
		if (decoder.pos !== update.length) return { ok: false, reason: 'malformed' };
		if (owned.size + fresh > Limits.maxAwarenessStatesPerConnection) {
			return { ok: false, reason: 'limit' };
		}
		const clients = kept.map((k) => k.client);
		if (kept.length === n) return { ok: true, clients, update, spoofed };
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, kept.length);
		for (const k of kept) {
			encoding.writeVarUint(e, k.client);
			encoding.writeVarUint(e, k.clock);
			encoding.writeVarUint8Array(e, k.bytes);
		}
		return { ok: true, clients, update: encoding.toUint8Array(e), spoofed };
	} catch {
		return { ok: false, reason: 'malformed' };
	}
}
