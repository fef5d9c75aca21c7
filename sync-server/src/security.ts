// Security events: one JSON log line each (event "security", no token, no content, no
// address) and a counter on /metrics (bangfu_security_events_total{kind}). Who: the
// workspace and the token id (jti), which an owner can revoke; never the token itself.
import { CloseEvent } from '#protocol';
import { log } from './log.ts';
import type { Metrics } from './metrics.ts';

export type SecurityKind =
	| 'malformed_frame'
	| 'rate_limited'
	| 'backpressure'
	| 'awareness_limit'
	| 'awareness_spoof'
	| 'room_full'
	| 'workspace_full'
	| 'room_quota'
	| 'missing_dependencies'
	| 'token_expired'
	| 'token_revoked'
	| 'room_quarantined';

export type SecurityContext = { workspace?: string; room?: string; jti?: string };

export function security(
	metrics: Metrics,
	kind: SecurityKind,
	who: SecurityContext,
	detail: Record<string, string | number> = {}
): void {
	metrics.security.inc({ kind });
	log('security', { kind, ...who, ...detail });
}

/** The security kind (and reject reason) of a write refused with `code`. */
export function refusalKind(
	code: number
): 'room_full' | 'workspace_full' | 'missing_dependencies' | null {
	if (code === CloseEvent.roomFull.code) return 'room_full';
	if (code === CloseEvent.workspaceFull.code) return 'workspace_full';
	if (code === CloseEvent.missingDependencies.code) return 'missing_dependencies';
	return null;
}
