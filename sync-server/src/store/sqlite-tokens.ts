// The tokens table of the embedded store: invitations, the devices they admitted, owners.
// Redeeming and revoking are single transactions, so two phones scanning the last use of an
// invitation at the same instant cannot both get in.
import type Database from 'better-sqlite3';
import type { Role, TokenKind } from '#protocol';
import type { NewToken, RedeemResult, TokenRecord } from './types.ts';

type TokenRow = {
	jti: string;
	workspace_id: string;
	role: Role;
	kind: TokenKind;
	expires_at: number;
	label: string;
	name: string;
	invitation_jti: string | null;
	device_id: string | null;
	max_uses: number | null;
	uses: number;
	last_seen: number | null;
	revoked_at: number | null;
};

function toRecord(r: TokenRow): TokenRecord {
	return {
		jti: r.jti,
		workspaceId: r.workspace_id,
		role: r.role,
		kind: r.kind,
		expiresAt: r.expires_at,
		label: r.label,
		name: r.name,
		invitationId: r.invitation_jti,
		deviceId: r.device_id,
		maxUses: r.max_uses,
		uses: r.uses,
		lastSeenAt: r.last_seen,
		revokedAt: r.revoked_at
	};
}

const now = () => Math.floor(Date.now() / 1000);

export class SqliteTokens {
	#stmt;
	#redeem: Database.Transaction<(invitation: string, device: NewToken) => RedeemResult>;
	#revokeCascade: Database.Transaction<(workspaceId: string, jti: string) => string[] | null>;

	constructor(db: Database.Database) {
		this.#stmt = {
			add: db.prepare(
				`INSERT INTO tokens (jti, workspace_id, role, kind, expires_at, label, name,
				 invitation_jti, device_id, max_uses) VALUES
				 (@jti, @workspaceId, @role, @kind, @expiresAt, @label, @name, @invitationId, @deviceId, @maxUses)`
			),
			get: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE jti = ?'),
			revoke: db.prepare(
				`UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE jti = ? AND workspace_id = ?`
			),
			devicesOf: db.prepare<[string], { jti: string }>(
				'SELECT jti FROM tokens WHERE invitation_jti = ? AND revoked_at IS NULL'
			),
			revokeDevicesOf: db.prepare(
				'UPDATE tokens SET revoked_at = ? WHERE invitation_jti = ? AND revoked_at IS NULL'
			),
			revoked: db.prepare<[string], { one: number }>(
				'SELECT 1 AS one FROM tokens WHERE jti = ? AND revoked_at IS NOT NULL'
			),
			list: db.prepare<[string], TokenRow>(
				'SELECT * FROM tokens WHERE workspace_id = ? ORDER BY rowid'
			),
			sameDevice: db.prepare<[string, string], { jti: string }>(
				`SELECT jti FROM tokens WHERE invitation_jti = ? AND device_id = ? AND revoked_at IS NULL`
			),
			use: db.prepare('UPDATE tokens SET uses = uses + 1 WHERE jti = ?'),
			revokeOne: db.prepare('UPDATE tokens SET revoked_at = ? WHERE jti = ?'),
			touch: db.prepare('UPDATE tokens SET last_seen = ? WHERE jti = ?')
		};
		const s = this.#stmt;
		// Called with .immediate(): these read, then write. Another connection (the writer
		// thread, the compactor) may commit between the two, and a deferred transaction that
		// already read cannot take the write lock then (SQLITE_BUSY at once, no busy wait).
		this.#redeem = db.transaction((invitation: string, device: NewToken): RedeemResult => {
			const inv = s.get.get(invitation);
			if (!inv || inv.kind !== 'invitation' || inv.workspace_id !== device.workspaceId) {
				return { ok: false, reason: 'not_found' };
			}
			if (inv.revoked_at !== null) return { ok: false, reason: 'revoked' };
			const previous = device.deviceId ? s.sameDevice.get(invitation, device.deviceId) : undefined;
			if (previous) s.revokeOne.run(now(), previous.jti);
			else {
				if (inv.max_uses !== null && inv.uses >= inv.max_uses) {
					return { ok: false, reason: 'used_up' };
				}
				s.use.run(invitation);
			}
			s.add.run(row({ ...device, kind: 'device', invitationId: invitation }));
			return { ok: true, replaced: previous?.jti ?? null };
		});
		this.#revokeCascade = db.transaction((workspaceId: string, jti: string) => {
			const at = now();
			if (s.revoke.run(at, jti, workspaceId).changes !== 1) return null;
			const devices = s.devicesOf.all(jti).map((d) => d.jti);
			s.revokeDevicesOf.run(at, jti);
			return [jti, ...devices];
		});
	}

	record(t: NewToken): void {
		this.#stmt.add.run(row(t));
	}

	revoke(workspaceId: string, jti: string): 'revoked' | 'not_found' {
		return this.#revokeCascade.immediate(workspaceId, jti) ? 'revoked' : 'not_found';
	}

	revokeWithDevices(workspaceId: string, jti: string): string[] | null {
		return this.#revokeCascade.immediate(workspaceId, jti);
	}

	isRevoked(jti: string): boolean {
		return this.#stmt.revoked.get(jti) !== undefined;
	}

	get(jti: string): TokenRecord | null {
		const r = this.#stmt.get.get(jti);
		return r ? toRecord(r) : null;
	}

	list(workspaceId: string): TokenRecord[] {
		return this.#stmt.list.all(workspaceId).map(toRecord);
	}

	redeem(invitation: string, device: NewToken): RedeemResult {
		return this.#redeem.immediate(invitation, device);
	}

	touch(jti: string, at: number): void {
		this.#stmt.touch.run(at, jti);
	}
}

function row(t: NewToken) {
	return {
		jti: t.jti,
		workspaceId: t.workspaceId,
		role: t.role,
		kind: t.kind ?? (t.role === 'owner' ? 'owner' : 'device'),
		expiresAt: t.expiresAt,
		label: t.label,
		name: t.name ?? '',
		invitationId: t.invitationId ?? null,
		deviceId: t.deviceId ?? null,
		maxUses: t.maxUses ?? null
	};
}
