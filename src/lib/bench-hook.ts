// Bench-only hook (docs/benchmarks.md, "The app hook"): the root layout imports this module
// dynamically, and only when localStorage['bangfu:bench'] === '1', so it is a chunk of its
// own that no user ever downloads and the shell's first-load JS does not grow.
//
// It stores a workspace on this device exactly as the app finds one it has created or
// joined: a row in Dexie's `workspaces` table (written by deviceService, the app's own
// service) and one y-indexeddb database per document, written by the app's own
// `persistDoc`. The documents arrive as Yjs updates built in Node by the shared factories
// (tests/factories): building the county data set in the page takes ~19 s unthrottled and
// would pull the factories and faker into the app build; what lands in IndexedDB is the same
// either way (y-indexeddb stores the full state as one entry, as after a compaction).
import * as Y from 'yjs';
import { resolve } from '$app/paths';
import { docDbName, persistDoc } from '$lib/local/persistence';
import { deviceService } from '$lib/services/device.svelte';
import type { WorkspaceKind } from '$lib/local/db';

export interface BenchWorkspace {
	id: string;
	name: string;
	kind: WorkspaceKind;
	/** One entry per document of the family: 'main' and shards such as 'visits-2025'. */
	docs: { name: string; update: string /* base64 of Y.encodeStateAsUpdate */ }[];
}

export interface BangfuBench {
	/** Stores the workspace on this device (replacing any earlier copy) and resolves with
	 * the route of its list (students for a school, households otherwise). */
	seedWorkspace(ws: BenchWorkspace): Promise<{ workspaceId: string; listPath: string }>;
}

declare global {
	interface Window {
		__bangfuBench?: BangfuBench;
	}
}

function fromBase64(b64: string): Uint8Array {
	const bin = atob(b64);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

/** Entries in a document database's update log, read in a transaction of its own: it can
 * only run once the writes queued before it have committed. */
function storedEntries(name: string): Promise<number> {
	return new Promise((res, rej) => {
		const open = indexedDB.open(name);
		open.onerror = () => rej(open.error);
		open.onsuccess = () => {
			const db = open.result;
			const req = db.transaction('updates', 'readonly').objectStore('updates').count();
			req.onsuccess = () => {
				db.close();
				res(req.result);
			};
			req.onerror = () => rej(req.error);
		};
	});
}

function deleteDb(name: string): Promise<void> {
	return new Promise((res, rej) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => res();
		req.onerror = () => rej(req.error);
	});
}

async function seedWorkspace(ws: BenchWorkspace) {
	for (const d of ws.docs) {
		// A second seed into the same profile must not append to the first one's log.
		await deleteDb(docDbName(ws.id, d.name));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, fromBase64(d.update));
		// y-indexeddb writes the doc's full state as one entry when it opens a database.
		const persisted = await persistDoc(ws.id, d.name, doc);
		await persisted.destroy();
		doc.destroy();
		const entries = await storedEntries(docDbName(ws.id, d.name));
		if (entries !== 1) throw new Error(`${d.name}: ${entries} stored entries, expected 1`);
	}
	await deviceService.addJoined({ id: ws.id, name: ws.name, kind: ws.kind, role: 'owner' });
	const listPath =
		ws.kind === 'school'
			? resolve('/w/[id]/students', { id: ws.id })
			: resolve('/w/[id]/households', { id: ws.id });
	return { workspaceId: ws.id, listPath };
}

export function install(): void {
	window.__bangfuBench = { seedWorkspace };
}
