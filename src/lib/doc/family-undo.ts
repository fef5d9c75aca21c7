// Undo and redo across a workspace's family of documents: one order of steps for every doc
// (each step numbered), and creations as steps of their own that undo by soft delete.
import { CREATE_ORIGIN, RecordStore } from './record-store';
import type { Kind } from '../domain';

/**
 * Creations as one undo step: undone by soft deletes, redone by restores. Records created in
 * one transaction (an imported file) are one step, so one undo takes the whole file back.
 */
interface CreateStep {
	store: RecordStore;
	records: { kind: Kind; id: string }[];
	/** The Yjs transaction that made them (compared by identity). */
	tx: unknown;
	seq: number;
}

export class FamilyUndo {
	readonly #stores: () => RecordStore[];
	#seq = 0;
	#createUndo: CreateStep[] = [];
	#createRedo: CreateStep[] = [];

	constructor(stores: () => RecordStore[]) {
		this.#stores = stores;
	}

	/** Follows a store of the family: its edits and creations become numbered steps. */
	attach(store: RecordStore): void {
		store.undo.on(
			'stack-item-added',
			({
				stackItem,
				origin,
				changedParentTypes
			}: {
				stackItem: { meta: Map<string, unknown> };
				origin: unknown;
				changedParentTypes: unknown;
			}) => {
				// Edits made in the same transaction as creations (an import merging into known
				// records) are the same step as those creations: they share its number.
				const create = this.#createUndo.at(-1);
				const sameTx =
					origin !== store.undo &&
					create?.store === store &&
					(create.tx as { changedParentTypes?: unknown } | null)?.changedParentTypes ===
						changedParentTypes;
				stackItem.meta.set('seq', sameTx ? create.seq : ++this.#seq);
				// The next edit in another doc must be a step of its own, or an edit merged into an
				// older step there would be undone after this newer one.
				for (const other of this.#stores()) if (other !== store) other.undo.stopCapturing();
				if (origin !== store.undo) this.#newChange(store);
			}
		);
		store.onCreate = (kind, id) => {
			// Yjs keeps the running transaction on the doc; creations inside one are one step.
			const tx = (store.doc as unknown as { _transaction: unknown })._transaction;
			const last = this.#createUndo.at(-1);
			if (last && last.store === store && last.tx === tx && tx !== null) {
				last.records.push({ kind, id });
				return;
			}
			for (const other of this.#stores()) other.undo.stopCapturing();
			this.#newChange(undefined);
			this.#createUndo.push({ store, records: [{ kind, id }], tx, seq: ++this.#seq });
		};
	}

	/** A new change (not an undo or redo) empties every redo stack of the family. */
	#newChange(except: RecordStore | undefined) {
		this.#createRedo = [];
		for (const s of this.#stores()) if (s !== except) s.undo.clear(false, true);
	}

	#step(
		stack: 'undoStack' | 'redoStack',
		creates: CreateStep[],
		runCreate: (step: CreateStep) => boolean
	): boolean {
		let best: RecordStore | undefined;
		let bestSeq = -1;
		for (const store of this.#stores()) {
			const seq = store.undo[stack].at(-1)?.meta.get('seq');
			if (typeof seq === 'number' && seq > bestSeq) [best, bestSeq] = [store, seq];
		}
		const create = creates.at(-1);
		if (create && create.seq >= bestSeq) {
			creates.pop();
			// On the other stack before the write, so observers of the write see both stacks right.
			const other = stack === 'undoStack' ? this.#createRedo : this.#createUndo;
			const moved = { ...create, seq: ++this.#seq };
			other.push(moved);
			const ran = runCreate(create);
			if (best && bestSeq === create.seq) {
				// The edits of the same step (one transaction) go with it, and stay paired.
				if (stack === 'undoStack') best.undo.undo();
				else best.undo.redo();
				const back = stack === 'undoStack' ? 'redoStack' : 'undoStack';
				best.undo[back].at(-1)?.meta.set('seq', moved.seq);
			} else if (!ran) other.pop();
			return true;
		}
		if (!best) return false;
		if (stack === 'undoStack') best.undo.undo();
		else best.undo.redo();
		return true;
	}

	/**
	 * Undoes this device's most recent step in any doc of the family. Undoing a creation moves
	 * the record to the trash, and only when nobody else has written to it since; otherwise the
	 * step is dropped and the record stays (others' work is never hidden). Edits are undone by
	 * Yjs, which never overwrites a value another device wrote afterwards.
	 */
	undo(): boolean {
		return this.#step('undoStack', this.#createUndo, (step) => {
			let undone = false;
			for (const { kind, id } of step.records) {
				if (step.store.editedByOthers(kind, id)) continue;
				step.store.removeUntracked(kind, id);
				undone = true;
			}
			return undone;
		});
	}

	redo(): boolean {
		return this.#step('redoStack', this.#createRedo, (step) => {
			for (const { kind, id } of step.records) {
				step.store.restore(kind, id, { origin: CREATE_ORIGIN });
			}
			return true;
		});
	}

	get canUndo(): boolean {
		return this.#createUndo.length > 0 || this.#stores().some((s) => s.undo.undoStack.length > 0);
	}

	get canRedo(): boolean {
		return this.#createRedo.length > 0 || this.#stores().some((s) => s.undo.redoStack.length > 0);
	}
}
