// The relay's storage seam. The embedded default is SQLite (sqlite.ts); a scale-out store
// (Postgres) implements the same interfaces and must pass the same contract suite
// (contract.ts). Everything is async so a networked store fits without changing callers.
import type { Role } from '#protocol';

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
	/** Seconds since the epoch. */
	expiresAt: number;
	/** Free text shown to the owner (e.g. "invite: viewer"); never personal data. */
	label: string;
	revokedAt: number | null;
};

export interface MetaStore {
	/** Registers a workspace; false when the id is taken. */
	registerWorkspace(workspaceId: string): Promise<boolean>;
	workspaceExists(workspaceId: string): Promise<boolean>;
	recordToken(token: Omit<TokenRecord, 'revokedAt'>): Promise<void>;
	/** Marks a token revoked; 'not_found' when the workspace never issued it. */
	revokeToken(workspaceId: string, jti: string): Promise<'revoked' | 'not_found'>;
	isRevoked(jti: string): Promise<boolean>;
	listTokens(workspaceId: string): Promise<TokenRecord[]>;
}
