import * as Y from 'yjs';
import { KINDS, isKind, keyedListsOf, type Kind } from '../domain';
import { ChangeRouter, type Touched } from './changes';
import { readConflicts, type Conflict } from './conflicts';
import { latestStanding, readHistory, type HistoryEntry } from './history';
import { KeyIndex } from './key-index';
import {
	KINDS_REGISTRY,
	META,
	baseName,
	conflictName,
	historyName,
	patchName,
	textName
} from './layout';
import { applyPatches, type Json, type JsonObject } from './merge';
import {
	compatOf,
	decodeBase,
	readResult,
	type Compat,
	type ReadResult,
	type StoreContext
} from './record-types';
import { trashOf } from './trash';

export {
	decodeBase,
	newId,
	type Compat,
	type ReadResult,
	type StoreContext,
	type WriteResult
} from './record-types';

/**
 * Reads and observes the records of one Y.Doc of the family. Writing lives in
 * `RecordStore` (record-writer.ts); this half never changes the document.
 */
export class RecordReader {
	readonly doc: Y.Doc;
	readonly name: string;
	protected readonly ctx: StoreContext;
	protected readonly router: ChangeRouter;
	readonly #cache = new Map<string, Map<string, ReadResult>>();
	/** Keys per record id of each kind's patch, history and conflict maps (built on first read). */
	readonly #indexes = new Map<string, KeyIndex>();
	readonly #recordObservers = new Map<string, Set<(r: ReadResult | undefined) => void>>();
	readonly #kindObservers = new Map<string, Set<(ids: ReadonlySet<string>) => void>>();

	constructor(doc: Y.Doc, name: string, ctx: StoreContext) {
		this.doc = doc;
		this.name = name;
		this.ctx = ctx;
		this.router = new ChangeRouter(doc);
		this.router.listen((touched) => this.#onChange(touched));
	}

	/** Version check: a doc from a newer major version is reported and never rewritten. */
	compat(): Compat {
		return compatOf(this.doc.getMap(META).keys());
	}

	/** Kinds present in this doc that this version does not know (written by a newer one). */
	unknownKinds(): string[] {
		return [...this.doc.getMap(KINDS_REGISTRY).keys()].filter((k) => !isKind(k));
	}

	ids(kind: string): string[] {
		return [...this.doc.getMap<Json>(baseName(kind)).keys()];
	}

	/** One record, parsed; undefined when there is none with this id. */
	get<K extends Kind>(kind: K, id: string): ReadResult<K> | undefined {
		const cache = this.#kindCache(kind);
		const hit = cache.get(id);
		if (hit) return hit as ReadResult<K>; // cached under its own kind
		const raw = this.raw(kind, id);
		if (!raw) return undefined;
		const result = readResult(kind, id, raw, this.damaged(kind, id));
		cache.set(id, result);
		return result;
	}

	/** Every record of a kind (deleted ones only when asked), in creation order. */
	list<K extends Kind>(kind: K, opts: { includeDeleted?: boolean } = {}): ReadResult<K>[] {
		const out: ReadResult<K>[] = [];
		for (const id of this.ids(kind)) {
			const r = this.get(kind, id);
			if (r && (opts.includeDeleted || !r.deleted)) out.push(r);
		}
		return out;
	}

	/** Deleted records of every kind this version knows, in this document: the trash. */
	trash(): ReadResult[] {
		return trashOf(this);
	}

	/** Whether a record's stored base is there but cannot be decoded. */
	damaged(kind: string, id: string): boolean {
		const map = this.doc.getMap<Json>(baseName(kind));
		return map.has(id) && !decodeBase(map.get(id));
	}

	/** Who changed which field when, oldest first (from the document; works offline). */
	history(kind: string, id: string): HistoryEntry[] {
		return readHistory(
			this.doc.getMap<Json>(historyName(kind)),
			this.#index(historyName(kind)).keys(id)
		);
	}

	/** Who created a record and when (from its frozen base). */
	created(kind: string, id: string): { at: string; by: string } | undefined {
		const base = decodeBase(this.doc.getMap<Json>(baseName(kind)).get(id));
		const at = base?.['createdAt'];
		const by = base?.['createdBy'];
		return typeof at === 'string' && typeof by === 'string' ? { at, by } : undefined;
	}

	/** Values that lost a same-field merge and wait for a person to pick one. */
	conflicts(kind: string, id: string): Conflict[] {
		const keys = this.#index(conflictName(kind)).keys(id);
		if (!keys?.size) return [];
		return readConflicts(this.doc.getMap<Json>(conflictName(kind)), keys, this.raw(kind, id));
	}

	/** The conflict keys of one record (resolving sets them to null). */
	protected conflictKeys(kind: string, id: string): string[] {
		return [...(this.#index(conflictName(kind)).keys(id) ?? [])];
	}

	/** The merged JSON of any record, known kind or not (unknown kinds are shown raw). */
	raw(kind: string, id: string): JsonObject | undefined {
		const bases = this.doc.getMap<Json>(baseName(kind));
		const base = decodeBase(bases.get(id));
		const patches = this.#patchesOf(kind, id);
		if (!base && patches.length === 0 && !bases.has(id)) return undefined;
		let raw = applyPatches(base ?? { id }, patches, keyedListsOf(kind));
		const texts: readonly string[] = isKind(kind) ? KINDS[kind].texts : [];
		for (const field of texts) {
			const name = textName(kind, id, field);
			if (!this.doc.share.has(name)) continue;
			if (raw === base) raw = { ...raw };
			raw[field] = this.doc.getText(name).toString();
		}
		return this.#stamped(kind, id, raw, raw === base);
	}

	/** Whether patches or history entries apply on top of a record's base (raw-json.ts). */
	edited(kind: string, id: string): boolean {
		const keys = (name: string) => this.#index(name).keys(id)?.size ?? 0;
		return keys(patchName(kind)) + keys(historyName(kind)) > 0;
	}

	/**
	 * updatedBy/updatedAt from the history when there is one: the latest entry whose values
	 * still stand. The stamps are last-writer-wins keys of their own and can name the person
	 * whose value lost a merge; the history cannot.
	 */
	#stamped(kind: string, id: string, raw: JsonObject, shared: boolean): JsonObject {
		const keys = this.#index(historyName(kind)).keys(id);
		if (!keys?.size) return raw;
		const e = latestStanding(this.doc.getMap<Json>(historyName(kind)), keys, raw);
		if (!e || (raw['updatedBy'] === e.by && raw['updatedAt'] === e.at)) return raw;
		const out = shared ? { ...raw } : raw;
		out['updatedBy'] = e.by;
		out['updatedAt'] = e.at;
		return out;
	}

	/** The live Y.Text of a long-text field, for binding an editor. */
	text<K extends Kind>(kind: K, id: string, field: (typeof KINDS)[K]['texts'][number]): Y.Text {
		return this.doc.getText(textName(kind, id, field));
	}

	/** Calls `fn` with the record after every change to it (local or remote). */
	observe<K extends Kind>(kind: K, id: string, fn: (r: ReadResult<K> | undefined) => void) {
		const key = `${kind}\u0000${id}`;
		let set = this.#recordObservers.get(key);
		if (!set) this.#recordObservers.set(key, (set = new Set()));
		const cb = fn as (r: ReadResult | undefined) => void; // only called with this kind
		set.add(cb);
		return () => void set.delete(cb);
	}

	/** Calls `fn` with the ids of a kind that changed in each transaction. */
	observeKind(kind: string, fn: (ids: ReadonlySet<string>) => void) {
		let set = this.#kindObservers.get(kind);
		if (!set) this.#kindObservers.set(kind, (set = new Set()));
		set.add(fn);
		return () => void set.delete(fn);
	}

	/** Calls `fn` after every transaction that touched records, with the records and its origin. */
	observeTransactions(fn: (touched: Touched, origin: unknown) => void): () => void {
		const stop = this.router.listen((touched, tr) => fn(touched, tr.origin));
		return () => void stop();
	}

	destroy() {
		this.router.destroy();
		this.#recordObservers.clear();
		this.#kindObservers.clear();
	}

	#kindCache(kind: string) {
		let cache = this.#cache.get(kind);
		if (!cache) this.#cache.set(kind, (cache = new Map()));
		return cache;
	}

	#index(name: string): KeyIndex {
		let index = this.#indexes.get(name);
		if (!index) this.#indexes.set(name, (index = new KeyIndex(this.doc.getMap(name))));
		return index;
	}

	#patchesOf(kind: string, id: string): [string, Json][] {
		const map = this.doc.getMap<Json>(patchName(kind));
		const keys = this.#index(patchName(kind)).keys(id);
		if (!keys) return [];
		const out: [string, Json][] = [];
		for (const key of keys) {
			const value = map.get(key);
			if (value !== undefined) out.push([key, value]);
		}
		return out;
	}

	#onChange(touched: Touched) {
		for (const [kind, { ids, patchKeys, historyKeys, conflictKeys }] of touched) {
			this.#indexes.get(patchName(kind))?.changed(patchKeys);
			this.#indexes.get(historyName(kind))?.changed(historyKeys);
			this.#indexes.get(conflictName(kind))?.changed(conflictKeys);
			const cache = this.#cache.get(kind);
			for (const id of ids) {
				cache?.delete(id);
				const observers = this.#recordObservers.get(`${kind}\u0000${id}`);
				if (observers?.size) {
					const r = isKind(kind) ? this.get(kind, id) : undefined;
					for (const fn of observers) fn(r);
				}
			}
			for (const fn of this.#kindObservers.get(kind) ?? []) fn(ids);
		}
	}
}
