// Blob routes: PUT/GET/HEAD/DELETE /api/workspaces/:id/blobs/:sha256 over a BlobStore.
// Every stream here has an 'error' listener: a failing disk or a client that goes away
// answers or drops that one request, never the process (issue 10 #1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError } from '#protocol';
import type { BlobStore } from '../blobs/types.ts';
import { log } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { security } from '../security.ts';
import { sendError, sendJson } from './respond.ts';

export type BlobRouteDeps = { blobs: BlobStore; quotaBytes: number; metrics: Metrics };

/** Reads and drops the rest of a request body so the client sees the answer, not a reset. */
function drain(req: IncomingMessage): void {
	req.on('error', () => {});
	req.resume();
}

export async function getBlob(
	res: ServerResponse,
	deps: BlobRouteDeps,
	workspaceId: string,
	sha: string,
	head: boolean
): Promise<void> {
	let opened: { size: number; stream?: Readable } | null;
	try {
		opened = head
			? await deps.blobs.size(workspaceId, sha).then((size) => (size === null ? null : { size }))
			: await deps.blobs.open(workspaceId, sha);
	} catch (err) {
		log('blob_read_failed', { code: (err as NodeJS.ErrnoException).code ?? 'unknown' });
		return sendError(res, 503, ApiError.unavailable, 'blob storage is failing; try again later');
	}
	if (!opened) return sendError(res, 404, ApiError.notFound, 'no such blob');
	res.writeHead(200, {
		'content-type': 'application/octet-stream',
		'content-length': opened.size,
		// Content-addressed: the bytes behind a hash never change.
		'cache-control': 'private, max-age=31536000, immutable',
		etag: `"${sha}"`
	});
	const stream = opened.stream;
	if (!stream) return void res.end();
	stream.on('error', (err: NodeJS.ErrnoException) => {
		// Headers are gone: the only honest signal left is to cut the response short.
		log('blob_read_failed', { code: err.code ?? 'unknown' });
		res.destroy();
	});
	res.on('close', () => stream.destroy());
	stream.pipe(res);
}

export async function putBlob(
	req: IncomingMessage,
	res: ServerResponse,
	deps: BlobRouteDeps,
	workspaceId: string,
	sha: string
): Promise<void> {
	const { blobs } = deps;
	const tooLarge = () => {
		res.setHeader('connection', 'close');
		sendError(res, 413, ApiError.tooLarge, `blobs are capped at ${blobs.maxBytes} bytes`);
	};
	const declared = Number(req.headers['content-length'] ?? NaN);
	if (declared > blobs.maxBytes) return tooLarge();
	const result = await blobs.put(workspaceId, sha, req, { quotaBytes: deps.quotaBytes });
	if (!req.complete) drain(req);
	if (result.ok) return sendJson(res, result.created ? 201 : 200, { sha256: sha, stored: true });
	switch (result.reason) {
		case 'too_large':
			return tooLarge();
		case 'hash_mismatch':
			return sendError(res, 422, ApiError.hashMismatch, 'content does not match its SHA-256');
		case 'quota_exceeded':
			security(deps.metrics, 'blob_quota', { workspace: workspaceId });
			return sendError(
				res,
				507,
				ApiError.quotaExceeded,
				`this workspace's blobs are capped at ${deps.quotaBytes} bytes; delete some first`
			);
		case 'no_space':
			return sendError(res, 507, ApiError.insufficientStorage, 'the relay is out of disk space');
		case 'unavailable':
			return sendError(res, 503, ApiError.unavailable, 'blob storage is failing; try again later');
		case 'aborted':
			res.destroy();
	}
}

export async function deleteBlob(
	res: ServerResponse,
	deps: BlobRouteDeps,
	workspaceId: string,
	sha: string
): Promise<void> {
	let deleted: boolean;
	try {
		deleted = await deps.blobs.delete(workspaceId, sha);
	} catch {
		return sendError(res, 503, ApiError.unavailable, 'blob storage is failing; try again later');
	}
	if (!deleted) return sendError(res, 404, ApiError.notFound, 'no such blob');
	sendJson(res, 200, { sha256: sha, deleted: true });
}
