import * as Y from 'yjs';
import { KINDS, keyedListsOf, validate, type DraftOf, type Kind } from '../domain';
import { RecordReader, newId, type StoreContext, type WriteResult } from './record-reader';
import { baseName, historyName, patchKey, patchName, textName } from './layout';
import { applyPatches, underAny, type Json, type JsonObject } from './merge';
import { HistoryWriter } from './history';
import { fail, refusal, spliceTo, stampDoc, yearIssue } from './write-guards';
import { undoDeleteFilter } from './undo-filter';

export { fail };

/** Typing in one field within this window by the same person writes updatedAt once. */
const TOUCH_EVERY_MS = 60_000;

export type Edit = { path: string[]; value: Json | undefined };
export type FieldOf<K extends Kind> = Extract<keyof DraftOf<K>, string>;
type TextOf<K extends Kind> = (typeof KINDS)[K]['texts'][number];

/**
 * The typed write API over one Y.Doc of the family (conflicts and undo helpers: RecordStore). Every write is one transaction with the
 * family's local origin (so `undo` sees only this device's edits), is validated first (the
 * issues of the written paths refuse it), and stamps updatedBy/updatedAt.
 */
export class RecordWriter extends RecordReader {
	/** Undo/redo of this device's own edits in this document. */
	readonly undo: Y.UndoManager;
	/** For a yearly shard: the year every record's date must fall in. */
	readonly year: number | undefined;
	readonly #history = new HistoryWriter();
	/** Called after this store created a record (the family keeps creations as undo steps). */
	onCreate: ((kind: Kind, id: string) => void) | undefined;

	constructor(doc: Y.Doc, name: string, ctx: StoreContext, opts: { year?: number } = {}) {
		super(doc, name, ctx);
		this.year = opts.year;
		// The whole doc is the scope: texts are root types created on demand, and a growing
		// list of scoped types would make every transaction (and bulk loads) quadratic.
		// Undo never deletes a record's base (undoing a creation is the family's soft delete)
		// nor a list item someone else edited since it was added (undo-filter.ts).
		this.undo = new Y.UndoManager(doc, {
			trackedOrigins: new Set([ctx.origin]),
			deleteFilter: undoDeleteFilter(doc, (kind, id) => this.history(kind, id))
		});
		this.router.listen((touched, tr) => {
			if (tr.origin === ctx.origin) return;
			for (const [, { ids, historyKeys }] of touched)
				if (historyKeys.length > 0) for (const id of ids) this.#history.forget(id);
		});
	}

	/** Creates a record from a form draft; returns its id. Long text goes to Y.Text. */
	create<K extends Kind>(
		kind: K,
		draft: DraftOf<K>,
		opts: { id?: string } = {}
	): WriteResult<string> {
		const refused = this.#refuse(kind);
		if (refused) return refused;
		const parsed = validate(KINDS[kind].draft, draft);
		if (!parsed.ok) return parsed;
		const data = parsed.data as JsonObject; // zod output of a JSON-only schema
		const outOfYear = yearIssue(this.year, kind, data);
		if (outOfYear) return outOfYear;
		const id = opts.id ?? newId();
		if (this.doc.getMap(baseName(kind)).has(id)) return fail('id.invalid', ['id']);
		const at = this.ctx.now().toISOString();
		const by = this.ctx.actor();
		const base: JsonObject = { id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
		const texts: readonly string[] = KINDS[kind].texts;
		for (const [key, value] of Object.entries(data))
			if (!texts.includes(key) && value !== undefined) base[key] = value;
		// Not an undo-manager step: undoing a creation is the family's soft delete (onCreate).
		this.undo.stopCapturing();
		this.doc.transact(() => {
			stampDoc(this.doc, kind);
			this.doc.getMap<Json>(baseName(kind)).set(id, JSON.stringify(base));
			for (const field of texts) {
				const value = data[field];
				if (typeof value === 'string' && value) this.#text(kind, id, field).insert(0, value);
			}
			// Inside the transaction, so its observers already see the creation as an undo step.
			this.onCreate?.(kind, id);
		}, CREATE_ORIGIN);
		this.undo.stopCapturing();
		return { ok: true, value: id };
	}

	/** Sets (or, with undefined, unsets) top-level fields. Text fields are spliced, not replaced. */
	update<K extends Kind>(kind: K, id: string, fields: Partial<DraftOf<K>>): WriteResult {
		const refused = this.#refuse(kind);
		if (refused) return refused;
		const texts: readonly string[] = KINDS[kind].texts;
		const edits: Edit[] = [];
		const textEdits: [string, string][] = [];
		for (const [key, value] of Object.entries(fields) as [string, Json | undefined][]) {
			if (texts.includes(key)) {
				if (typeof value !== 'string' && value !== undefined) return fail('type.invalid', [key]);
				textEdits.push([key, value ?? '']);
			} else edits.push({ path: [key], value });
		}
		return this.commit(
			kind,
			id,
			edits,
			() => {
				for (const [field, value] of textEdits) this.#splice(kind, id, field, value);
			},
			{ texts: textEdits.map(([f]) => f) }
		);
	}

	/** Sets one nested path: a flag (`['policies','dibao']`), a checklist answer, an item field. */
	setPath<K extends Kind>(
		kind: K,
		id: string,
		path: [FieldOf<K>, ...string[]],
		value: Json | undefined
	) {
		return this.commit(kind, id, [{ path, value }]);
	}

	/** Soft delete: the record stays in the document (and keeps merging) until restored. */
	remove(kind: Kind, id: string): WriteResult {
		const at = this.ctx.now().toISOString();
		this.undo.stopCapturing();
		const r = this.commit(kind, id, [
			{ path: ['deletedAt'], value: at },
			{ path: ['deletedBy'], value: this.ctx.actor() }
		]);
		this.undo.stopCapturing();
		return r;
	}

	restore(kind: Kind, id: string, opts: { origin?: object } = {}): WriteResult {
		const edits: Edit[] = [
			{ path: ['deletedAt'], value: undefined },
			{ path: ['deletedBy'], value: undefined }
		];
		return this.commit(kind, id, edits, undefined, { allowDeleted: true, ...opts });
	}

	/** Replaces a long text by the smallest splice, so others' concurrent typing survives. */
	setText<K extends Kind>(kind: K, id: string, field: TextOf<K>, value: string): WriteResult {
		return this.commit(kind, id, [], () => this.#splice(kind, id, field, value), {
			texts: [field]
		});
	}

	/** One editor operation on a long text (what a bound textarea or editor emits). */
	editText<K extends Kind>(
		kind: K,
		id: string,
		field: TextOf<K>,
		index: number,
		remove: number,
		insert = ''
	) {
		return this.commit(
			kind,
			id,
			[],
			() => {
				const text = this.#text(kind, id, field);
				const at = Math.max(0, Math.min(index, text.length));
				if (remove > 0) text.delete(at, Math.min(remove, text.length - at));
				if (insert) text.insert(at, insert);
			},
			{ texts: [field] }
		);
	}

	/** Groups several writes into one transaction (one undo step, one observer call). */
	transact(fn: () => void) {
		this.doc.transact(fn, this.ctx.origin);
	}

	#refuse(kind: string): WriteResult<never> | undefined {
		return refusal(kind, {
			newer: this.compat().status === 'newer',
			canWrite: this.ctx.canWrite?.() !== false,
			year: this.year
		});
	}

	protected commit(
		kind: Kind,
		id: string,
		edits: Edit[],
		extra?: () => void,
		opts: { allowDeleted?: boolean; texts?: string[]; origin?: object } = {}
	): WriteResult {
		const refused = this.#refuse(kind);
		if (refused) return refused;
		const current = this.raw(kind, id) ?? (kind === 'settings' ? { id } : undefined);
		if (!current) return fail('record.missing');
		if (typeof current['deletedAt'] === 'string' && !opts.allowDeleted)
			return fail('record.deleted');
		const patches = edits.map((e): [string, Json] => [patchKey(id, e.path), e.value ?? null]);
		const candidate = applyPatches(current, patches, keyedListsOf(kind));
		const checked = validate(KINDS[kind].schema, candidate);
		if (!checked.ok) {
			const paths = edits.map((e) => e.path);
			const mine = checked.issues.filter((i) => underAny(i.path, paths));
			if (mine.length > 0) return { ok: false, issues: mine };
		}
		const outOfYear = yearIssue(this.year, kind, candidate);
		if (outOfYear) return outOfYear;
		this.doc.transact(() => {
			stampDoc(this.doc, kind);
			const map = this.doc.getMap<Json>(patchName(kind));
			for (const [key, value] of patches) map.set(key, value);
			extra?.();
			this.#touch(kind, id, current);
			this.#history.record(
				this.doc.getMap<Json>(historyName(kind)),
				this.doc.clientID,
				id,
				this.ctx.actor(),
				this.ctx.now(),
				edits.map((e) => [e.path, e.value ?? null]),
				opts.texts
			);
		}, opts.origin ?? this.ctx.origin);
		return { ok: true, value: undefined };
	}

	#touch(kind: string, id: string, current: JsonObject) {
		const now = this.ctx.now();
		const by = this.ctx.actor();
		const last = typeof current['updatedAt'] === 'string' ? Date.parse(current['updatedAt']) : 0;
		if (current['updatedBy'] === by && now.getTime() - last < TOUCH_EVERY_MS) return;
		const map = this.doc.getMap<Json>(patchName(kind));
		map.set(patchKey(id, ['updatedAt']), now.toISOString());
		map.set(patchKey(id, ['updatedBy']), by);
	}

	#text(kind: string, id: string, field: string): Y.Text {
		return this.doc.getText(textName(kind, id, field));
	}

	#splice(kind: string, id: string, field: string, value: string) {
		spliceTo(this.#text(kind, id, field), value);
	}
}

/** Creations (and their undo/redo) are written under this origin, outside the undo manager. */
export const CREATE_ORIGIN = { creation: true };
