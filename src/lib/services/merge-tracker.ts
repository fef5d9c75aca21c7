// Which merges are worth telling about: another device changed a record that this device
// edited while its changes were not yet on the relay (offline, or waiting). Those records are
// remembered until such a change arrives, however late the other device comes back; they
// are told once everything is synced. Pure: the runtime feeds it transactions and states.
import type { WorkspaceSyncStatus } from './sync-status';

export interface MergedRecord {
	kind: string;
	id: string;
}

/** The records a transaction touched, by kind (as `RecordReader.observeTransactions` gives). */
export type TouchedRecords = Iterable<readonly [string, { ids: Iterable<string> }]>;

type State = WorkspaceSyncStatus['state'];

export class MergeTracker {
	readonly #editedAway = new Set<string>();
	readonly #pending = new Map<string, MergedRecord>();

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

	/** The merges to tell now: only once `state` is synced; each is told once. */
	flush(state: State): MergedRecord[] {
		if (state !== 'synced' || this.#pending.size === 0) return [];
		const out = [...this.#pending.values()];
		this.#pending.clear();
		return out;
	}
}
