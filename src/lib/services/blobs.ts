// Photos and signed scans: content-addressed by SHA-256 and kept on the device (Dexie) until
// the relay holds them. The visit records only the hash, so adding the same photo twice is
// one photo and the document stays small. See photos.ts (compression, fetch, cache) and
// photos-queue.ts (upload).
import type { BangfuDb } from '$lib/local/db';
import { deviceService } from './device.svelte';
import { addPhoto, sha256Hex } from './photos';

export { sha256Hex };

/** Compresses (photos) and stores a file taken on this device; returns its hash. */
export async function saveBlob(db: BangfuDb, workspaceId: string, file: File): Promise<string> {
	return (await addPhoto(db, workspaceId, file)).sha256;
}

/** Keeps a photo (or scan) of a workspace on this device (compressed); returns its SHA-256. */
export function savePhoto(workspaceId: string, file: File): Promise<string> {
	return saveBlob(deviceService.db, workspaceId, file);
}
