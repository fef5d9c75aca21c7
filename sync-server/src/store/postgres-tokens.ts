// The tokens of the Postgres store: owners, invitations and the devices they admitted, the
// same rules as the embedded store (sqlite-tokens.ts). Redeeming and revoking are single
// transactions with the invitation's row locked, so two phones taking the last use of an
// invitation at the same instant, on two relay processes, cannot both get in.
import type postgres from 'postgres';
import type { Role, TokenKind } from '#protocol';
import type { NewToken, RedeemResult, TokenRecord } from './types.ts';

type Sql = postgres.Sql<Record<string, never>>;
type Tx = postgres.TransactionSql<Record<string, never>>;
type TokenRow = {
	jti: string;
	workspace_id: string;
	role: Role;
	kind: TokenKind;
	expires_at: string;
	label: string;
	name: string;
	invitation_jti: string | null;
	device_id: string | null;
	max_uses: number | null;
	uses: number;
	last_seen: string | null;
	revoked_at: string | null;
};

const num = (v: string | null) => (v === null ? null : Number(v));
const now = () => Math.floor(Date.now() / 1000);

function toRecord(r: TokenRow): TokenRecord {
	return {
		jti: r.jti,
		workspaceId: r.workspace_id,
		role: r.role,
		kind: r.kind,
		expiresAt: Number(r.expires_at),
		label: r.label,
		name: r.name,
		invitationId: r.invitation_jti,
		deviceId: r.device_id,
		maxUses: r.max_uses,
		uses: r.uses,
		lastSeenAt: num(r.last_seen),
		revokedAt: num(r.revoked_at)
	};
}

async function insert(sql: Sql | Tx, t: NewToken): Promise<void> {
	await sql`
		INSERT INTO bangfu_tokens (jti, workspace_id, role, kind, expires_at, label, name,
			invitation_jti, device_id, max_uses)
		VALUES (${t.jti}, ${t.workspaceId}, ${t.role},
			${t.kind ?? (t.role === 'owner' ? 'owner' : 'device')}, ${t.expiresAt}, ${t.label},
			${t.name ?? ''}, ${t.invitationId ?? null}, ${t.deviceId ?? null}, ${t.maxUses ?? null})`;
}

export class PostgresTokens {
	readonly #sql: Sql;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	record(t: NewToken): Promise<void> {
		return insert(this.#sql, t);
	}

	async revokeWithDevices(workspaceId: string, jti: string): Promise<string[] | null> {
		return this.#sql.begin(async (tx) => {
			const at = now();
			const hit = await tx`
				UPDATE bangfu_tokens SET revoked_at = coalesce(revoked_at, ${at})
				WHERE jti = ${jti} AND workspace_id = ${workspaceId} RETURNING jti`;
			if (hit.length !== 1) return null;
			const devices = await tx<{ jti: string }[]>`
				UPDATE bangfu_tokens SET revoked_at = ${at}
				WHERE invitation_jti = ${jti} AND revoked_at IS NULL RETURNING jti`;
			return [jti, ...devices.map((d) => d.jti)];
		});
	}

	async isRevoked(jti: string): Promise<boolean> {
		const rows = await this.#sql`
			SELECT 1 FROM bangfu_tokens WHERE jti = ${jti} AND revoked_at IS NOT NULL`;
		return rows.length === 1;
	}

	async get(jti: string): Promise<TokenRecord | null> {
		const [r] = await this.#sql<TokenRow[]>`SELECT * FROM bangfu_tokens WHERE jti = ${jti}`;
		return r ? toRecord(r) : null;
	}

	async list(workspaceId: string): Promise<TokenRecord[]> {
		const rows = await this.#sql<TokenRow[]>`
			SELECT * FROM bangfu_tokens WHERE workspace_id = ${workspaceId} ORDER BY seq`;
		return rows.map(toRecord);
	}

	async redeem(invitation: string, device: NewToken): Promise<RedeemResult> {
		return this.#sql.begin(async (tx): Promise<RedeemResult> => {
			const [inv] = await tx<TokenRow[]>`
				SELECT * FROM bangfu_tokens WHERE jti = ${invitation} FOR UPDATE`;
			if (!inv || inv.kind !== 'invitation' || inv.workspace_id !== device.workspaceId) {
				return { ok: false, reason: 'not_found' };
			}
			if (inv.revoked_at !== null) return { ok: false, reason: 'revoked' };
			const [previous] = device.deviceId
				? await tx<{ jti: string }[]>`
					SELECT jti FROM bangfu_tokens WHERE invitation_jti = ${invitation}
					AND device_id = ${device.deviceId} AND revoked_at IS NULL`
				: [];
			if (previous) {
				await tx`UPDATE bangfu_tokens SET revoked_at = ${now()} WHERE jti = ${previous.jti}`;
			} else {
				if (inv.max_uses !== null && inv.uses >= inv.max_uses) {
					return { ok: false, reason: 'used_up' };
				}
				await tx`UPDATE bangfu_tokens SET uses = uses + 1 WHERE jti = ${invitation}`;
			}
			await insert(tx, { ...device, kind: 'device', invitationId: invitation });
			return { ok: true, replaced: previous?.jti ?? null };
		});
	}

	async touch(jti: string, at: number): Promise<void> {
		await this.#sql`UPDATE bangfu_tokens SET last_seen = ${at} WHERE jti = ${jti}`;
	}
}
