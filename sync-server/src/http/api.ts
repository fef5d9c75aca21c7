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
} from '../../../src/lib/sync/protocol.ts';
import { authorise, bearer, mintToken, parseTtl } from '../auth/tokens.ts';
import type { RelayConfig } from '../config.ts';
import type { MetaStore } from '../store/types.ts';
import type { BlobStore } from '../blobs/types.ts';
import type { Metrics } from '../metrics.ts';
import { security } from '../security.ts';
import { deleteBlob, getBlob, putBlob } from './blobs.ts';
import { originAllowed } from './headers.ts';
import type { WindowCounter } from './rate.ts';
import { BodyTooLarge, readJson, sendError, sendJson } from './respond.ts';

/** Owners keep their workspace for a year before re-registering a token via the CLI. */
const OWNER_TTL_S = 365 * 86_400;
/** Invites are handed out in a meeting; a month covers stragglers without lingering forever. */
const DEFAULT_INVITE_TTL = '30d';
/** No invitation outlives a school year plus its holidays; mint a new one after that. */
export const MAX_INVITE_TTL_S = 365 * 86_400;
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
	metrics: Metrics;
	/** Registrations per client address per hour. */
	registrations: WindowCounter;
	/** Closes the live connections of a revoked token; returns how many. */
	closeToken(jti: string): number;
};

type Ctx = { req: IncomingMessage; res: ServerResponse; deps: ApiDeps; workspaceId: string };

/** The client's address: the socket's, or the last X-Forwarded-For hop behind TRUST_PROXY. */
function clientAddress(req: IncomingMessage, config: RelayConfig): string {
	if (config.trustProxy) {
		const hops = String(req.headers['x-forwarded-for'] ?? '').split(',');
		const last = hops[hops.length - 1]?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? '';
}

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
		security(
			ctx.deps.metrics,
			'token_refused',
			{ workspace: ctx.workspaceId },
			{
				reason: auth.error,
				via: 'api'
			}
		);
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
		const blobs = deps.blobs.health();
		// Degraded answers 503 so a monitor or load balancer notices; the body says what.
		if (blobs.ok) sendJson(res, 200, { ok: true, status: 'ok', protocol: PROTOCOL_VERSION });
		else {
			sendJson(res, 503, {
				ok: false,
				status: 'degraded',
				problems: [`blobs: ${blobs.problem}`],
				protocol: PROTOCOL_VERSION
			});
		}
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
	if (!deps.registrations.take(clientAddress(req, deps.config))) {
		security(deps.metrics, 'registration_limit', {});
		res.setHeader('retry-after', '3600');
		return sendError(
			res,
			429,
			ApiError.rateLimited,
			`at most ${deps.config.registrationsPerHour} registrations per hour from one address`
		);
	}
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
	if (ttlSeconds > MAX_INVITE_TTL_S) {
		return sendError(ctx.res, 400, ApiError.badRequest, 'an invitation lasts at most 365d');
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
	security(
		ctx.deps.metrics,
		'revocation',
		{ workspace: ctx.workspaceId, jti },
		{ closedConnections: closed }
	);
	sendJson(ctx.res, 200, { revoked: true, tokenId: jti, closedConnections: closed });
}
