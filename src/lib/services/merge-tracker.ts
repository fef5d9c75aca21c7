// Which merges are worth telling about: another device changed a record that this device
// edited while its changes were not yet on the relay (offline, or waiting). Those records are
// remembered until such a change arrives, however late the other device comes back; they
// are told once everything is synced, with the fields the other device changed in them (from
// the document's merge reports, `RecordStore.observeMerges`), so the notice can name them.
// Pure: the runtime feeds it transactions, merge reports and states.
import type { WorkspaceSyncStatus } from './sync-status';

export interface MergedRecord {
	kind: string;
	id: string;
	/** Top-level fields another device changed in it (empty when no report named any). */
	fields: string[];
}

/** The records a transaction touched, by kind (as `RecordReader.observeTransactions` gives). */
export type TouchedRecords = Iterable<readonly [string, { ids: Iterable<string> }]>;

type State = WorkspaceSyncStatus['state'];

export class MergeTracker {
	readonly #editedAway = new Set<string>();
	readonly #pending = new Map<string, { kind: string; id: string }>();
	readonly #fields = new Map<string, Set<string>>();

	/** This device's own edit, made while the workspace was in `state`. */
	local(touched: TouchedRecords, state: State): void {
		if (state === 'synced' || state === 'local') return;
		for (const [kind, { ids }] of touched)
			for (const id of ids) this.#editedAway.add(`${kind}/${id}`);
	}

	/** Changes that came from the relay; true when one of them merged with an edit of ours. */
	remote(touched: TouchedRecords): boolean {
		let merged = false;
		for (const [kind, { ids }] of touched)
			for (const id of ids) {
				const key = `${kind}/${id}`;
				if (!this.#editedAway.delete(key)) continue;
				this.#pending.set(key, { kind, id });
				merged = true;
			}
		return merged;
	}

	/**
	 * The fields another device changed in a record (a merge report). Kept only for records
	 * this device edited away, whichever of the report and the transaction comes first.
	 */
	fields(kind: string, id: string, fields: Iterable<string>): void {
		const key = `${kind}/${id}`;
		if (!this.#editedAway.has(key) && !this.#pending.has(key)) return;
		let set = this.#fields.get(key);
		if (!set) this.#fields.set(key, (set = new Set()));
		for (const f of fields) set.add(f);
	}

	/** The merges to tell now: only once `state` is synced; each is told once. */
	flush(state: State): MergedRecord[] {
		if (state !== 'synced' || this.#pending.size === 0) return [];
		const out = [...this.#pending].map(([key, r]) => ({
			...r,
			fields: [...(this.#fields.get(key) ?? [])]
		}));
		for (const key of this.#pending.keys()) this.#fields.delete(key);
		this.#pending.clear();
		return out;
	}
}
