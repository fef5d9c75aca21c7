import * as Y from 'yjs';
import { META_FIELDS } from '../domain';
import { SEP, parseRootName, conflictName } from './layout';
import { isObject, sameJson, type Json, type JsonObject } from './merge';
import { authorOf, valueAt, type HistoryEntry } from './history';

/**
 * Values that lost a same-field merge. A patch key is last-writer-wins, so when two devices
 * set one field while apart, one value disappears from the document. Yjs tells which writes
 * were concurrent: a map item's `origin` is the item its writer saw last, so any item between
 * the winner's origin and the winner was written without seeing it. Every device that sees a
 * value replaced that way writes it down under a key made of the lost item's id, so devices
 * that notice the same loss write the same entry and it merges into one. An entry stays until
 * a person picks a value (`resolve`), whatever later edits do.
 */

export interface Conflict {
	key: string;
	path: string[];
	/** The value that lost (undefined: the loser had cleared the field). */
	value: Json | undefined;
	by?: string;
	at?: string;
	/** The value standing now, which a person compares with `value`. */
	current: Json | undefined;
}

/** Writes made on noticing a loss: not this person's edit, so never an undo step. */
export const CONFLICT_ORIGIN = { conflicts: true };

const SKIP: ReadonlySet<string> = new Set(META_FIELDS);

export interface MergeReport {
	kind: string;
	id: string;
	/** Top-level fields another device changed in this record. */
	fields: string[];
	/** Open conflicts of the record after this merge. */
	conflicts: number;
}

interface Lost {
	kind: string;
	id: string;
	path: string[];
	key: string;
	value: Json;
	client: number;
	winner: number;
}

/**
 * Items of `key` that lost in this transaction: deleted by it, with an item to their right
 * (a write placed after them, not a plain delete such as undoing a first write) and no item
 * written on top of them (nobody who saw them replaced them).
 */
function lostItems(map: Y.Map<Json>, key: string, tr: Y.Transaction): Y.Item[] {
	const last = map._map.get(key);
	if (!last) return [];
	const successors = new Set<string>();
	const candidates: Y.Item[] = [];
	for (let x: Y.Item | null = last; x; x = x.left) {
		if (x.origin) successors.add(`${x.origin.client}.${x.origin.clock}`);
		if (
			x !== last &&
			x.deleted &&
			x.content instanceof Y.ContentAny &&
			Y.isDeleted(tr.deleteSet, x.id)
		)
			candidates.push(x);
	}
	return candidates.filter((x) => !successors.has(`${x.lastId.client}.${x.lastId.clock}`));
}

export interface ConflictHost {
	doc: Y.Doc;
	localOrigin: object;
	canWrite(): boolean;
	historyOf(kind: string, id: string): HistoryEntry[];
	rawOf(kind: string, id: string): JsonObject | undefined;
	conflictsOf(kind: string, id: string): Conflict[];
}

/** Watches a document for lost values and merges; returns a stop function. */
export function watchConflicts(
	host: ConflictHost,
	onMerge: (reports: MergeReport[]) => void
): () => void {
	const names = new WeakMap<object, string>();
	const nameOf = (type: object) => {
		if (!names.has(type)) for (const [k, t] of host.doc.share) names.set(t, k);
		return names.get(type);
	};
	const onTransaction = (tr: Y.Transaction) => {
		// Local writes (edits, undo) never lose a value: each item's origin is the one it replaced.
		if (tr.local || tr.origin === host.localOrigin || tr.origin === CONFLICT_ORIGIN) return;
		const lost: Lost[] = [];
		const merged = new Map<string, { kind: string; id: string; fields: Set<string> }>();
		for (const [type, keys] of tr.changed) {
			if (type._item !== null) continue;
			const name = nameOf(type);
			const ref = name === undefined ? undefined : parseRootName(name);
			if (!ref || (ref.type !== 'patch' && ref.type !== 'text')) continue;
			if (ref.type === 'text') {
				noteField(merged, ref.kind, ref.id, ref.field);
				continue;
			}
			// A root type a remote update created is a bare AbstractType until someone asks for it.
			const map = host.doc.getMap<Json>(name ?? '');
			for (const key of keys) {
				if (key === null) continue;
				const [id = '', ...path] = key.split(SEP);
				if (path.length === 0) continue;
				if (!(path.length === 1 && SKIP.has(path[0] ?? '')))
					noteField(merged, ref.kind, id, path[0] ?? '');
				if (path.length === 1 && SKIP.has(path[0] ?? '')) continue;
				const current = map._map.get(key);
				for (const item of lostItems(map, key, tr)) {
					const value = (item.content as Y.ContentAny).getContent()[0] as Json;
					if (sameJson(value, map.get(key))) continue;
					lost.push({
						kind: ref.kind,
						id,
						path,
						key: `${key}@${item.id.client}.${item.id.clock}`,
						value,
						client: item.id.client,
						winner: current?.id.client ?? -1
					});
				}
			}
		}
		if (lost.length > 0 && host.canWrite()) {
			host.doc.transact(() => {
				for (const l of lost) {
					const entries = host.historyOf(l.kind, l.id);
					const lostValue = l.value === null ? undefined : l.value;
					const who = authorOf(entries, l.client, l.path, lostValue);
					const entry: JsonObject = { path: l.path, value: l.value };
					if (who) Object.assign(entry, who);
					host.doc.getMap<Json>(conflictName(l.kind)).set(l.key, entry);
				}
			}, CONFLICT_ORIGIN);
		}
		if (merged.size > 0)
			onMerge(
				[...merged.values()].map(({ kind, id, fields }) => ({
					kind,
					id,
					fields: [...fields],
					conflicts: host.conflictsOf(kind, id).length
				}))
			);
	};
	host.doc.on('afterTransaction', onTransaction);
	return () => host.doc.off('afterTransaction', onTransaction);
}

function noteField(
	merged: Map<string, { kind: string; id: string; fields: Set<string> }>,
	kind: string,
	id: string,
	field: string
) {
	const k = `${kind}${SEP}${id}`;
	let e = merged.get(k);
	if (!e) merged.set(k, (e = { kind, id, fields: new Set() }));
	if (field) e.fields.add(field);
}

/** Open conflicts of one record: entries not resolved whose value differs from the current. */
export function readConflicts(
	map: Y.Map<Json>,
	keys: Iterable<string> | undefined,
	record: JsonObject | undefined
): Conflict[] {
	const out: Conflict[] = [];
	for (const key of keys ?? []) {
		const v = map.get(key);
		if (!isObject(v) || !Array.isArray(v['path'])) continue;
		const path = v['path'].filter((s): s is string => typeof s === 'string');
		const value = v['value'] === null ? undefined : v['value'];
		const current = record ? valueAt(record, path) : undefined;
		if (sameJson(value, current)) continue;
		const c: Conflict = { key, path, value, current };
		if (typeof v['by'] === 'string') c.by = v['by'];
		if (typeof v['at'] === 'string') c.at = v['at'];
		out.push(c);
	}
	return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}
