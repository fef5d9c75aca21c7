// The client side of the relay's HTTP API (DESIGN.md "The wire"). Framework-free; every
// response is validated, and failures carry the relay's stable error code.
import { z } from 'zod';
import { ApiError, Role, TokenKind } from './protocol';
import { apiUrl, httpBaseOf, socketUrlOf } from './urls';

export class RelayApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string
	) {
		super(`relay answered ${status} ${code}`);
	}
}

const TokenInfo = z.object({
	workspaceId: z.string(),
	role: Role,
	tokenId: z.string(),
	expiresAt: z.number().optional(),
	kind: TokenKind.nullish()
});
export type TokenInfo = z.infer<typeof TokenInfo>;
const Minted = TokenInfo.extend({ token: z.string().min(1) });
const Invite = Minted.extend({ joinUrl: z.string().url() });
const Device = Minted.extend({ name: z.string(), invitationId: z.string() });
export type DeviceToken = z.infer<typeof Device>;
const IssuedToken = z.looseObject({
	jti: z.string(),
	role: Role,
	kind: TokenKind.nullish(),
	label: z.string().nullish(),
	name: z.string().nullish(),
	expiresAt: z.number().nullish(),
	revokedAt: z.number().nullish(),
	lastSeenAt: z.number().nullish(),
	invitationId: z.string().nullish(),
	maxUses: z.number().nullish(),
	uses: z.number().nullish()
});
export type IssuedToken = z.infer<typeof IssuedToken>;
const TokenList = z.object({ tokens: z.array(IssuedToken) });

/**
 * What a token says it is, read from its (unverified) claims: only the relay can check it,
 * this is for deciding what to do with it. null: malformed, or from before kinds existed.
 */
export function tokenKind(token: string): TokenKind | null {
	try {
		const payload = token.split('.')[1] ?? '';
		const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
		const kind = TokenKind.safeParse((JSON.parse(json) as { kind?: unknown }).kind);
		return kind.success ? kind.data : null;
	} catch {
		return null;
	}
}

/**
 * Whether a stored token should be exchanged for a device token (POST …/devices): an
 * invitation, or a token from before kinds existed that is not an owner's (those were
 * invitations; the relay answers `not_an_invitation` for the operator-minted rest).
 */
export function needsExchange(token: string, role: Role): boolean {
	const kind = tokenKind(token);
	return kind === 'invitation' || (kind === null && role !== 'owner');
}

/** http(s)://host[/prefix] -> ws(s)://host[/prefix]/sync, the WebsocketProvider's server URL. */
export const relaySocketUrl = socketUrlOf;

/** ws(s)://host[/prefix]/sync -> http(s)://host[/prefix] */
export const relayHttpBase = httpBaseOf;

export class RelayApi {
	constructor(
		readonly base: string,
		private readonly fetchFn: typeof fetch = (...a) => fetch(...a)
	) {}

	async #call<T>(schema: z.ZodType<T>, path: string, init: RequestInit & { token?: string } = {}) {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (init.token) headers.authorization = `Bearer ${init.token}`;
		const res = await this.fetchFn(apiUrl(this.base, path), { ...init, headers });
		const body: unknown = await res.json().catch(() => ({}));
		if (!res.ok) {
			const code = z.object({ error: z.string() }).safeParse(body);
			throw new RelayApiError(res.status, code.success ? code.data.error : 'unknown');
		}
		const parsed = schema.safeParse(body);
		if (!parsed.success) throw new RelayApiError(res.status, 'bad_response');
		return parsed.data;
	}

	/** Registers a workspace created on a device; the device becomes its owner. */
	register(workspaceId: string) {
		return this.#call(Minted, '/api/workspaces', {
			method: 'POST',
			body: JSON.stringify({ id: workspaceId })
		});
	}

	/** An invitation for `role`: valid for the relay's default time unless `ttl` ("30d") is
	 * given, for any number of devices unless `maxUses`. */
	invite(
		workspaceId: string,
		ownerToken: string,
		role: 'editor' | 'viewer',
		opts: { ttl?: string; maxUses?: number; label?: string } = {}
	) {
		return this.#call(Invite, `/api/workspaces/${workspaceId}/invites`, {
			method: 'POST',
			token: ownerToken,
			body: JSON.stringify({ role, ...opts })
		});
	}

	/** Redeems an invitation for this device's own token, named `name` by its user. */
	redeem(workspaceId: string, invitation: string, name: string, deviceId?: string) {
		return this.#call(Device, `/api/workspaces/${workspaceId}/devices`, {
			method: 'POST',
			token: invitation,
			body: JSON.stringify(deviceId ? { name, deviceId } : { name })
		});
	}

	session(workspaceId: string, token: string) {
		return this.#call(TokenInfo, `/api/workspaces/${workspaceId}/session`, { token });
	}

	tokens(workspaceId: string, ownerToken: string) {
		return this.#call(TokenList, `/api/workspaces/${workspaceId}/tokens`, { token: ownerToken });
	}

	revoke(workspaceId: string, ownerToken: string, tokenId: string) {
		return this.#call(
			z.looseObject({ revoked: z.boolean() }),
			`/api/workspaces/${workspaceId}/tokens/${tokenId}`,
			{
				method: 'DELETE',
				token: ownerToken
			}
		);
	}
}

/** The join link carries the token in the fragment: `…/join#workspace=W&token=T`. */
export function parseJoinFragment(hash: string): { workspaceId: string; token: string } | null {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	const workspaceId = params.get('workspace');
	const token = params.get('token');
	return workspaceId && token ? { workspaceId, token } : null;
}

/** Why the relay refuses a token, from its answer to the session probe; null if it does not. */
export function refusalOf(e: unknown): 'revoked' | 'expired' | 'forbidden' | 'invalid' | null {
	if (!(e instanceof RelayApiError)) return null;
	if (e.status === 403) return 'forbidden';
	if (e.status !== 401) return null;
	if (e.code === ApiError.tokenRevoked) return 'revoked';
	if (e.code === ApiError.tokenExpired) return 'expired';
	return 'invalid';
}
