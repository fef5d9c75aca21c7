// The relay's HTTP API (README "Operators" and DESIGN "The wire"). Every route answers JSON;
// errors carry a stable `error` code from protocol.ts. Tokens come as `Authorization: Bearer`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, PROTOCOL_VERSION, SHA256_PATTERN, WORKSPACE_ID_PATTERN } from '#protocol';
import { security } from '../security.ts';
import { deleteBlob, getBlob, putBlob } from './blobs.ts';
import { ALL_ROLES, describe, requireRole, type ApiDeps, type Ctx } from './context.ts';
import { originAllowed } from './headers.ts';
import { BodyTooLarge, sendError, sendJson } from './respond.ts';
import { invite, listTokens, redeem, register, revoke } from './tokens.ts';

export type { ApiDeps } from './context.ts';

/** Returns false when the path is not an API route (the caller then tries static files). */
export async function handleApi(
	req: IncomingMessage,
	res: ServerResponse,
	deps: ApiDeps
): Promise<boolean> {
	const url = new URL(req.url ?? '/', 'http://x');
	const path = url.pathname;
	const method = req.method ?? 'GET';
	if (path === '/healthz') {
		const blobs = deps.blobs.health();
		const problems: string[] = [];
		if (!blobs.ok) problems.push(`blobs: ${blobs.problem}`);
		// Redis down: this process still serves its own clients durably, so it stays in the
		// load balancer (200) but says that its clients miss other processes' edits for now.
		if (deps.fanout?.healthy === false) problems.push('fanout: unreachable');
		const status = problems.length === 0 ? 'ok' : 'degraded';
		// A failing disk answers 503 so a monitor or load balancer notices; the body says what.
		sendJson(res, blobs.ok ? 200 : 503, {
			ok: problems.length === 0,
			status,
			...(problems.length > 0 ? { problems } : {}),
			protocol: PROTOCOL_VERSION
		});
		return true;
	}
	if (!path.startsWith('/api/')) return false;
	// Browsers send Origin on cross-origin calls: only this relay's own pages, PUBLIC_URL and
	// CORS_ORIGINS may use /api from a browser, so a stranger's page cannot register
	// workspaces or mint invitations through a visitor. Clients without Origin (scripts) pass.
	const origin = req.headers.origin;
	if (origin !== undefined) {
		if (!originAllowed(origin, req, deps.config)) {
			security(deps.metrics, 'origin_refused', {});
			sendError(res, 403, ApiError.forbidden, 'this origin may not call the relay API');
			return true;
		}
		res.setHeader('access-control-allow-origin', origin);
		res.setHeader('vary', 'origin');
	}
	if (method === 'OPTIONS') {
		res.writeHead(204, {
			'access-control-allow-methods': 'GET, POST, PUT, DELETE',
			'access-control-allow-headers': 'authorization, content-type',
			'access-control-max-age': '600'
		});
		res.end();
		return true;
	}
	try {
		await route(req, res, deps, method, path.split('/').slice(2));
	} catch (err) {
		if (res.headersSent) res.destroy();
		else if (err instanceof BodyTooLarge) sendError(res, 413, ApiError.tooLarge, 'body too large');
		else if (err instanceof SyntaxError) sendError(res, 400, ApiError.badRequest, 'invalid JSON');
		else sendError(res, 500, ApiError.internal, 'internal error');
	}
	return true;
}

async function route(
	req: IncomingMessage,
	res: ServerResponse,
	deps: ApiDeps,
	method: string,
	parts: string[]
): Promise<void> {
	const notFound = () => sendError(res, 404, ApiError.notFound, 'no such route');
	const badMethod = () => sendError(res, 405, ApiError.methodNotAllowed, 'method not allowed');
	if (parts[0] !== 'workspaces') return notFound();
	if (parts.length === 1) {
		if (method !== 'POST') return badMethod();
		return register(req, res, deps);
	}
	const workspaceId = parts[1] ?? '';
	if (!WORKSPACE_ID_PATTERN.test(workspaceId)) return notFound();
	const ctx: Ctx = { req, res, deps, workspaceId };
	const [, , what, id, ...rest] = parts;
	if (rest.length > 0) return notFound();
	if (what === 'session' && id === undefined) {
		if (method !== 'GET') return badMethod();
		// The join screen asks what an invitation is before redeeming it.
		const claims = await requireRole(ctx, ALL_ROLES, { acceptInvitation: true });
		if (claims) sendJson(res, 200, describe(claims));
		return;
	}
	if (what === 'devices' && id === undefined) {
		if (method !== 'POST') return badMethod();
		return redeem(ctx);
	}
	if (what === 'invites' && id === undefined) {
		if (method !== 'POST') return badMethod();
		return invite(ctx);
	}
	if (what === 'tokens' && id === undefined) {
		if (method !== 'GET') return badMethod();
		return listTokens(ctx);
	}
	if (what === 'tokens' && id !== undefined) {
		if (method !== 'DELETE') return badMethod();
		return revoke(ctx, id);
	}
	if (what === 'blobs' && id !== undefined) {
		if (!SHA256_PATTERN.test(id))
			return sendError(res, 400, ApiError.badRequest, 'blob id must be a lowercase hex SHA-256');
		const blobDeps = {
			blobs: deps.blobs,
			quotaBytes: deps.config.blobQuotaBytes,
			metrics: deps.metrics
		};
		if (method === 'GET' || method === 'HEAD') {
			if (!(await requireRole(ctx, ALL_ROLES))) return;
			return getBlob(res, blobDeps, workspaceId, id, method === 'HEAD');
		}
		if (method === 'PUT') {
			if (!(await requireRole(ctx, ['owner', 'editor']))) return;
			return putBlob(req, res, blobDeps, workspaceId, id);
		}
		if (method === 'DELETE') {
			// Only the owner: a photo is evidence in a file; an editor's slip must not erase it.
			if (!(await requireRole(ctx, ['owner']))) return;
			return deleteBlob(res, blobDeps, workspaceId, id);
		}
		return badMethod();
	}
	return notFound();
}
