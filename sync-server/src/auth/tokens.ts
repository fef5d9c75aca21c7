// Relay tokens: HS256 JWTs signed with RELAY_SECRET (jose), claims checked with the shared
// zod schema. A token opens one workspace (and its shards) with one role until it expires
// or its jti is revoked.
import { errors, jwtVerify, SignJWT } from 'jose';
import { nanoid } from 'nanoid';
import { ApiError, TokenClaims, type Role } from '#protocol';
import type { MetaStore } from '../store/types.ts';

const ISSUER = 'bangfu-relay';
/** Tolerates small clock differences between the relay and whoever minted the token. */
const CLOCK_TOLERANCE_S = 30;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** '30d' | '12h' | '45m' | '90s' | '3600' -> seconds. */
export function parseTtl(text: string): number {
	const m = /^(\d+)([smhd]?)$/.exec(text.trim());
	const seconds = m ? Number(m[1]) * (UNITS[m[2] || 's'] ?? 1) : NaN;
	if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new Error(`invalid ttl: ${text}`);
	return seconds;
}

export type MintOptions = { workspaceId: string; role: Role; ttlSeconds: number; label?: string };

/** Signs a token and records it so that its owner can list and revoke it. */
export async function mintToken(
	secret: Uint8Array,
	meta: MetaStore,
	opts: MintOptions
): Promise<{ token: string; claims: TokenClaims }> {
	const now = Math.floor(Date.now() / 1000);
	const claims = TokenClaims.parse({
		ws: opts.workspaceId,
		role: opts.role,
		jti: nanoid(),
		exp: now + opts.ttlSeconds,
		iat: now
	});
	const token = await new SignJWT({ ws: claims.ws, role: claims.role })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuer(ISSUER)
		.setJti(claims.jti)
		.setIssuedAt(now)
		.setExpirationTime(claims.exp)
		.sign(secret);
	await meta.recordToken({
		jti: claims.jti,
		workspaceId: claims.ws,
		role: claims.role,
		expiresAt: claims.exp,
		label: opts.label ?? ''
	});
	return { token, claims };
}

export type AuthResult =
	{ ok: true; claims: TokenClaims } | { ok: false; status: 401 | 403; error: ApiError };

/** The HMAC key imported once per secret. Given raw bytes, jose imports a WebCrypto key on
 * every verify: a connect storm of 1,000 devices paid 1,000 imports (and their garbage). */
const verifyKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
function verifyKey(secret: Uint8Array): Promise<CryptoKey> {
	let key = verifyKeys.get(secret);
	if (!key) {
		key = crypto.subtle.importKey(
			'raw',
			new Uint8Array(secret),
			{ name: 'HMAC', hash: 'SHA-256' },
			false,
			['verify']
		);
		verifyKeys.set(secret, key);
	}
	return key;
}

/** Verifies signature, expiry, revocation, then that the token is for `workspaceId`. */
export async function authorise(
	secret: Uint8Array,
	meta: MetaStore,
	token: string | null | undefined,
	workspaceId: string
): Promise<AuthResult> {
	if (!token) return { ok: false, status: 401, error: ApiError.unauthorised };
	let claims: TokenClaims;
	try {
		const { payload } = await jwtVerify(token, await verifyKey(secret), {
			issuer: ISSUER,
			algorithms: ['HS256'],
			clockTolerance: CLOCK_TOLERANCE_S,
			requiredClaims: ['exp', 'jti']
		});
		const parsed = TokenClaims.safeParse(payload);
		if (!parsed.success) return { ok: false, status: 401, error: ApiError.unauthorised };
		claims = parsed.data;
	} catch (err) {
		const expired = err instanceof errors.JWTExpired;
		return {
			ok: false,
			status: 401,
			error: expired ? ApiError.tokenExpired : ApiError.unauthorised
		};
	}
	if (await meta.isRevoked(claims.jti)) {
		return { ok: false, status: 401, error: ApiError.tokenRevoked };
	}
	if (claims.ws !== workspaceId) return { ok: false, status: 403, error: ApiError.forbidden };
	return { ok: true, claims };
}

/** `Authorization: Bearer <token>` -> token. */
export function bearer(header: string | undefined): string | null {
	const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
	return m?.[1] ?? null;
}
