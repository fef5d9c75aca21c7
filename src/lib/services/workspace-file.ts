// The workspace file on the device (backup/format.ts is the format): export every document of
// the family this device holds and its photos into one file; import one by a Yjs merge, into
// the open workspace or as a workspace new to this device. Framework-free.
import * as Y from 'yjs';
import { MAIN_DOC, type RecordStore } from '$lib/doc';
import {
	backupFileName,
	encodeBackup,
	mergeDocument,
	readBackup,
	type BackupContent,
	type BackupFile,
	type BackupRefusal
} from '$lib/backup/format';
import type { BangfuDb, BlobRow } from '$lib/local/db';
import { persistDoc, storedDocNames } from '$lib/local/persistence';
import type { WorkspaceRuntime } from './workspace-runtime';

/**
 * Photos beyond this many bytes are left out (the file is one JSON string in the phone's
 * memory, a third larger than the photos in base64). Photos that have not reached the relay
 * are always in: this device may be the only place they exist.
 */
export const PHOTO_BYTES_IN_FILE = 60 * 1024 * 1024;

/** Transaction origin of imported updates: not this device's edit (no undo), sent to the relay. */
export const IMPORT_ORIGIN = { import: true } as const;

export interface ExportedFile {
	text: string;
	fileName: string;
	documents: number;
	photos: number;
	photosLeftOut: number;
}

/** Every document of the family this device holds, opened (the main one first). */
export async function openEveryDocument(runtime: WorkspaceRuntime): Promise<RecordStore[]> {
	const docs = runtime.docs;
	const stored = (await storedDocNames(runtime.info.id).catch(() => undefined)) ?? [];
	const names = new Set([...stored, ...docs.shards.keys()]);
	names.delete(MAIN_DOC);
	for (const name of [...names].sort()) await docs.shard(name).catch(() => undefined);
	return docs.stores();
}

export async function exportWorkspace(
	runtime: WorkspaceRuntime,
	db: BangfuDb,
	now = new Date()
): Promise<ExportedFile> {
	const stores = await openEveryDocument(runtime);
	const rows = await db.blobs.where('workspaceId').equals(runtime.info.id).toArray();
	const { photos, leftOut } = await photosForFile(rows);
	const content: BackupContent = {
		workspace: { id: runtime.info.id, kind: runtime.info.kind, name: runtime.info.name },
		exportedAt: now,
		exportedBy: { actor: runtime.actor(), role: runtime.info.role },
		documents: stores.map((s) => ({ name: s.name, update: Y.encodeStateAsUpdate(s.doc) })),
		photos,
		photosLeftOut: leftOut
	};
	return {
		text: await encodeBackup(content),
		fileName: backupFileName(runtime.info.name, now.toISOString().slice(0, 10)),
		documents: stores.length,
		photos: photos.length,
		photosLeftOut: leftOut
	};
}

async function photosForFile(rows: BlobRow[]) {
	const mustKeep = (r: BlobRow) => r.state === 'pending' || r.state === 'refused';
	const ordered = [...rows.filter(mustKeep), ...rows.filter((r) => !mustKeep(r))];
	const photos: BackupContent['photos'] = [];
	let bytes = 0;
	let leftOut = 0;
	for (const r of ordered) {
		if (!mustKeep(r) && bytes + r.size > PHOTO_BYTES_IN_FILE) {
			leftOut++;
			continue;
		}
		bytes += r.size;
		photos.push({
			sha256: r.sha256,
			type: r.type,
			size: r.size,
			state: r.state,
			createdAt: r.createdAt,
			bytes: new Uint8Array(await r.data.arrayBuffer())
		});
	}
	return { photos, leftOut };
}

export type ImportResult =
	| { ok: true; documentsChanged: number; photosAdded: number; file: BackupFile }
	| { ok: false; refusal: BackupRefusal | 'read_only' };

/**
 * Merges a file into the open workspace: checked whole first (a refused file changes
 * nothing), then each document merged (shards opened as needed) and missing photos stored.
 */
export async function importIntoRuntime(
	runtime: WorkspaceRuntime,
	db: BangfuDb,
	text: string
): Promise<ImportResult> {
	if (runtime.info.role === 'viewer') return { ok: false, refusal: 'read_only' };
	const read = await readBackup(text, runtime.info.id);
	if (!read.ok) return read;
	let documentsChanged = 0;
	for (const d of read.file.documents) {
		const store = d.name === MAIN_DOC ? runtime.docs.main : await runtime.docs.shard(d.name);
		if (mergeDocument(store.doc, d.update, IMPORT_ORIGIN)) documentsChanged++;
	}
	const photosAdded = await storePhotos(db, runtime.info.id, read.file);
	return { ok: true, documentsChanged, photosAdded, file: read.file };
}

/**
 * A workspace this device does not have: its documents written to the device as they are in
 * the file (merged with anything stored under the same names), then its photos. The caller
 * adds the workspace to the device's list afterwards, so it never lists a half-written copy.
 */
export async function storeAsNew(db: BangfuDb, file: BackupFile): Promise<number> {
	for (const d of file.documents) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, d.update);
		// y-indexeddb stores the doc's whole state when it opens the database.
		const persisted = await persistDoc(file.workspace.id, d.name, doc);
		await persisted.destroy();
		doc.destroy();
	}
	return storePhotos(db, file.workspace.id, file);
}

/** Stores the file's photos this device lacks: waiting ones stay waiting for the relay. */
async function storePhotos(db: BangfuDb, workspaceId: string, file: BackupFile): Promise<number> {
	let added = 0;
	for (const p of file.photos) {
		if (await db.blobs.get(p.sha256)) continue;
		const waiting = p.state === 'pending' || p.state === 'refused';
		await db.blobs.put({
			sha256: p.sha256,
			workspaceId,
			type: p.type,
			size: p.size,
			data: new Blob([p.bytes.slice().buffer], { type: p.type }),
			uploaded: !waiting,
			state: waiting ? 'pending' : 'remote',
			attempts: 0,
			nextAttemptAt: 0,
			createdAt: p.createdAt
		});
		added++;
	}
	return added;
}

export { readBackup };
