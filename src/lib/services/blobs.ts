// Photos and signed scans: content-addressed by SHA-256 and kept on the device (Dexie) until
// the relay holds them. The visit records only the hash, so adding the same photo twice is
// one photo and the document stays small.
import type { BangfuDb } from '$lib/local/db';
import { deviceService } from './device.svelte';

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function saveBlob(db: BangfuDb, workspaceId: string, file: Blob): Promise<string> {
	const sha256 = await sha256Hex(await file.arrayBuffer());
	const existing = await db.blobs.get(sha256);
	if (!existing) {
		await db.blobs.put({
			sha256,
			workspaceId,
			type: file.type || 'application/octet-stream',
			size: file.size,
			data: file,
			uploaded: false,
			createdAt: new Date().toISOString()
		});
	}
	return sha256;
}

/** Keeps a photo (or scan) of a workspace on this device; returns its SHA-256. */
export function savePhoto(workspaceId: string, file: Blob): Promise<string> {
	return saveBlob(deviceService.db, workspaceId, file);
}
