// The lists' projection of the main document: every record of each main-document kind as a
// raw row (no validation), so the first screen paints at once; a record is validated when it
// is opened. Kept current by the store's per-kind events.
import { KINDS, KIND_NAMES, type Kind } from '$lib/domain';
import type { JsonObject, RecordStore } from '$lib/doc';

/** A record as stored, for lists: shown at once, validated when opened. */
export interface RecordRow {
	id: string;
	raw: JsonObject;
	deleted: boolean;
}

export class RecordRows {
	readonly #store: RecordStore;
	readonly #rows = new Map<Kind, Map<string, RecordRow>>();
	readonly #lists = new Map<Kind, RecordRow[]>();
	readonly #stops: (() => void)[] = [];

	/** `changed` is called with the kind after each change to its rows. */
	constructor(store: RecordStore, changed: (kind: Kind) => void = () => {}) {
		this.#store = store;
		for (const kind of KIND_NAMES) {
			if (KINDS[kind].home !== 'main') continue;
			const rows = new Map<string, RecordRow>();
			for (const id of store.ids(kind)) this.#put(rows, kind, id);
			this.#rows.set(kind, rows);
			this.#lists.set(kind, [...rows.values()]);
			this.#stops.push(
				store.observeKind(kind, (ids) => {
					for (const id of ids) this.#put(rows, kind, id);
					this.#lists.set(kind, [...rows.values()]);
					changed(kind);
				})
			);
		}
	}

	/** Every record of a kind, deleted ones included; a new array after each change. */
	rows(kind: Kind): RecordRow[] {
		return this.#lists.get(kind) ?? [];
	}

	destroy(): void {
		for (const stop of this.#stops) stop();
	}

	/** A record's row; none for a record that is gone (its creation undone). */
	#put(rows: Map<string, RecordRow>, kind: Kind, id: string): void {
		const raw = this.#store.raw(kind, id);
		if (raw) rows.set(id, { id, raw, deleted: typeof raw.deletedAt === 'string' });
		else rows.delete(id);
	}
}
