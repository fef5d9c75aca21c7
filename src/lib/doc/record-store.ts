import * as Y from 'yjs';
import { KINDS, isKind, validate, type DraftOf, type Issue, type Kind } from '../domain';
import { RecordReader, newId, type StoreContext, type WriteResult } from './record-reader';
import {
	DOC_SCHEMA_VERSION,
	KINDS_REGISTRY,
	META,
	baseName,
	patchKey,
	patchName,
	textName,
	versionKey
} from './layout';
import { applyPatches, textSplice, underAny, type Json, type JsonObject } from './merge';

/** Typing in one field within this window by the same person writes updatedAt once. */
const TOUCH_EVERY_MS = 60_000;

type Edit = { path: string[]; value: Json | undefined };
type FieldOf<K extends Kind> = Extract<keyof DraftOf<K>, string>;
type TextOf<K extends Kind> = (typeof KINDS)[K]['texts'][number];

const fail = (code: Issue['code'], path: (string | number)[] = []): WriteResult<never> => ({
	ok: false,
	issues: [{ path, code }]
});

/**
 * The typed write API over one Y.Doc of the family. Every write is one transaction with the
 * family's local origin (so `undo` sees only this device's edits), is validated first (the
 * issues of the written paths refuse it), and stamps updatedBy/updatedAt.
 */
export class RecordStore extends RecordReader {
	/** Undo/redo of this device's own edits in this document. */
	readonly undo: Y.UndoManager;
	/** For a yearly shard: the year every record's date must fall in. */
	readonly year: number | undefined;

	constructor(doc: Y.Doc, name: string, ctx: StoreContext, opts: { year?: number } = {}) {
		super(doc, name, ctx);
		this.year = opts.year;
		// The whole doc is the scope: texts are root types created on demand, and a growing
		// list of scoped types would make every transaction (and bulk loads) quadratic.
		this.undo = new Y.UndoManager(doc, { trackedOrigins: new Set([ctx.origin]) });
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
		const yearIssue = this.#yearIssue(kind, data);
		if (yearIssue) return yearIssue;
		const id = opts.id ?? newId();
		if (this.doc.getMap(baseName(kind)).has(id)) return fail('id.invalid', ['id']);
		const at = this.ctx.now().toISOString();
		const by = this.ctx.actor();
		const base: JsonObject = { id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
		const texts: readonly string[] = KINDS[kind].texts;
		for (const [key, value] of Object.entries(data))
			if (!texts.includes(key) && value !== undefined) base[key] = value;
		this.doc.transact(() => {
			this.#stampDoc(kind);
			this.doc.getMap<Json>(baseName(kind)).set(id, JSON.stringify(base));
			for (const field of texts) {
				const value = data[field];
				if (typeof value === 'string' && value) this.#text(kind, id, field).insert(0, value);
			}
		}, this.ctx.origin);
		this.undo.stopCapturing();
		return { ok: true, value: id };
	}

	/** Sets (or, with undefined, unsets) top-level fields. Text fields are spliced, not replaced. */
	update<K extends Kind>(kind: K, id: string, fields: Partial<DraftOf<K>>): WriteResult {
		const texts: readonly string[] = KINDS[kind].texts;
		const edits: Edit[] = [];
		const textEdits: [string, string][] = [];
		for (const [key, value] of Object.entries(fields) as [string, Json | undefined][]) {
			if (texts.includes(key)) {
				if (typeof value !== 'string' && value !== undefined) return fail('type.invalid', [key]);
				textEdits.push([key, value ?? '']);
			} else edits.push({ path: [key], value });
		}
		return this.#commit(kind, id, edits, () => {
			for (const [field, value] of textEdits) this.#splice(kind, id, field, value);
		});
	}

	/** Sets one nested path: a flag (`['policies','dibao']`), a checklist answer, an item field. */
	setPath<K extends Kind>(
		kind: K,
		id: string,
		path: [FieldOf<K>, ...string[]],
		value: Json | undefined
	) {
		return this.#commit(kind, id, [{ path, value }]);
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
		const r = this.#commit(kind, id, [{ path: [list, itemId], value: { ...item, order } }]);
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
		return this.#commit(kind, id, edits);
	}

	removeItem<K extends Kind>(kind: K, id: string, list: FieldOf<K>, itemId: string): WriteResult {
		return this.#commit(kind, id, [{ path: [list, itemId], value: undefined }]);
	}

	/** Soft delete: the record stays in the document (and keeps merging) until restored. */
	remove(kind: Kind, id: string): WriteResult {
		const at = this.ctx.now().toISOString();
		this.undo.stopCapturing();
		const r = this.#commit(kind, id, [
			{ path: ['deletedAt'], value: at },
			{ path: ['deletedBy'], value: this.ctx.actor() }
		]);
		this.undo.stopCapturing();
		return r;
	}

	restore(kind: Kind, id: string): WriteResult {
		const edits: Edit[] = [
			{ path: ['deletedAt'], value: undefined },
			{ path: ['deletedBy'], value: undefined }
		];
		return this.#commit(kind, id, edits, undefined, { allowDeleted: true });
	}

	/** Replaces a long text by the smallest splice, so others' concurrent typing survives. */
	setText<K extends Kind>(kind: K, id: string, field: TextOf<K>, value: string): WriteResult {
		return this.#commit(kind, id, [], () => this.#splice(kind, id, field, value));
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
		return this.#commit(kind, id, [], () => {
			const text = this.#text(kind, id, field);
			const at = Math.max(0, Math.min(index, text.length));
			if (remove > 0) text.delete(at, Math.min(remove, text.length - at));
			if (insert) text.insert(at, insert);
		});
	}

	/** Groups several writes into one transaction (one undo step, one observer call). */
	transact(fn: () => void) {
		this.doc.transact(fn, this.ctx.origin);
	}

	#refuse(kind: string): WriteResult<never> | undefined {
		if (this.compat().status === 'newer') return fail('doc.newer_version');
		if (!isKind(kind)) return fail('field.not_editable');
		const sharded = KINDS[kind].home === 'year';
		if (sharded !== (this.year !== undefined)) return fail('field.not_editable');
		return undefined;
	}

	#yearIssue(kind: Kind, data: JsonObject): WriteResult<never> | undefined {
		if (this.year === undefined || KINDS[kind].home !== 'year') return undefined;
		const date = data['date'];
		if (typeof date === 'string' && date.slice(0, 4) !== String(this.year))
			return fail('date.shard_year', ['date']);
		return undefined;
	}

	#commit(
		kind: Kind,
		id: string,
		edits: Edit[],
		extra?: () => void,
		opts: { allowDeleted?: boolean } = {}
	): WriteResult {
		const refused = this.#refuse(kind);
		if (refused) return refused;
		const current = this.raw(kind, id) ?? (kind === 'settings' ? { id } : undefined);
		if (!current) return fail('record.missing');
		if (typeof current['deletedAt'] === 'string' && !opts.allowDeleted)
			return fail('record.deleted');
		const patches = edits.map((e): [string, Json] => [patchKey(id, e.path), e.value ?? null]);
		const candidate = applyPatches(current, patches);
		const checked = validate(KINDS[kind].schema, candidate);
		if (!checked.ok) {
			const paths = edits.map((e) => e.path);
			const mine = checked.issues.filter((i) => underAny(i.path, paths));
			if (mine.length > 0) return { ok: false, issues: mine };
		}
		const yearIssue = this.#yearIssue(kind, candidate);
		if (yearIssue) return yearIssue;
		this.doc.transact(() => {
			this.#stampDoc(kind);
			const map = this.doc.getMap<Json>(patchName(kind));
			for (const [key, value] of patches) map.set(key, value);
			extra?.();
			this.#touch(kind, id, current);
		}, this.ctx.origin);
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

	/** Marks the doc with our version and the kind as present (idempotent keys, no churn). */
	#stampDoc(kind: string) {
		const meta = this.doc.getMap(META);
		const v = versionKey(DOC_SCHEMA_VERSION);
		if (!meta.has(v)) meta.set(v, true);
		const registry = this.doc.getMap(KINDS_REGISTRY);
		if (!registry.has(kind)) registry.set(kind, true);
	}

	#text(kind: string, id: string, field: string): Y.Text {
		return this.doc.getText(textName(kind, id, field));
	}

	#splice(kind: string, id: string, field: string, value: string) {
		const text = this.#text(kind, id, field);
		const { index, remove, insert } = textSplice(text.toString(), value);
		if (remove > 0) text.delete(index, remove);
		if (insert) text.insert(index, insert);
	}
}

function orderOf(item: unknown): number {
	const o = typeof item === 'object' && item !== null ? (item as { order?: unknown }).order : 0;
	return typeof o === 'number' ? o : 0;
}
