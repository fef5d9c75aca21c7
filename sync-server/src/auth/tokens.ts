// Relay tokens: HS256 JWTs signed with RELAY_SECRET (jose), claims checked with the shared
// zod schema. A token opens one workspace (and its shards) with one role until it expires
// or its jti is revoked.
import { errors, jwtVerify, SignJWT } from 'jose';
import { nanoid } from 'nanoid';
import { ApiError, TokenClaims, type Role, type TokenKind } from '#protocol';
import type { MetaStore } from '../store/types.ts';

const ISSUER = 'bangfu-relay';
/** None: only this relay mints tokens, on this clock, so expiry holds to the second. */
const CLOCK_TOLERANCE_S = 0;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** '30d' | '12h' | '45m' | '90s' | '3600' -> seconds. */
export function parseTtl(text: string): number {
	const m = /^(\d+)([smhd]?)$/.exec(text.trim());
	const seconds = m ? Number(m[1]) * (UNITS[m[2] || 's'] ?? 1) : NaN;
	if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new Error(`invalid ttl: ${text}`);
	return seconds;
}

export type MintOptions = {
	workspaceId: string;
	role: Role;
	ttlSeconds: number;
	label?: string;
	/** Default: owner for the owner role, device otherwise (operator-minted tokens connect). */
	kind?: TokenKind;
	/** Devices: the name its user gave, the invitation that admitted it, the app's device id. */
	name?: string;
	invitationId?: string;
	deviceId?: string;
	/** Invitations: devices it may admit. */
	maxUses?: number;
};

/** Signs a token without recording it (the caller records it, e.g. in one transaction). */
export async function signToken(
	secret: Uint8Array,
	opts: MintOptions
): Promise<{ token: string; claims: TokenClaims }> {
	const now = Math.floor(Date.now() / 1000);
	const kind = opts.kind ?? (opts.role === 'owner' ? 'owner' : 'device');
	const claims = TokenClaims.parse({
		ws: opts.workspaceId,
		role: opts.role,
		jti: nanoid(),
		exp: now + opts.ttlSeconds,
		iat: now,
		kind
	});
	const token = await new SignJWT({ ws: claims.ws, role: claims.role, kind })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuer(ISSUER)
		.setJti(claims.jti)
		.setIssuedAt(now)
		.setExpirationTime(claims.exp)
		.sign(secret);
	return { token, claims };
}

/** Signs a token and records it so that its owner can list and revoke it. */
export async function mintToken(
	secret: Uint8Array,
	meta: MetaStore,
	opts: MintOptions
): Promise<{ token: string; claims: TokenClaims }> {
	const { token, claims } = await signToken(secret, opts);
	await meta.recordToken({
		jti: claims.jti,
		workspaceId: claims.ws,
		role: claims.role,
		kind: claims.kind,
		expiresAt: claims.exp,
		label: opts.label ?? '',
		name: opts.name,
		invitationId: opts.invitationId,
		deviceId: opts.deviceId,
		maxUses: opts.maxUses
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

/** "Last seen" is written at most this often per token: a connect storm must not become a
 * write storm (every SQLite commit is an fsync). */
const TOUCH_EVERY_S = 300;
const touched = new Map<string, number>();

function touch(meta: MetaStore, jti: string): void {
	const now = Math.floor(Date.now() / 1000);
	if (now - (touched.get(jti) ?? 0) < TOUCH_EVERY_S) return;
	if (touched.size > 100_000) touched.clear();
	touched.set(jti, now);
	// Best effort: a failed write of "last seen" must not refuse the device.
	meta.touchToken(jti, now).catch(() => touched.delete(jti));
}

export type AuthOptions = {
	/** Accept an invitation token (only /devices, to redeem it, and /session, to show it). */
	acceptInvitation?: boolean;
};

/**
 * Verifies signature, expiry, revocation, then that the token is for `workspaceId`. An
 * invitation is refused (401 `invitation_token`) unless `acceptInvitation`: it opens no socket.
 */
export async function authorise(
	secret: Uint8Array,
	meta: MetaStore,
	token: string | null | undefined,
	workspaceId: string,
	opts: AuthOptions = {}
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
	if (claims.kind === 'invitation' && !opts.acceptInvitation) {
		return { ok: false, status: 401, error: ApiError.invitationToken };
	}
	touch(meta, claims.jti);
	return { ok: true, claims };
}

/** `Authorization: Bearer <token>` -> token. */
export function bearer(header: string | undefined): string | null {
	const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
	return m?.[1] ?? null;
}
