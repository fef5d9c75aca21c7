// Token routes (DESIGN "The wire"): register a workspace, mint invitations, redeem one for a
// device token, list and revoke. An invitation is a join link's key, never a session: each
// device that redeems it gets its own token, so limits, "last seen" and revocation are per
// device, and revoking the invitation revokes every device it admitted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { ApiError, Role, TOKEN_ID_PATTERN, WORKSPACE_ID_PATTERN } from '#protocol';
import { mintToken, parseTtl, signToken } from '../auth/tokens.ts';
import { security } from '../security.ts';
import type { TokenRecord } from '../store/types.ts';
import {
	baseUrl,
	clientAddress,
	describe,
	MAX_JSON_BYTES,
	requireRole,
	type ApiDeps,
	type Ctx
} from './context.ts';
import { readJson, sendError, sendJson } from './respond.ts';

/** Owners keep their workspace for a year before re-registering a token via the CLI. */
const OWNER_TTL_S = 365 * 86_400;
/** A device keeps syncing for a year; after that its user joins again with a new link. */
const DEVICE_TTL_S = 365 * 86_400;
/** Invites are handed out in a meeting; a month covers stragglers without lingering forever. */
const DEFAULT_INVITE_TTL = '30d';
/** No invitation outlives a school year plus its holidays; mint a new one after that. */
export const MAX_INVITE_TTL_S = 365 * 86_400;
/** A staff meeting of a big school, with room to spare; more is a leaked link. */
const MAX_INVITE_USES = 1000;

const RegisterBody = z.object({ id: z.string().regex(WORKSPACE_ID_PATTERN).optional() });
const InviteBody = z.object({
	role: Role.exclude(['owner']),
	ttl: z.string().max(16).optional(),
	label: z.string().trim().max(80).optional(),
	maxUses: z.number().int().min(1).max(MAX_INVITE_USES).optional()
});
const DeviceBody = z.object({
	name: z.string().trim().min(1).max(60),
	deviceId: z.string().regex(TOKEN_ID_PATTERN).optional()
});

export async function register(
	req: IncomingMessage,
	res: ServerResponse,
	deps: ApiDeps
): Promise<void> {
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

export async function invite(ctx: Ctx): Promise<void> {
	if (!(await requireRole(ctx, ['owner']))) return;
	const body = InviteBody.safeParse(await readJson(ctx.req, MAX_JSON_BYTES));
	if (!body.success) {
		return sendError(
			ctx.res,
			400,
			ApiError.badRequest,
			`body: { role: "editor"|"viewer", ttl?: "30d", label?, maxUses?: 1..${MAX_INVITE_USES} }`
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
		kind: 'invitation',
		ttlSeconds,
		label: body.data.label || `invite (${body.data.role})`,
		maxUses: body.data.maxUses
	});
	// The token rides in the fragment: browsers never send it to a server, so no access log has it.
	const fragment = new URLSearchParams({ workspace: ctx.workspaceId, token });
	const joinUrl = `${baseUrl(ctx.req, ctx.deps.config)}/join#${fragment.toString()}`;
	sendJson(ctx.res, 201, {
		...describe(claims),
		token,
		joinUrl,
		maxUses: body.data.maxUses ?? null
	});
}

/** POST …/devices with the invitation as bearer: a device token of the invitation's role. */
export async function redeem(ctx: Ctx): Promise<void> {
	const inv = await requireRole(ctx, ['editor', 'viewer'], { acceptInvitation: true });
	if (!inv) return;
	const body = DeviceBody.safeParse(await readJson(ctx.req, MAX_JSON_BYTES));
	if (!body.success) {
		return sendError(ctx.res, 400, ApiError.badRequest, 'body: { name: 1-60 chars, deviceId? }');
	}
	const { meta, config } = ctx.deps;
	const { token, claims } = await signToken(config.secret, {
		workspaceId: ctx.workspaceId,
		role: inv.role,
		kind: 'device',
		ttlSeconds: DEVICE_TTL_S
	});
	const result = await meta.redeemInvitation(inv.jti, {
		jti: claims.jti,
		workspaceId: ctx.workspaceId,
		role: claims.role,
		kind: 'device',
		expiresAt: claims.exp,
		label: `device (${claims.role})`,
		name: body.data.name,
		deviceId: body.data.deviceId
	});
	if (!result.ok) {
		if (result.reason === 'revoked') {
			return sendError(ctx.res, 401, ApiError.tokenRevoked, 'the invitation was revoked');
		}
		if (result.reason === 'used_up') {
			return sendError(
				ctx.res,
				409,
				ApiError.invitationUsedUp,
				'the invitation admitted all the devices it may'
			);
		}
		return sendError(ctx.res, 409, ApiError.notAnInvitation, 'this token is not an invitation');
	}
	// The same device joining again: its old token stops, its new one starts.
	if (result.replaced) ctx.deps.closeToken(result.replaced);
	sendJson(ctx.res, 201, {
		...describe(claims),
		token,
		name: body.data.name,
		invitationId: inv.jti
	});
}

function listed(t: TokenRecord) {
	return {
		jti: t.jti,
		kind: t.kind,
		role: t.role,
		label: t.label,
		name: t.name,
		expiresAt: t.expiresAt,
		revokedAt: t.revokedAt,
		lastSeenAt: t.lastSeenAt,
		invitationId: t.invitationId,
		maxUses: t.maxUses,
		uses: t.uses
	};
}

export async function listTokens(ctx: Ctx): Promise<void> {
	if (!(await requireRole(ctx, ['owner']))) return;
	const tokens = await ctx.deps.meta.listTokens(ctx.workspaceId);
	sendJson(ctx.res, 200, { tokens: tokens.map(listed) });
}

/** DELETE …/tokens/:id: one device, or an invitation and every device it admitted. */
export async function revoke(ctx: Ctx, jti: string): Promise<void> {
	if (!(await requireRole(ctx, ['owner']))) return;
	if (!TOKEN_ID_PATTERN.test(jti))
		return sendError(ctx.res, 404, ApiError.notFound, 'no such token');
	const revoked = await ctx.deps.meta.revokeWithDevices(ctx.workspaceId, jti);
	if (!revoked) return sendError(ctx.res, 404, ApiError.notFound, 'no such token');
	let closed = 0;
	for (const id of revoked) closed += ctx.deps.closeToken(id);
	security(
		ctx.deps.metrics,
		'revocation',
		{ workspace: ctx.workspaceId, jti },
		{ devices: revoked.length - 1, closedConnections: closed }
	);
	sendJson(ctx.res, 200, {
		revoked: true,
		tokenId: jti,
		devicesRevoked: revoked.length - 1,
		closedConnections: closed
	});
}
