// Each document of a workspace family is kept in its own y-indexeddb database. y-indexeddb
// appends every update as it happens (a keystroke is queued in IndexedDB in the same task,
// before the next frame) and only merges them after 500 updates; a document opened often
// keeps its small entries, so we compact after opening when the log has grown, in idle time,
// to keep both the database size and the next open's work bounded.
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
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

/** y-indexeddb's private fields we rely on (pinned version 9.0.12). */
type Internals = {
	_dbsize: number;
	_storeUpdate: (update: Uint8Array, origin: unknown) => void;
};
const internals = (p: IndexeddbPersistence) => p as unknown as Internals;
const storedEntries = (p: IndexeddbPersistence) => internals(p)._dbsize;

/**
 * Replaces y-indexeddb's per-update writer by one that asks IndexedDB to commit at once.
 * Left to auto-commit, a transaction needs one more round trip from the page after its
 * request succeeds, and a tab closed in that gap loses the last keystrokes (our e2e test
 * caught it). Everything else is y-indexeddb's own behaviour: skip its own loads, count
 * entries, merge the log once it reaches PREFERRED_TRIM_SIZE.
 *
 * The writer listens from the moment the stored state is applied ('synced'), not before:
 * while a document has any 'update' listener, Yjs encodes every transaction applied to it,
 * the load included, and encoding looks up each root type's name by scanning all of them
 * (Yjs's findRootTypeKey) — a visit shard has one root text per visit (~24,000 a year), so
 * loading it took ~3.5 s of CPU in node (0.2 s without a listener) and ~27–29 s of main
 * thread at 4× in Chromium, for an update the writer then skipped as its own load. Nothing is
 * missed: y-indexeddb stores the whole state just before it applies the log, and a change
 * someone else made to the document before the load ended is kept by storing the whole state
 * once more.
 */
async function commitEachUpdate(
	persistence: IndexeddbPersistence,
	doc: Y.Doc,
	skip: (origin: unknown) => boolean
) {
	doc.off('update', internals(persistence)._storeUpdate);
	let early = false;
	const mark = (tr: Y.Transaction) => void (tr.origin !== persistence && (early = true));
	doc.on('afterTransaction', mark);
	await persistence.whenSynced;
	doc.off('afterTransaction', mark);
	if (early) await storeState(persistence, false);
	let trim: ReturnType<typeof setTimeout> | undefined;
	const store = (update: Uint8Array, origin: unknown) => {
		const db = persistence.db;
		// Before the database is open, y-indexeddb stores the whole state once it is.
		if (!db || origin === persistence || skip(origin)) return;
		const tx = db.transaction(['updates'], 'readwrite');
		tx.objectStore('updates').add(update);
		tx.commit();
		if (++internals(persistence)._dbsize >= PREFERRED_TRIM_SIZE) {
			if (trim !== undefined) clearTimeout(trim);
			trim = setTimeout(() => void storeState(persistence, false), 1_000);
		}
	};
	doc.on('update', store);
	return () => {
		doc.off('update', store);
		if (trim !== undefined) clearTimeout(trim);
	};
}

/**
 * Keeps `doc` in its database. Several instances may hold one database at once (two tabs, the
 * page and the rules' worker): each appends its own updates and a compaction merges every
 * stored entry in one transaction, as y-indexeddb does across tabs. `skip` names updates
 * another instance has already stored (the rules' worker skips what the page forwards).
 */
export async function persistDoc(
	workspaceId: string,
	docName: string,
	doc: Y.Doc,
	skip: (origin: unknown) => boolean = () => false
): Promise<PersistedDoc> {
	const persistence = new IndexeddbPersistence(docDbName(workspaceId, docName), doc);
	const stopWriting = await commitEachUpdate(persistence, doc, skip);
	// The count is updated just after 'synced'; by idle time it is there.
	whenIdle(() => {
		if (storedEntries(persistence) > COMPACT_AFTER_ENTRIES) void compact(persistence);
	});
	return {
		persistence,
		destroy: () => {
			stopWriting();
			return persistence.destroy();
		}
	};
}

/** Replaces the update log by one merged state. Safe at any time: it runs in one transaction. */
export async function compact(persistence: IndexeddbPersistence): Promise<void> {
	await storeState(persistence, true);
}

function whenIdle(fn: () => void): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 5_000 });
	else setTimeout(fn, 1_000);
}

/**
 * The documents of a workspace this device holds (main and every shard it ever opened), from
 * IndexedDB's list of databases. Browsers without `indexedDB.databases()` answer `undefined`:
 * the caller then falls back on the shards it knows of.
 */
export async function storedDocNames(workspaceId: string): Promise<string[] | undefined> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function')
		return undefined;
	const prefix = docDbName(workspaceId, '');
	const dbs = await indexedDB.databases();
	return dbs.flatMap((d) => (d.name?.startsWith(prefix) ? [d.name.slice(prefix.length)] : []));
}

/** Deletes one document's database (its connections must be closed, or this waits for them). */
export function deleteDocDb(workspaceId: string, docName: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(docDbName(workspaceId, docName));
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error('deleteDatabase failed'));
	});
}
