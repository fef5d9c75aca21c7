// Part of the protocol module (protocol.ts re-exports it): every close the relay sends and
// what a client reads from one. Outside clients rely on these codes (DESIGN.md "The wire").

/**
 * Every WebSocket close the relay sends, as `{ code, reason }` (hocuspocus `CloseEvents`
 * style): compare codes, and where two events share a code, compare the reason constant. The
 * stock y-websocket client stops reconnecting on 4400-4499 (a deliberate, permanent refusal)
 * and retries everything else, so the range of each code is chosen for that behaviour.
 */
export const CloseEvent = {
	/** Normal close (client went away or asked). */
	normal: { code: 1000, reason: 'normal' },
	/** The relay is shutting down (SIGTERM); reconnect later. */
	goingAway: { code: 1001, reason: 'relay shutting down' },
	/** Frame larger than MAX_MESSAGE_BYTES; sent by the `ws` library itself before buffering it. */
	messageTooBig: { code: 1009, reason: 'message too big' },
	/** A frame that is not a well-formed y-websocket message (bad varints, unknown type, text frame). */
	malformed: { code: 4400, reason: 'malformed message' },
	/** The owner revoked this token (or the invitation that admitted it) while connected. */
	tokenRevoked: { code: 4401, reason: 'token revoked' },
	/** The token's expiry passed while connected (closed at that second); get a new token. */
	tokenExpired: { code: 4401, reason: 'token expired' },
	/** The room reached ROOM_MAX_BYTES: the update was not stored; the room stays readable. */
	roomFull: { code: 4413, reason: 'room size cap reached' },
	/** The workspace reached WORKSPACE_MAX_BYTES across its rooms: the update was not stored. */
	workspaceFull: { code: 4414, reason: 'workspace size quota reached' },
	/** Awareness update over the per-connection state count, per-state bytes or room cap.
	 * (Entries for a client id another connection announced first are dropped, not closed.) */
	awarenessLimit: { code: 4420, reason: 'awareness limit' },
	/** More updates waiting for missing dependencies than the bound: they never arrived. */
	missingDependencies: { code: 4422, reason: 'too many updates with missing dependencies' },
	/** Unexpected relay failure (e.g. the store could not commit); retry with backoff. */
	storeFailure: { code: 4500, reason: 'store failure' },
	/** The client does not read fast enough and its send buffer hit the cap; retry later. */
	slowConsumer: { code: 4503, reason: 'slow consumer' },
	/** Awareness messages over the per-connection awareness rate; retry with backoff. (Document
	 * messages over the message rate are slowed down, never closed: backpressure.) */
	rateLimited: { code: 4529, reason: 'rate limited' }
} as const satisfies Record<string, { code: number; reason: string }>;
export type CloseEvent = (typeof CloseEvent)[keyof typeof CloseEvent];

/** The codes alone (kept for callers that compare codes only). */
export const CloseCode = {
	normal: CloseEvent.normal.code,
	goingAway: CloseEvent.goingAway.code,
	messageTooBig: CloseEvent.messageTooBig.code,
	malformed: CloseEvent.malformed.code,
	/** Token revoked or expired while connected; `reason` says which (CloseEvent). */
	unauthorised: CloseEvent.tokenRevoked.code,
	roomFull: CloseEvent.roomFull.code,
	workspaceFull: CloseEvent.workspaceFull.code,
	awarenessLimit: CloseEvent.awarenessLimit.code,
	missingDependencies: CloseEvent.missingDependencies.code,
	internalError: CloseEvent.storeFailure.code,
	slowConsumer: CloseEvent.slowConsumer.code,
	rateLimited: CloseEvent.rateLimited.code
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Why a live socket was closed for its token, from the close event; null when it was not. */
export function tokenCloseReason(event: {
	code: number;
	reason: string;
}): 'expired' | 'revoked' | null {
	if (event.code !== CloseEvent.tokenRevoked.code) return null;
	return event.reason === CloseEvent.tokenExpired.reason ? 'expired' : 'revoked';
}

/** Which relay limit closed a live socket (the header says "limit reached"); null for others. */
export function limitCloseReason(event: {
	code: number;
}): 'room_full' | 'workspace_full' | 'rate_limited' | 'awareness' | null {
	if (event.code === CloseEvent.roomFull.code) return 'room_full';
	if (event.code === CloseEvent.workspaceFull.code) return 'workspace_full';
	if (event.code === CloseEvent.rateLimited.code) return 'rate_limited';
	if (event.code === CloseEvent.awarenessLimit.code) return 'awareness';
	return null;
}
export type LimitReason = NonNullable<ReturnType<typeof limitCloseReason>>;

/** Close codes after which retrying with the same token cannot help. */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}
