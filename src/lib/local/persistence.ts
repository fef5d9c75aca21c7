// Each document of a workspace family is kept in its own y-indexeddb database. y-indexeddb
// appends every update as it happens (a keystroke is queued in IndexedDB in the same task,
// before the next frame) and only merges them after 500 updates; a document opened often
// keeps its small entries, so we compact after opening when the log has grown, in idle time,
// to keep both the database size and the next open's work bounded.
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

/** Compact when the update log holds more entries than this after opening. */
export const COMPACT_AFTER_ENTRIES = 50;

export function docDbName(workspaceId: string, docName: string): string {
	return `bangfu-doc-${workspaceId}-${docName}`;
}

export interface PersistedDoc {
	persistence: IndexeddbPersistence;
	destroy(): Promise<void>;
}

/** y-indexeddb keeps its entry count in a private field and offers no accessor. */
const storedEntries = (p: IndexeddbPersistence) => (p as unknown as { _dbsize: number })._dbsize;

export async function persistDoc(
	workspaceId: string,
	docName: string,
	doc: Y.Doc
): Promise<PersistedDoc> {
	const persistence = new IndexeddbPersistence(docDbName(workspaceId, docName), doc);
	await persistence.whenSynced;
	// The count is updated just after 'synced'; by idle time it is there.
	whenIdle(() => {
		if (storedEntries(persistence) > COMPACT_AFTER_ENTRIES) void compact(persistence);
	});
	return { persistence, destroy: () => persistence.destroy() };
}

/** Replaces the update log by one merged state. Safe at any time: it runs in one transaction. */
export async function compact(persistence: IndexeddbPersistence): Promise<void> {
	await storeState(persistence, true);
}

function whenIdle(fn: () => void): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 5_000 });
	else setTimeout(fn, 1_000);
}
