import type * as Y from 'yjs';
import { SEP } from './layout';

/**
 * The keys of one root map grouped by record id (`<id>/…`): built on first use, then kept
 * current from the keys each transaction changed, so reading one record never scans a map
 * that holds every record of its kind.
 */
export class KeyIndex {
	readonly #map: Y.Map<unknown>;
	#byId: Map<string, Set<string>> | undefined;

	constructor(map: Y.Map<unknown>) {
		this.#map = map;
	}

	/** The keys of one record (live set; do not change it). */
	keys(id: string): ReadonlySet<string> | undefined {
		if (!this.#byId) {
			this.#byId = new Map();
			for (const key of this.#map.keys()) this.#add(key);
		}
		return this.#byId.get(id);
	}

	/** Keys changed by a transaction: added when present, dropped when gone. */
	changed(keys: readonly string[]) {
		if (!this.#byId) return;
		for (const key of keys) {
			if (this.#map.has(key)) this.#add(key);
			else this.#byId.get(idOf(key))?.delete(key);
		}
	}

	#add(key: string) {
		const byId = (this.#byId ??= new Map());
		const id = idOf(key);
		let set = byId.get(id);
		if (!set) byId.set(id, (set = new Set()));
		set.add(key);
	}
}

const idOf = (key: string) => {
	const i = key.indexOf(SEP);
	return i < 0 ? key : key.slice(0, i);
};
