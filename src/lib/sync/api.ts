// The client side of the relay's HTTP API (DESIGN.md "The wire"). Framework-free; every
// response is validated, and failures carry the relay's stable error code.
import { z } from 'zod';
import { ApiError, Role } from './protocol';
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
	expiresAt: z.number().optional()
});
export type TokenInfo = z.infer<typeof TokenInfo>;
const Minted = TokenInfo.extend({ token: z.string().min(1) });
const Invite = Minted.extend({ joinUrl: z.string().url() });
const TokenList = z.object({
	tokens: z.array(
		z.looseObject({
			jti: z.string(),
			role: Role,
			label: z.string().nullish(),
			expiresAt: z.number().nullish(),
			revokedAt: z.number().nullish()
		})
	)
});

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

	/** An invite for `role`, valid for the relay's default time unless `ttl` ("30d") is given. */
	invite(workspaceId: string, ownerToken: string, role: 'editor' | 'viewer', ttl?: string) {
		return this.#call(Invite, `/api/workspaces/${workspaceId}/invites`, {
			method: 'POST',
			token: ownerToken,
			body: JSON.stringify(ttl ? { role, ttl } : { role })
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
