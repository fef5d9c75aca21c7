// The blob storage seam: photos and signed scans, content-addressed by SHA-256, per
// workspace. The embedded default keeps them as files (files.ts); a scale-out store
// (Postgres large objects or bytea) implements the same interface and must pass the same
// contract suite (contract.ts).
import type { Readable } from 'node:stream';

/** Why a put stored nothing. `no_space` and `unavailable` are the store failing, not the client. */
export type PutRefusal =
	'too_large' | 'hash_mismatch' | 'aborted' | 'quota_exceeded' | 'no_space' | 'unavailable';

export type PutResult = { ok: true; created: boolean } | { ok: false; reason: PutRefusal };

export type BlobHealth = { ok: true } | { ok: false; problem: 'no_space' | 'unavailable' };

export type PutOptions = {
	/** Bytes this workspace may hold in total, this blob included; Infinity for no quota. */
	quotaBytes: number;
};

export interface BlobStore {
	/** Bytes one blob may have. */
	readonly maxBytes: number;
	/** Prepares the store and removes what a crash left half-written (stale temp uploads). */
	init(): Promise<void>;
	/** The blob's size, or null when it is not stored. */
	size(workspaceId: string, sha256: string): Promise<number | null>;
	/**
	 * Opens the blob for reading; null when it is not stored. The stream may still fail
	 * (EIO, a file removed meanwhile): callers must listen for 'error'.
	 */
	open(workspaceId: string, sha256: string): Promise<{ size: number; stream: Readable } | null>;
	/**
	 * Streams `body` in, hashing as it goes; stores it only when the hash is `sha256` and it
	 * stayed under maxBytes and the quota. Never throws for disk or body failures: they come
	 * back as a refusal, and whatever was half-written is removed.
	 */
	put(
		workspaceId: string,
		sha256: string,
		body: AsyncIterable<Uint8Array>,
		opts: PutOptions
	): Promise<PutResult>;
	/** Removes a blob; false when it was not stored. */
	delete(workspaceId: string, sha256: string): Promise<boolean>;
	/** Bytes a workspace's blobs hold. */
	usage(workspaceId: string): Promise<number>;
	/** Degraded after a write failed for lack of space or a failing disk, until one succeeds. */
	health(): BlobHealth;
	close(): Promise<void>;
}

/** Node's errno codes that mean the disk is full (507) rather than failing (503). */
export function isNoSpace(err: unknown): boolean {
	const code = (err as NodeJS.ErrnoException | null)?.code;
	return code === 'ENOSPC' || code === 'EDQUOT';
}
