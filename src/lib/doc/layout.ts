/**
 * The Yjs layout, in one place. See docs/decisions/0001-document-layout.md for why.
 *
 * Every document of a workspace family (the main doc and each shard) has the same shape:
 *
 * | root name              | type   | holds                                                   |
 * |------------------------|--------|---------------------------------------------------------|
 * | `meta`                 | Y.Map  | `v:<major>.<minor>` -> true for every version that wrote |
 * | `kinds`                | Y.Map  | kind name -> true, so an older app can find newer kinds  |
 * | `r:<kind>`             | Y.Map  | record id -> the record as created (JSON text, frozen)   |
 * | `p:<kind>`             | Y.Map  | `<id>/<path…>` -> JSON value (null = unset/removed)     |
 * | `t:<kind>:<id>:<field>`| Y.Text | one long-text field of one record, created on first use  |
 * | `h:<kind>`             | Y.Map  | `<id>/<clientID>.<n>` -> one burst of edits: who, when, values |
 * | `x:<kind>`             | Y.Map  | `<id>/<path…>@<client>.<clock>` -> a value that lost a merge |
 * | `s:lastVisit` (main)   | Y.Map  | `<subjectId>/<clientId>` -> last visit date (summary)    |
 *
 * A record is its base JSON with its patches applied, shortest path first: edits of different
 * fields (or list items, or flags) are different keys, so they merge; the same field is
 * last-writer-wins as in any Y.Map. Root types are merged by name, so a text or a patch key
 * that two people create offline is one and the same: nothing nested is ever created lazily.
 */

/** Bump major when an older app could misread the layout; minor for additive changes. */
export const DOC_SCHEMA_VERSION = { major: 1, minor: 0 } as const;

export const META = 'meta';
export const KINDS_REGISTRY = 'kinds';
export const LAST_VISIT = 's:lastVisit';
export const MAIN_DOC = 'main';

export const baseName = (kind: string) => `r:${kind}`;
export const patchName = (kind: string) => `p:${kind}`;
export const textName = (kind: string, id: string, field: string) => `t:${kind}:${id}:${field}`;
/** Who changed which field when: one entry per burst of edits (history.ts). */
export const historyName = (kind: string) => `h:${kind}`;
/** Values that lost a same-field merge, kept until a person picks one (conflicts.ts). */
export const conflictName = (kind: string) => `x:${kind}`;

/** Path separator inside patch keys; ids and field names never contain it. */
export const SEP = '/';

export const patchKey = (id: string, path: readonly string[]) => [id, ...path].join(SEP);

/** Which root type a name is, so change events can be routed to records. */
export type RootRef =
	| { type: 'base' | 'patch' | 'history' | 'conflict'; kind: string }
	| { type: 'text'; kind: string; id: string; field: string }
	| { type: 'other' };

export function parseRootName(name: string): RootRef {
	if (name.startsWith('r:')) return { type: 'base', kind: name.slice(2) };
	if (name.startsWith('p:')) return { type: 'patch', kind: name.slice(2) };
	if (name.startsWith('h:')) return { type: 'history', kind: name.slice(2) };
	if (name.startsWith('x:')) return { type: 'conflict', kind: name.slice(2) };
	if (name.startsWith('t:')) {
		const [, kind, id, field] = name.split(':');
		if (kind && id && field) return { type: 'text', kind, id, field };
	}
	return { type: 'other' };
}

/** Shard names are relay room suffixes: `<workspaceId>/<shard>`. */
export const SHARD_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isShardName(name: string): boolean {
	return SHARD_NAME.test(name) && name !== MAIN_DOC;
}

/** The relay room of a document of the family. */
export function roomName(workspaceId: string, docName: string): string {
	return docName === MAIN_DOC ? workspaceId : `${workspaceId}/${docName}`;
}

export const versionKey = (v: { major: number; minor: number }) => `v:${v.major}.${v.minor}`;

export function parseVersionKey(key: string): { major: number; minor: number } | undefined {
	const m = /^v:(\d+)\.(\d+)$/.exec(key);
	return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}
