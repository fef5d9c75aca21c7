// An awareness message from a connection: its rate, the caps (limits.ts), the binding of
// client ids to the connection that announced them first (entries for someone else's id are
// dropped; a newer clock for one is counted as spoofing), then applied to the room.
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseEvent, Limits } from '#protocol';
import type { RejectReason } from '../metrics.ts';
import type { Room, RoomMember } from '../rooms/index.ts';
import type { SecurityKind } from '../security.ts';
import { checkAwarenessUpdate, type TokenBucket } from './limits.ts';

type Report = (reason: RejectReason, kind: SecurityKind, detail?: Record<string, string>) => void;

/** Applies `update` from `member`; returns why the connection must close, or null. */
export function applyAwareness(
	member: RoomMember & { room: Room },
	rate: TokenBucket,
	update: Uint8Array,
	report: Report
): { code: number; reason: string } | 'malformed' | null {
	const room = member.room;
	if (!rate.take()) {
		report('rate_limited', 'rate_limited', { what: 'awareness' });
		return { code: CloseEvent.rateLimited.code, reason: 'awareness rate limited' };
	}
	const check = checkAwarenessUpdate(update, member.controlled, room.awarenessOwners(member));
	if (!check.ok) {
		if (check.reason === 'malformed') return 'malformed';
		report('awareness_limit', 'awareness_limit');
		return CloseEvent.awarenessLimit;
	}
	if (check.spoofed > 0) {
		// Dropped, not applied; the connection's own entries still are.
		report('awareness_spoof', 'awareness_spoof', { entries: String(check.spoofed) });
	}
	if (check.clients.length === 0) return null;
	const states = room.awareness.getStates();
	const fresh = check.clients.filter((c) => !states.has(c)).length;
	if (states.size + fresh > Limits.maxAwarenessStatesPerRoom) {
		report('awareness_limit', 'awareness_limit', { what: 'room' });
		return { code: CloseEvent.awarenessLimit.code, reason: 'room awareness full' };
	}
	awarenessProtocol.applyAwarenessUpdate(room.awareness, check.update, member);
	return null;
}
