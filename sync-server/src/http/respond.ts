// Small HTTP helpers: JSON bodies with a stable `error` code, bounded body reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '#protocol';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store'
	});
	res.end(text);
}

export function sendError(
	res: ServerResponse,
	status: number,
	error: ApiError,
	message: string
): void {
	sendJson(res, status, { error, message });
}

export class BodyTooLarge extends Error {}

/** Reads a small JSON body (at most `limit` bytes); an empty body is `{}`. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new BodyTooLarge();
		chunks.push(chunk);
	}
	if (size === 0) return {};
	return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
