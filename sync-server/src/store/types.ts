// The relay's storage seam. The embedded default is SQLite (sqlite.ts); a scale-out store
// (Postgres) implements the same interfaces and must pass the same contract suite
// (contract.ts). Everything is async so a networked store fits without changing callers.
import type { Role, TokenKind } from '#protocol';

export type AppendEntry = { room: string; update: Uint8Array };

export type CompactResult = {
	/** Updates folded into the snapshot (0 when there was nothing to do). */
	merged: number;
	/** Size of the new snapshot in bytes. */
	snapshotBytes: number;
};

export interface RoomStore {
	/**
	 * Durably appends updates, all or none, in order. Resolves only once they survive a power
	 * cut (the relay relays nothing before this resolves).
	 */
	append(entries: readonly AppendEntry[]): Promise<void>;
	/** Everything stored for a room, oldest first: apply them all to rebuild its state. */
	load(room: string): Promise<Uint8Array[]>;
	/** Stored bytes (snapshot + log) of every room of a workspace: `W` and `W/<shard>`. */
	workspaceUsage(workspaceId: string): Promise<Map<string, number>>;
	/** Number of updates stored after the room's snapshot (drives compaction). */
	logLength(room: string): Promise<number>;
	/**
	 * Folds the room's log into one snapshot. May run concurrently with append(): updates
	 * appended meanwhile stay in the log, nothing is lost, appends are not held up.
	 */
	compact(room: string): Promise<CompactResult>;
	close(): Promise<void>;
}

export type TokenRecord = {
	jti: string;
	workspaceId: string;
	role: Role;
	/** owner: registration or operator; invitation: only redeemable at /devices; device: one device. */
	kind: TokenKind;
	/** Seconds since the epoch. */
	expiresAt: number;
	/** Free text shown to the owner (e.g. "invite: viewer"); never personal data. */
	label: string;
	/** A device's name as its user gave it ("王老师的手机"); empty for other kinds. */
	name: string;
	/** The invitation that admitted this device; null for other kinds. */
	invitationId: string | null;
	/** The app's own device id, so a device redeeming twice replaces its token. */
	deviceId: string | null;
	/** Invitations: how many devices it may admit (null: no limit) and how many it has. */
	maxUses: number | null;
	uses: number;
	/** Seconds since the epoch of the last accepted use (throttled), or null. */
	lastSeenAt: number | null;
	revokedAt: number | null;
};

export type NewToken = Pick<TokenRecord, 'jti' | 'workspaceId' | 'role' | 'expiresAt' | 'label'> &
	Partial<Pick<TokenRecord, 'kind' | 'name' | 'invitationId' | 'deviceId' | 'maxUses'>>;

export type RedeemResult =
	| { ok: true; replaced: string | null }
	| { ok: false; reason: 'not_found' | 'revoked' | 'used_up' };

export interface MetaStore {
	/** Registers a workspace; false when the id is taken. */
	registerWorkspace(workspaceId: string): Promise<boolean>;
	workspaceExists(workspaceId: string): Promise<boolean>;
	recordToken(token: NewToken): Promise<void>;
	/** Marks a token revoked; 'not_found' when the workspace never issued it. */
	revokeToken(workspaceId: string, jti: string): Promise<'revoked' | 'not_found'>;
	/**
	 * Revokes a token and, for an invitation, every device it admitted; returns the ids now
	 * revoked (the token first), or null when the workspace never issued it.
	 */
	revokeWithDevices(workspaceId: string, jti: string): Promise<string[] | null>;
	isRevoked(jti: string): Promise<boolean>;
	getToken(jti: string): Promise<TokenRecord | null>;
	listTokens(workspaceId: string): Promise<TokenRecord[]>;
	/**
	 * Records a device admitted by an invitation, all or nothing: the invitation must be
	 * live and under its maxUses. A device redeeming again (same deviceId) replaces its
	 * previous token (revoked, returned as `replaced`) without using the invitation up.
	 */
	redeemInvitation(invitationJti: string, device: NewToken): Promise<RedeemResult>;
	/** Notes that a token was used at `at` (seconds). */
	touchToken(jti: string, at: number): Promise<void>;
}
