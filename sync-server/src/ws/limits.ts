// Per-connection guards: a token bucket for message rates, and the awareness caps checked
// before y-protocols applies anything (it would apply a prefix, then throw on bad JSON).
import * as decoding from 'lib0/decoding';
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

	take(): boolean {
		const now = performance.now();
		this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#rate);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

export type AwarenessCheck =
	{ ok: true; clients: number[] } | { ok: false; reason: 'malformed' | 'limit' };

/**
 * Parses an awareness update (varUint n, then n x [clientID, clock, JSON string]) and checks it
 * against the caps. `owned` are the ids this connection already controls.
 */
export function checkAwarenessUpdate(
	update: Uint8Array,
	owned: ReadonlySet<number>
): AwarenessCheck {
	try {
		const decoder = decoding.createDecoder(update);
		const n = decoding.readVarUint(decoder);
		if (n > Limits.maxAwarenessStatesPerConnection) return { ok: false, reason: 'limit' };
		const clients: number[] = [];
		let fresh = 0;
		for (let i = 0; i < n; i++) {
			const client = decoding.readVarUint(decoder);
			decoding.readVarUint(decoder); // clock
			const bytes = decoding.readVarUint8Array(decoder);
			if (bytes.length > Limits.maxAwarenessStateBytes) return { ok: false, reason: 'limit' };
			JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
			if (!owned.has(client)) fresh++;
			clients.push(client);
		}
		if (decoder.pos !== update.length) return { ok: false, reason: 'malformed' };
		if (owned.size + fresh > Limits.maxAwarenessStatesPerConnection) {
			return { ok: false, reason: 'limit' };
		}
		return { ok: true, clients };
	} catch {
		return { ok: false, reason: 'malformed' };
	}
}
