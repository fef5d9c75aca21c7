// Photos and signed scans on the device: compressed here (browser-image-compression, loaded
// on demand so the app shell stays small; long side ≈ 1,600 px, which keeps a face and a
// document legible at about a tenth of a phone camera's bytes), addressed by SHA-256 (the
// same photo twice is one photo), stored in Dexie until the relay confirms it, and fetched
// from the relay and cached for members and viewers who did not take it. Framework-free.
import type { BlobRef } from '$lib/domain';
import type { BangfuDb, BlobRow } from '$lib/local/db';
import { blobUrl, type RelayTarget } from './photos-queue';

/** Long side of a stored photo, in pixels. */
export const PHOTO_LONG_SIDE = 1_600;
/** Target size after compression; the library lowers quality until it fits. */
const PHOTO_MAX_MB = 0.8;

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compresses a camera photo; other files (PDF scans, GIFs) and failures are kept as they are. */
export async function compressPhoto(file: File): Promise<Blob> {
	if (!/^image\/(jpeg|png|webp|heic|heif)$/i.test(file.type)) return file;
	try {
		const { default: imageCompression } = await import('browser-image-compression');
		const out = await imageCompression(file, {
			maxWidthOrHeight: PHOTO_LONG_SIDE,
			maxSizeMB: PHOTO_MAX_MB,
			useWebWorker: true,
			fileType: 'image/jpeg',
			initialQuality: 0.8
		});
		return out.size < file.size ? out : file;
	} catch {
		return file; // a photo the browser cannot decode is still the user's photo
	}
}

/** Stores a blob as taken on this device (pending upload); returns its reference. */
export async function storeBlob(db: BangfuDb, workspaceId: string, blob: Blob): Promise<BlobRef> {
	const sha256 = await sha256Hex(await blob.arrayBuffer());
	const type = blob.type || 'application/octet-stream';
	const existing = await db.blobs.get(sha256);
	if (!existing) {
		const row: BlobRow = {
			sha256,
			workspaceId,
			type,
			size: blob.size,
			data: blob,
			uploaded: false,
			state: 'pending',
			attempts: 0,
			nextAttemptAt: 0,
			createdAt: new Date().toISOString()
		};
		await db.blobs.put(row);
	}
	return { sha256, mime: type };
}

/** Compresses and stores a photo taken on this device. */
export async function addPhoto(db: BangfuDb, workspaceId: string, file: File): Promise<BlobRef> {
	return storeBlob(db, workspaceId, await compressPhoto(file));
}

export type PhotoLoad =
	| { ok: true; blob: Blob; state: BlobRow['state'] }
	| { ok: false; reason: 'offline' | 'missing' | 'not_shared' };

/**
 * A photo's bytes: from this device when it has them, else from the relay (then cached here,
 * so it shows offline next time). Bytes from the relay are checked against their hash.
 */
export async function loadPhoto(
	db: BangfuDb,
	workspaceId: string,
	sha256: string,
	target: RelayTarget | undefined,
	fetchFn: typeof fetch = (...a) => fetch(...a)
): Promise<PhotoLoad> {
	const row = await db.blobs.get(sha256);
	if (row) return { ok: true, blob: row.data, state: row.state };
	if (!target) return { ok: false, reason: 'not_shared' };
	let res: Response;
	try {
		res = await fetchFn(blobUrl(target, workspaceId, sha256), {
			headers: { authorization: `Bearer ${target.token}` }
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (!res.ok) return { ok: false, reason: res.status === 404 ? 'missing' : 'offline' };
	const bytes = await res.arrayBuffer();
	if ((await sha256Hex(bytes)) !== sha256) return { ok: false, reason: 'missing' };
	const type = res.headers.get('content-type') ?? 'application/octet-stream';
	const blob = new Blob([bytes], { type });
	await db.blobs.put({
		sha256,
		workspaceId,
		type,
		size: blob.size,
		data: blob,
		uploaded: true,
		state: 'remote',
		attempts: 0,
		nextAttemptAt: 0,
		createdAt: new Date().toISOString()
	});
	return { ok: true, blob, state: 'remote' };
}
