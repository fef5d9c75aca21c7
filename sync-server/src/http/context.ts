// What every API route shares: its dependencies, the request context, and token checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type Role, type TokenClaims } from '#protocol';
import { authorise, bearer, type AuthOptions } from '../auth/tokens.ts';
import type { BlobStore } from '../blobs/types.ts';
import type { RelayConfig } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import { security } from '../security.ts';
import type { MetaStore } from '../store/types.ts';
import type { WindowCounter } from './rate.ts';
import { sendError } from './respond.ts';

export type ApiDeps = {
	config: RelayConfig;
	meta: MetaStore;
	blobs: BlobStore;
	/** The fan-out between relay processes, for /healthz (false: Redis unreachable). */
	fanout?: { readonly healthy?: boolean };
	metrics: Metrics;
	/** Registrations per client address per hour. */
	registrations: WindowCounter;
	/** Closes the live connections of a revoked token; returns how many. */
	closeToken(jti: string): number;
};

export type Ctx = { req: IncomingMessage; res: ServerResponse; deps: ApiDeps; workspaceId: string };

export const ALL_ROLES = ['owner', 'editor', 'viewer'] as const;
/** JSON bodies here are a few fields. */
export const MAX_JSON_BYTES = 16 * 1024;

/** The client's address: the socket's, or the last X-Forwarded-For hop behind TRUST_PROXY. */
export function clientAddress(req: IncomingMessage, config: RelayConfig): string {
	if (config.trustProxy) {
		const hops = String(req.headers['x-forwarded-for'] ?? '').split(',');
		const last = hops[hops.length - 1]?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? '';
}

export function baseUrl(req: IncomingMessage, config: RelayConfig): string {
	if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
	const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
	return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/** The bearer token's claims when it is valid for this workspace and one of `roles`;
 * otherwise answers the refusal (logged as a security event) and returns null. */
export async function requireRole(
	ctx: Ctx,
	roles: readonly Role[],
	opts: AuthOptions = {}
): Promise<TokenClaims | null> {
	const auth = await authorise(
		ctx.deps.config.secret,
		ctx.deps.meta,
		bearer(ctx.req.headers.authorization),
		ctx.workspaceId,
		opts
	);
	if (!auth.ok) {
		security(
			ctx.deps.metrics,
			'token_refused',
			{ workspace: ctx.workspaceId },
			{ reason: auth.error, via: 'api' }
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

export function describe(claims: TokenClaims) {
	return {
		workspaceId: claims.ws,
		role: claims.role,
		tokenId: claims.jti,
		expiresAt: claims.exp,
		// Tokens from before kinds existed: owners are owners; the rest may be invitations,
		// which the client then tries to exchange (POST …/devices tells it if not).
		kind: claims.kind ?? (claims.role === 'owner' ? 'owner' : null)
	};
}
