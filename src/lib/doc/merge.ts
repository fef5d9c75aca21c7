import { SEP } from './layout';

/** JSON as stored in the document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A record's current value: its base with every patch applied, shortest path first so a
 * field patch lands inside an item added by a shorter patch. A null patch unsets the path;
 * patches under a removed list item are ignored, so a concurrent edit cannot resurrect a
 * half item. In a keyed list (`keyed`: its field names) an item exists only as added, in the
 * base or by its own patch: an edit under an item that is not there (its addition undone,
 * which leaves no tombstone) is ignored too. Copies only along patched paths: the base object
 * itself is never mutated.
 */
export function applyPatches(
	base: JsonObject,
	patches: Iterable<[key: string, value: Json]>,
	keyed: ReadonlySet<string> = NONE
): JsonObject {
	const sorted = [...patches]
		.map(([key, value]) => ({ path: key.split(SEP).slice(1), value }))
		.sort((a, b) => a.path.length - b.path.length);
	if (sorted.length === 0) return base;
	const root: JsonObject = { ...base };
	const copied = new Set<JsonObject>([root]);
	const removed: string[] = [];
	for (const { path, value } of sorted) {
		const joined = path.join(SEP);
		if (removed.some((r) => joined.startsWith(r + SEP))) continue;
		if (path.length > 2 && keyed.has(path[0] ?? '') && !hasItem(root, path)) continue;
		let cur = root;
		for (let i = 0; i < path.length - 1; i++) {
			const key = path[i] ?? '';
			const next = cur[key];
			const child: JsonObject = isObject(next) ? (copied.has(next) ? next : { ...next }) : {};
			copied.add(child);
			cur[key] = child;
			cur = child;
		}
		const leaf = path.at(-1) ?? '';
		if (value === null) {
			delete cur[leaf];
			if (path.length > 1) removed.push(joined);
		} else cur[leaf] = value;
	}
	return root;
}

const NONE: ReadonlySet<string> = new Set();

/** Is the keyed-list item a path lies under there (placed by the base or a shorter patch)? */
function hasItem(root: JsonObject, path: readonly string[]): boolean {
	const list = root[path[0] ?? ''];
	return isObject(list) && isObject(list[path[1] ?? '']);
}

/** Does `path` lie at or under one of `roots`? Used to report only the issues of an edit. */
export function underAny(
	path: readonly (string | number)[],
	roots: readonly (readonly string[])[]
) {
	return roots.some((root) => root.every((seg, i) => String(path[i]) === seg));
}

/** The smallest single splice turning `from` into `to`, so text merges stay local. */
export function textSplice(from: string, to: string) {
	let start = 0;
	const max = Math.min(from.length, to.length);
	while (start < max && from[start] === to[start]) start++;
	// Never split a surrogate pair (emoji, rare CJK): Y.Text counts UTF-16 units.
	if (start > 0 && isHigh(from.charCodeAt(start - 1))) start--;
	let end = 0;
	while (end < max - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
	if (end > 0 && isLow(from.charCodeAt(from.length - end))) end--;
	return {
		index: start,
		remove: from.length - start - end,
		insert: to.slice(start, to.length - end)
	};
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Deep equality of two JSON values (undefined and null both mean "unset"). */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
	if (a === b) return true;
	if (a === undefined || a === null) return b === undefined || b === null;
	if (typeof a !== 'object' || typeof b !== 'object' || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	const ao = a as { [k: string]: Json };
	const bo = b as { [k: string]: Json };
	return ka.every((k) => sameJson(ao[k], bo[k]));
}
