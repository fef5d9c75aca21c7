import type * as Y from 'yjs';
import type { Kind } from '../domain';
import { newId } from './record-reader';
import { watchConflicts, type MergeReport } from './conflicts';
import { editedByOthers } from './history';
import { conflictName, patchKey, patchName } from './layout';
import type { Json, JsonObject } from './merge';
import type { StoreContext, WriteResult } from './record-reader';
import { CREATE_ORIGIN, RecordWriter, fail, type Edit, type FieldOf } from './record-writer';

export { CREATE_ORIGIN };

/**
 * One Y.Doc of the family as the app uses it: the typed reads and writes (RecordWriter) plus
 * what keeps merges honest: values that lost a same-field merge are written down as
 * conflicts on arrival, merges are reported by record and field, and a conflict is closed
 * only by a person picking a value.
 */
export class RecordStore extends RecordWriter {
	readonly #mergeListeners = new Set<(m: MergeReport[]) => void>();
	readonly #stopConflicts: () => void;

	constructor(doc: Y.Doc, name: string, ctx: StoreContext, opts: { year?: number } = {}) {
		super(doc, name, ctx, opts);
		this.#stopConflicts = watchConflicts(
			{
				doc,
				localOrigin: ctx.origin,
				canWrite: () => ctx.canWrite?.() !== false && this.compat().status === 'ok',
				historyOf: (k, i) => this.history(k, i),
				rawOf: (k, i) => this.raw(k, i),
				conflictsOf: (k, i) => this.conflicts(k, i)
			},
			(reports) => {
				for (const fn of this.#mergeListeners) fn(reports);
			}
		);
	}

	/** Calls `fn` with the records and fields another device changed, after each merge. */
	observeMerges(fn: (reports: MergeReport[]) => void): () => void {
		this.#mergeListeners.add(fn);
		return () => void this.#mergeListeners.delete(fn);
	}

	/**
	 * Picks a value for a field that has conflicts (the current one or a lost one): written
	 * as a new edit, and the field's conflict entries are closed in the same transaction.
	 */
	resolveConflict(kind: Kind, id: string, path: string[], value: Json | undefined): WriteResult {
		const joined = patchKey(id, path);
		const keys = this.conflictKeys(kind, id).filter((k) => k.startsWith(`${joined}@`));
		return this.commit(kind, id, [{ path, value }], () => {
			const map = this.doc.getMap<Json>(conflictName(kind));
			for (const k of keys) map.set(k, null);
		});
	}

	/** Restores an earlier value of a field (from its history) as a new edit. */
	restoreValue(kind: Kind, id: string, path: string[], value: Json | undefined): WriteResult {
		return this.commit(kind, id, [{ path, value }]);
	}

	override destroy() {
		this.#stopConflicts();
		this.#mergeListeners.clear();
		super.destroy();
	}

	/** A soft delete that is not an undo step of its own (undoing a creation). */
	removeUntracked(kind: Kind, id: string): WriteResult {
		return this.commit(
			kind,
			id,
			[
				{ path: ['deletedAt'], value: this.ctx.now().toISOString() },
				{ path: ['deletedBy'], value: this.ctx.actor() }
			],
			undefined,
			{ origin: CREATE_ORIGIN }
		);
	}

	/** Has anyone but this session written to the record since it was created? */
	editedByOthers(kind: Kind, id: string): boolean {
		return editedByOthers(this.history(kind, id), this.doc.clientID);
	}
	/** Adds an item to a keyed list (members, guardians, measures…); returns the item id. */
	addItem<K extends Kind>(
		kind: K,
		id: string,
		list: FieldOf<K>,
		item: JsonObject,
		opts: { id?: string } = {}
	): WriteResult<string> {
		const itemId = opts.id ?? newId();
		const current = this.raw(kind, id);
		const existing = current?.[list];
		const order =
			item['order'] ??
			Math.max(
				0,
				...Object.values(typeof existing === 'object' && existing ? existing : {}).map(orderOf)
			) + 1;
		const r = this.commit(kind, id, [{ path: [list, itemId], value: { ...item, order } }]);
		return r.ok ? { ok: true, value: itemId } : r;
	}

	/**
	 * Changes fields of one item, each its own key so concurrent edits of one member merge.
	 * With `upsert` (lists keyed by year, like incomes) a missing item is created.
	 */
	updateItem<K extends Kind>(
		kind: K,
		id: string,
		list: FieldOf<K>,
		itemId: string,
		fields: { [key: string]: Json | undefined },
		opts: { upsert?: boolean } = {}
	): WriteResult {
		const current = this.raw(kind, id);
		const items = current?.[list];
		const exists = typeof items === 'object' && items !== null && itemId in items;
		const edits: Edit[] = [];
		if (!exists) {
			if (!opts.upsert) return fail('item.missing', [list, itemId]);
			// Re-creating an item removed before: replace its tombstone with an empty item.
			const tomb = this.doc.getMap<Json>(patchName(kind)).get(patchKey(id, [list, itemId]));
			if (tomb === null) edits.push({ path: [list, itemId], value: {} });
		}
		for (const [key, value] of Object.entries(fields))
			edits.push({ path: [list, itemId, key], value });
		return this.commit(kind, id, edits);
	}

	removeItem<K extends Kind>(kind: K, id: string, list: FieldOf<K>, itemId: string): WriteResult {
		return this.commit(kind, id, [{ path: [list, itemId], value: undefined }]);
	}
}

function orderOf(item: unknown): number {
	const o = typeof item === 'object' && item !== null ? (item as { order?: unknown }).order : 0;
	return typeof o === 'number' ? o : 0;
}
