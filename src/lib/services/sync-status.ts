// One status for the header from the connections of a workspace's documents.
import type { ConnectionLimit, SyncStatus, UnauthorisedReason } from '$lib/sync/connection';

export type WorkspaceSyncStatus =
	| { state: 'local' }
	| { state: 'synced' }
	| { state: 'connecting'; pending: number }
	| { state: 'waiting'; pending: number }
	/** Connected, first exchange with the relay still under way, nothing of ours waiting. */
	| { state: 'syncing' }
	| { state: 'offline'; since: Date; pending: number }
	/** The relay closed a connection at a limit: reachable, but not taking our changes now. */
	| { state: 'limited'; reason: ConnectionLimit; pending: number }
	/** The relay refused this device's token (revoked, expired, another workspace's). */
	| { state: 'unauthorised'; reason: UnauthorisedReason; pending: number };

export function combineStatus(statuses: readonly SyncStatus[]): WorkspaceSyncStatus {
	if (statuses.length === 0) return { state: 'local' };
	const pending = statuses.reduce((n, s) => n + s.pending, 0);
	const refused = statuses.find((s) => s.state === 'unauthorised');
	if (refused) return { state: 'unauthorised', reason: refused.reason, pending };
	const limited = statuses.find((s) => s.state === 'limited');
	if (limited) return { state: 'limited', reason: limited.reason, pending };
	const offline = statuses.filter((s) => s.state === 'offline');
	if (offline.length > 0) {
		const since = new Date(Math.min(...offline.map((s) => s.since.getTime())));
		return { state: 'offline', since, pending };
	}
	if (statuses.some((s) => s.state === 'connecting')) return { state: 'connecting', pending };
	if (pending > 0) return { state: 'waiting', pending };
	if (statuses.some((s) => s.state === 'connected' && !s.synced)) return { state: 'syncing' };
	return { state: 'synced' };
}
