// Security events: one JSON log line each (log.ts: never a token, a document's content or a
// client address) and a counter on /metrics, so an operator sees refusals, revocations and
// quota hits without reading documents (issue 10 #11).
import { Counter, type Registry } from 'prom-client';
import { log } from './log.ts';

export type SecurityEvent =
	/** A token that failed verification, expired, was revoked, or names another workspace. */
	| 'token_refused'
	/** An owner revoked a device or an invitation. */
	| 'token_revoked'
	/** A quota or rate limit refused a request (registrations, blob bytes, connections). */
	| 'quota_hit'
	/** A request from an origin /api does not allow. */
	| 'origin_refused'
	/** /metrics without the METRICS_TOKEN. */
	| 'metrics_refused';

type Fields = Record<string, string | number | boolean | undefined>;

export type SecurityLog = { event(kind: SecurityEvent, fields?: Fields): void };

export function createSecurityLog(registry: Registry): SecurityLog {
	const counter = new Counter({
		name: 'bangfu_security_events_total',
		help: 'Security events (refused tokens, revocations, quota hits…), by event and reason',
		labelNames: ['event', 'reason'] as const,
		registers: [registry]
	});
	return {
		event(kind, fields = {}) {
			counter.inc({ event: kind, reason: String(fields.reason ?? '') });
			log(`security_${kind}`, fields);
		}
	};
}
