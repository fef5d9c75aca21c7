import type { DraftOf, Kind } from '../../src/lib/domain';

export type Entry<K extends Kind> = { id: string; draft: DraftOf<K> };

/** A generated workspace: drafts with fixed ids, per kind, ready for `populateWorkspace`. */
export interface Dataset {
	name: string;
	workspaceId: string;
	/** The member id stamped as createdBy/updatedBy when written. */
	actor: string;
	/** Clock used for createdAt/updatedAt, so a seed always gives the same document. */
	writtenAt: string;
	years: number[];
	records: { [K in Kind]?: Entry<K>[] };
}

export function push<K extends Kind>(ds: Dataset, kind: K, id: string, draft: DraftOf<K>) {
	// The mapped type cannot be narrowed by K; each list only ever receives its own kind.
	const list = (ds.records[kind] ??= []) as Entry<K>[];
	list.push({ id, draft });
}

export function count(ds: Dataset, kind: Kind): number {
	return ds.records[kind]?.length ?? 0;
}
