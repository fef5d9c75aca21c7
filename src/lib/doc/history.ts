import type * as Y from 'yjs';
import { SEP } from './layout';
import { isObject, sameJson, type Json, type JsonObject } from './merge';

/**
 * Who changed which field when, kept in the document itself (so it is there offline and on
 * every device): one entry per burst of edits by one person on one record, under a key only
 * this session writes (`<id>/<clientID>.<n>`), so entries never collide or merge away.
 * Values are kept for short fields (an earlier one can be restored); long texts record only
 * that they were edited (their characters merge and have no "earlier value" of their own).
 */

/** Edits by one person on one record within this window are one entry. */
export const BURST_MS = 60_000;

/** Stamps are bookkeeping, not changes a person made. */
const UNRECORDED = new Set(['updatedAt', 'updatedBy']);

export interface HistoryField {
	path: string[];
	/** The value written; undefined when the field was cleared, or for a long text. */
	value: Json | undefined;
	text?: boolean;
}

export interface HistoryEntry {
	key: string;
	/** The Yjs client that wrote it (ties an entry to the items of the same writes). */
	client: number;
	at: string;
	by: string;
	action: 'edit' | 'delete' | 'restore';
	fields: HistoryField[];
}

interface Stored extends JsonObject {
	at: string;
	by: string;
	set: JsonObject;
	texts: string[];
}

/** Writes this session's entries; one per record and burst. */
export class HistoryWriter {
	#n = 0;
	readonly #last = new Map<string, { key: string; by: string; at: number }>();

	/** Call inside the write's transaction. `set`: record-relative paths and their values. */
	record(
		map: Y.Map<Json>,
		client: number,
		id: string,
		by: string,
		now: Date,
		set: [path: string[], value: Json][],
		texts: string[] = []
	) {
		const recorded = set.filter(([path]) => !(path.length === 1 && UNRECORDED.has(path[0] ?? '')));
		if (recorded.length === 0 && texts.length === 0) return;
		const last = this.#last.get(id);
		const previous = last && map.get(last.key);
		const fresh =
			!last || last.by !== by || now.getTime() - last.at >= BURST_MS || !isStored(previous);
		const key = fresh ? `${id}${SEP}${client}.${++this.#n}` : last.key;
		const entry: Stored = fresh
			? { at: '', by, set: {}, texts: [] }
			: { ...(previous as Stored), set: { ...(previous as Stored).set } };
		entry.at = now.toISOString();
		for (const [path, value] of recorded) entry.set[path.join(SEP)] = value;
		entry.texts = [...new Set([...entry.texts, ...texts])];
		map.set(key, entry);
		this.#last.set(id, { key, by, at: fresh ? now.getTime() : (last?.at ?? now.getTime()) });
	}

	/** Someone else wrote to the record: this session's next edit starts a new entry. */
	forget(id: string) {
		this.#last.delete(id);
	}
}

function isStored(v: unknown): v is Stored {
	return (
		isObject(v) &&
		typeof v['at'] === 'string' &&
		typeof v['by'] === 'string' &&
		isObject(v['set']) &&
		Array.isArray(v['texts'])
	);
}

/** Entries of one record, oldest first (entries a newer version wrote oddly are skipped). */
export function readHistory(map: Y.Map<Json>, keys: Iterable<string> | undefined): HistoryEntry[] {
	const out: HistoryEntry[] = [];
	for (const key of keys ?? []) {
		const v = map.get(key);
		if (!isStored(v)) continue;
		const client = Number(/\/(\d+)\.\d+$/.exec(key)?.[1] ?? NaN);
		const set = Object.entries(v.set);
		const deleted = set.find(([k]) => k === 'deletedAt')?.[1];
		const action =
			deleted === undefined ? 'edit' : typeof deleted === 'string' ? 'delete' : 'restore';
		const fields: HistoryField[] = set
			.filter(([k]) => k !== 'deletedAt' && k !== 'deletedBy')
			.map(([k, value]) => ({ path: k.split(SEP), value: value === null ? undefined : value }));
		for (const t of v.texts)
			if (typeof t === 'string') fields.push({ path: [t], value: undefined, text: true });
		out.push({ key, client, at: v.at, by: v.by, action, fields });
	}
	return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * Has a session other than `client` written to the record (or, with `under`, to that path
 * or below it: one list item)? Undo never hides such work (family-undo.ts, undo-filter.ts).
 */
export function editedByOthers(
	entries: readonly HistoryEntry[],
	client: number,
	under: readonly string[] = []
): boolean {
	return entries.some(
		(e) =>
			e.client !== client &&
			(under.length === 0 || e.fields.some((f) => under.every((seg, i) => f.path[i] === seg)))
	);
}

/** The value at a record-relative path, undefined when unset. */
export function valueAt(record: JsonObject, path: readonly string[]): Json | undefined {
	let cur: Json | undefined = record;
	for (const seg of path) cur = isObject(cur) ? cur[seg] : undefined;
	return cur;
}

/** Does every value this entry wrote still stand in the record? (Texts always stand.) */
export function stands(entry: HistoryEntry, record: JsonObject): boolean {
	return entry.fields.every((f) => f.text || sameJson(valueAt(record, f.path), f.value));
}

/** The latest entry of `client` that wrote `value` at `path`: who wrote it and when. */
export function authorOf(
	entries: readonly HistoryEntry[],
	client: number,
	path: readonly string[],
	value: Json | undefined
): { by: string; at: string } | undefined {
	const joined = path.join(SEP);
	for (let i = entries.length - 1; i >= 0; i--) {
		const e = entries[i];
		if (!e || e.client !== client) continue;
		const f = e.fields.find((x) => !x.text && x.path.join(SEP) === joined);
		if (f && sameJson(f.value, value)) return { by: e.by, at: e.at };
	}
	return undefined;
}

/** Who wrote the latest entry whose values all still stand (for updatedBy/updatedAt). */
export function latestStanding(
	map: Y.Map<Json>,
	keys: Iterable<string>,
	record: JsonObject
): { by: string; at: string } | undefined {
	let best: { by: string; at: string; key: string } | undefined;
	for (const key of keys) {
		const v = map.get(key);
		if (!isStored(v)) continue;
		// Ties broken by key, so every replica picks the same entry whatever its key order.
		if (best && (v.at < best.at || (v.at === best.at && key < best.key))) continue;
		const standing = Object.entries(v.set).every(([k, value]) =>
			sameJson(valueAt(record, k.split(SEP)), value)
		);
		if (standing) best = { by: v.by, at: v.at, key };
	}
	return best && { by: best.by, at: best.at };
}
