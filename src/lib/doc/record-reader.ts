import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { KINDS, isKind, validate, type Issue, type Kind, type RecordOf } from '../domain';
import { ChangeRouter, type Touched } from './changes';
import {
	DOC_SCHEMA_VERSION,
	KINDS_REGISTRY,
	META,
	baseName,
	parseVersionKey,
	patchName,
	textName
} from './layout';
import { applyPatches, isObject, type Json, type JsonObject } from './merge';

/** A record as read: valid and typed, or invalid with its issues — never dropped. */
export type ReadResult<K extends Kind = Kind> =
	| { ok: true; kind: K; id: string; record: RecordOf<K>; raw: JsonObject; deleted: boolean }
	| { ok: false; kind: K; id: string; issues: Issue[]; raw: JsonObject; deleted: boolean };

export type WriteResult<T = undefined> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** What a store needs from its family: who writes, the clock, the local origin. */
export interface StoreContext {
	/** Transaction origin of this device's own edits; the undo manager tracks only it. */
	origin: object;
	actor(): string;
	now(): Date;
}

export interface Compat {
	/** 'newer': written by a newer major version; this app reads but does not write. */
	status: 'ok' | 'newer';
	major: number;
	minor: number;
}

/** A new id for a record or a keyed-list item. */
export const newId = () => nanoid(12);

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
	/** Patch keys per record id, per kind: built on first read of a kind, kept by events. */
	readonly #patchIndex = new Map<string, Map<string, Set<string>>>();
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
		let major: number = DOC_SCHEMA_VERSION.major;
		let minor: number = DOC_SCHEMA_VERSION.minor;
		for (const key of this.doc.getMap(META).keys()) {
			const v = parseVersionKey(key);
			if (v && (v.major > major || (v.major === major && v.minor > minor))) ({ major, minor } = v);
		}
		return { status: major > DOC_SCHEMA_VERSION.major ? 'newer' : 'ok', major, minor };
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
		const deleted = typeof raw['deletedAt'] === 'string';
		const parsed = validate(KINDS[kind].schema, raw);
		const result: ReadResult<K> = parsed.ok
			? { ok: true, kind, id, record: parsed.data as RecordOf<K>, raw, deleted }
			: { ok: false, kind, id, issues: parsed.issues, raw, deleted };
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

	/** The merged JSON of any record, known kind or not (unknown kinds are shown raw). */
	raw(kind: string, id: string): JsonObject | undefined {
		const base = decodeBase(this.doc.getMap<Json>(baseName(kind)).get(id));
		const patches = this.#patchesOf(kind, id);
		if (!base && patches.length === 0) return undefined;
		let raw = applyPatches(base ?? { id }, patches);
		const texts: readonly string[] = isKind(kind) ? KINDS[kind].texts : [];
		for (const field of texts) {
			const name = textName(kind, id, field);
			if (!this.doc.share.has(name)) continue;
			if (raw === base) raw = { ...raw };
			raw[field] = this.doc.getText(name).toString();
		}
		return raw;
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

	#patchesOf(kind: string, id: string): [string, Json][] {
		const map = this.doc.getMap<Json>(patchName(kind));
		let index = this.#patchIndex.get(kind);
		if (!index) {
			index = new Map();
			for (const key of map.keys()) addTo(index, key);
			this.#patchIndex.set(kind, index);
		}
		const keys = index.get(id);
		if (!keys) return [];
		const out: [string, Json][] = [];
		for (const key of keys) {
			const value = map.get(key);
			if (value !== undefined) out.push([key, value]);
		}
		return out;
	}

	#onChange(touched: Touched) {
		for (const [kind, { ids, patchKeys }] of touched) {
			const index = this.#patchIndex.get(kind);
			if (index) {
				const map = this.doc.getMap<Json>(patchName(kind));
				for (const key of patchKeys) {
					if (map.has(key)) addTo(index, key);
					else index.get(key.slice(0, key.indexOf('/')))?.delete(key);
				}
			}
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

/**
 * Bases are stored as JSON text: Yjs decodes a string far faster than its own encoding of a
 * nested object, and we parse a record only when someone reads it. An object base (written
 * by hand or a future version) is read as is.
 */
export function decodeBase(stored: Json | undefined): JsonObject | undefined {
	if (typeof stored === 'string') {
		try {
			const parsed: unknown = JSON.parse(stored);
			return isObject(parsed) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}
	return isObject(stored) ? stored : undefined;
}

function addTo(index: Map<string, Set<string>>, key: string) {
	const id = key.slice(0, key.indexOf('/'));
	let set = index.get(id);
	if (!set) index.set(id, (set = new Set()));
	set.add(key);
}
