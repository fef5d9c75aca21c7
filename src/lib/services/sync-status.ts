// One status for the header from the connections of a workspace's documents.
import type { SyncStatus } from '$lib/sync/connection';

export type WorkspaceSyncStatus =
	| { state: 'local' }
	| { state: 'synced' }
	| { state: 'connecting'; pending: number }
	| { state: 'waiting'; pending: number }
	/** Connected, first exchange with the relay still under way, nothing of ours waiting. */
	| { state: 'syncing' }
	| { state: 'offline'; since: Date; pending: number }
	| { state: 'unauthorised'; pending: number };

export function combineStatus(statuses: readonly SyncStatus[]): WorkspaceSyncStatus {
	if (statuses.length === 0) return { state: 'local' };
	const pending = statuses.reduce((n, s) => n + s.pending, 0);
	if (statuses.some((s) => s.state === 'unauthorised')) return { state: 'unauthorised', pending };
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
