// The relay's HTTP API (README "Operators" and DESIGN "The wire"). Every route answers JSON;
// errors carry a stable `error` code from protocol.ts. Tokens come as `Authorization: Bearer`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import {
	ApiError,
	PROTOCOL_VERSION,
	Role,
	SHA256_PATTERN,
	TOKEN_ID_PATTERN,
	WORKSPACE_ID_PATTERN,
	type TokenClaims
} from '#protocol';
import { authorise, bearer, mintToken, parseTtl } from '../auth/tokens.ts';
import type { RelayConfig } from '../config.ts';
import type { MetaStore } from '../store/types.ts';
import type { BlobStore } from './blobs.ts';
import { BodyTooLarge, readJson, sendError, sendJson } from './respond.ts';

/** Owners keep their workspace for a year before re-registering a token via the CLI. */
const OWNER_TTL_S = 365 * 86_400;
/** Invites are handed out in a meeting; a month covers stragglers without lingering forever. */
const DEFAULT_INVITE_TTL = '30d';
/** JSON bodies here are a few fields. */
const MAX_JSON_BYTES = 16 * 1024;

const RegisterBody = z.object({ id: z.string().regex(WORKSPACE_ID_PATTERN).optional() });
const InviteBody = z.object({
	role: Role.exclude(['owner']),
	ttl: z.string().max(16).optional(),
	label: z.string().max(80).optional()
});

export type ApiDeps = {
	config: RelayConfig;
	meta: MetaStore;
	blobs: BlobStore;
	/** Closes the live connections of a revoked token; returns how many. */
	closeToken(jti: string): number;
};

type Ctx = { req: IncomingMessage; res: ServerResponse; deps: ApiDeps; workspaceId: string };

function baseUrl(req: IncomingMessage, config: RelayConfig): string {
	if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
	const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
	return `${proto}://${req.headers.host ?? 'localhost'}`;
}

async function requireRole(ctx: Ctx, roles: readonly Role[]): Promise<TokenClaims | null> {
	const auth = await authorise(
		ctx.deps.config.secret,
		ctx.deps.meta,
		bearer(ctx.req.headers.authorization),
		ctx.workspaceId
	);
	if (!auth.ok) {
		sendError(ctx.res, auth.status, auth.error, 'token refused');
		return null;
	}
	if (!roles.includes(auth.claims.role)) {
		sendError(ctx.res, 403, ApiError.forbidden, `needs role ${roles.join(' or ')}`);
		return null;
	}
	return auth.claims;
}

const ALL_ROLES = ['owner', 'editor', 'viewer'] as const;

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
		sendJson(res, 200, { ok: true, protocol: PROTOCOL_VERSION });
		return true;
	}
	if (!path.startsWith('/api/')) return false;
	// Tokens travel in a header, never cookies, so any origin may call (dev server, other apps).
	res.setHeader('access-control-allow-origin', '*');
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
		const claims = await requireRole(ctx, ALL_ROLES);
		if (claims) sendJson(res, 200, describe(claims));
		return;
	}
	if (what === 'invites' && id === undefined) {
		if (method !== 'POST') return badMethod();
		return invite(ctx);
	}
	if (what === 'tokens' && id === undefined) {
		if (method !== 'GET') return badMethod();
		if (!(await requireRole(ctx, ['owner']))) return;
		return sendJson(res, 200, { tokens: await deps.meta.listTokens(workspaceId) });
	}
	if (what === 'tokens' && id !== undefined) {
		if (method !== 'DELETE') return badMethod();
		return revoke(ctx, id);
	}
	if (what === 'blobs' && id !== undefined) {
		if (!SHA256_PATTERN.test(id))
			return sendError(res, 400, ApiError.badRequest, 'blob id must be a lowercase hex SHA-256');
		if (method === 'GET' || method === 'HEAD') return getBlob(ctx, id, method === 'HEAD');
		if (method === 'PUT') return putBlob(ctx, id);
		return badMethod();
	}
	return notFound();
}

function describe(claims: TokenClaims) {
	return { workspaceId: claims.ws, role: claims.role, tokenId: claims.jti, expiresAt: claims.exp };
}

async function register(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
	if (deps.config.registration === 'closed') {
		return sendError(
			res,
			403,
			ApiError.registrationClosed,
			'this relay does not accept new workspaces'
		);
	}
	const body = RegisterBody.safeParse(await readJson(req, MAX_JSON_BYTES));
	if (!body.success) return sendError(res, 400, ApiError.badRequest, 'body: { id?: workspace id }');
	// The app creates workspaces offline with their own id; registering claims it here.
	const workspaceId = body.data.id ?? nanoid();
	if (!(await deps.meta.registerWorkspace(workspaceId))) {
		return sendError(res, 409, ApiError.workspaceExists, 'workspace already registered');
	}
	const { token, claims } = await mintToken(deps.config.secret, deps.meta, {
		workspaceId,
		role: 'owner',
		ttlSeconds: OWNER_TTL_S,
		label: 'owner (registration)'
	});
	sendJson(res, 201, { ...describe(claims), token });
}

async function invite(ctx: Ctx): Promise<void> {
	if (!(await requireRole(ctx, ['owner']))) return;
	const body = InviteBody.safeParse(await readJson(ctx.req, MAX_JSON_BYTES));
	if (!body.success) {
		return sendError(
			ctx.res,
			400,
			ApiError.badRequest,
			'body: { role: "editor"|"viewer", ttl?: "30d", label? }'
		);
	}
	let ttlSeconds: number;
	try {
		ttlSeconds = parseTtl(body.data.ttl ?? DEFAULT_INVITE_TTL);
	} catch {
		return sendError(ctx.res, 400, ApiError.badRequest, 'ttl like 30d, 12h, 45m');
	}
	const { token, claims } = await mintToken(ctx.deps.config.secret, ctx.deps.meta, {
		workspaceId: ctx.workspaceId,
		role: body.data.role,
		ttlSeconds,
		label: body.data.label ?? `invite (${body.data.role})`
	});
	// The token rides in the fragment: browsers never send it to a server, so no access log has it.
	const fragment = new URLSearchParams({ workspace: ctx.workspaceId, token });
	const joinUrl = `${baseUrl(ctx.req, ctx.deps.config)}/join#${fragment.toString()}`;
	sendJson(ctx.res, 201, { ...describe(claims), token, joinUrl });
}

async function revoke(ctx: Ctx, jti: string): Promise<void> {
	if (!(await requireRole(ctx, ['owner']))) return;
	if (!TOKEN_ID_PATTERN.test(jti))
		return sendError(ctx.res, 404, ApiError.notFound, 'no such token');
	if ((await ctx.deps.meta.revokeToken(ctx.workspaceId, jti)) === 'not_found') {
		return sendError(ctx.res, 404, ApiError.notFound, 'no such token');
	}
	const closed = ctx.deps.closeToken(jti);
	sendJson(ctx.res, 200, { revoked: true, tokenId: jti, closedConnections: closed });
}

async function getBlob(ctx: Ctx, sha: string, head: boolean): Promise<void> {
	if (!(await requireRole(ctx, ALL_ROLES))) return;
	const size = await ctx.deps.blobs.size(ctx.workspaceId, sha);
	if (size === null) return sendError(ctx.res, 404, ApiError.notFound, 'no such blob');
	ctx.res.writeHead(200, {
		'content-type': 'application/octet-stream',
		'content-length': size,
		// Content-addressed: the bytes behind a hash never change.
		'cache-control': 'private, max-age=31536000, immutable',
		etag: `"${sha}"`
	});
	if (head) ctx.res.end();
	else ctx.deps.blobs.read(ctx.workspaceId, sha).pipe(ctx.res);
}

async function putBlob(ctx: Ctx, sha: string): Promise<void> {
	if (!(await requireRole(ctx, ['owner', 'editor']))) return;
	const declared = Number(ctx.req.headers['content-length'] ?? NaN);
	if (declared > ctx.deps.blobs.maxBytes) {
		ctx.res.setHeader('connection', 'close');
		return sendError(
			ctx.res,
			413,
			ApiError.tooLarge,
			`blobs are capped at ${ctx.deps.blobs.maxBytes} bytes`
		);
	}
	const result = await ctx.deps.blobs.put(ctx.workspaceId, sha, ctx.req);
	switch (result) {
		case 'created':
			return sendJson(ctx.res, 201, { sha256: sha, stored: true });
		case 'exists':
			return sendJson(ctx.res, 200, { sha256: sha, stored: true });
		case 'too_large':
			ctx.res.setHeader('connection', 'close');
			return sendError(
				ctx.res,
				413,
				ApiError.tooLarge,
				`blobs are capped at ${ctx.deps.blobs.maxBytes} bytes`
			);
		case 'hash_mismatch':
			return sendError(ctx.res, 422, ApiError.hashMismatch, 'content does not match its SHA-256');
		case 'aborted':
			ctx.res.destroy();
	}
}
