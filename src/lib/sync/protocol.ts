// The one protocol module shared by the browser client and the relay. It imports nothing
// Node-only: the app bundles it. Outside clients rely on these numbers (DESIGN.md "The wire"),
// so change them only together with PROTOCOL_VERSION and a note in the README.
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

/**
 * Bumped when the relay's behaviour on the wire changes in a way a client can notice
 * (new close code, new limit semantics). The y-websocket framing itself is not ours to version.
 */
export const PROTOCOL_VERSION = 2;

/** Top-level y-websocket message types (y-websocket's own numbering, unchanged). */
export const MessageType = {
	/** y-protocols sync: step 1 (state vector), step 2 (diff), update. */
	sync: 0,
	/** y-protocols awareness update (presence, cursors). */
	awareness: 1,
	/** y-protocols auth; the relay never sends it and refuses it from clients. */
	auth: 2,
	/** "send me every awareness state you know". */
	queryAwareness: 3
} as const;

/** Second varint of a `sync` message (y-protocols/sync numbering). */
export const SyncMessageType = {
	step1: 0,
	step2: 1,
	update: 2
} as const;

// Close events and what a client reads from them: close-events.ts (same contract).
export * from './close-events.ts';

/** Limits shared by relay and client; the relay enforces them, the client stays under them. */
export const Limits = {
	/** Default MAX_MESSAGE_BYTES: 4 MiB fits a first sync of a county-sized shard and a photo-free doc. */
	maxMessageBytes: 4 * 1024 * 1024,
	/** Awareness client ids one connection may own: one per tab of a device, with headroom. */
	maxAwarenessStatesPerConnection: 8,
	/** One awareness state's JSON: a name, a colour and a cursor fit in far less. */
	maxAwarenessStateBytes: 4 * 1024,
	/** Awareness states kept per room, whoever owns them: bounds the relay's memory per room. */
	maxAwarenessStatesPerRoom: 2_000,
	/** Sustained messages/s per connection; above a fast typist's ~30/s and a bulk import's bursts.
	 * Over it the relay stops reading the socket until the bucket refills (backpressure): the
	 * sender is slowed down, never closed, and nothing it sent is lost. */
	messagesPerSecond: 3_000,
	/** Token-bucket size: a reconnect after a long offline spell replays a burst of updates. */
	messageBurst: 6_000,
	/** Bytes of sync step 2 and query-awareness answers per second per token (each is an
	 * encoding of the document or the awareness set): over it the asking socket is read more
	 * slowly. Each answer counts at least `minAnswerCharge`. */
	answerBytesPerSecondPerToken: 4 * 1024 * 1024,
	/** Bucket size: a device opening a county-sized workspace and its shards at once. */
	answerBurstBytesPerToken: 32 * 1024 * 1024,
	/** The same per room, whoever asks. */
	answerBytesPerSecondPerRoom: 16 * 1024 * 1024,
	answerBurstBytesPerRoom: 64 * 1024 * 1024,
	/** What the smallest answer costs: the encoding has a fixed cost however small the room. */
	minAnswerCharge: 16 * 1024,
	/** Updates one connection may have waiting for dependencies that have not arrived. */
	maxWaitingUpdatesPerConnection: 256,
	/** Their bytes. */
	maxWaitingBytesPerConnection: 4 * 1024 * 1024,
	/** Sustained awareness messages/s per connection: cursor moves, not a firehose. */
	awarenessPerSecond: 100,
	/** Awareness bucket size. */
	awarenessBurst: 300,
	/** Unsent bytes queued to one socket before it is closed as a slow consumer. */
	maxBufferedBytes: 16 * 1024 * 1024,
	/** Default cap for one blob (photo or signed scan); phone photos are 2-6 MB. */
	maxBlobBytes: 16 * 1024 * 1024
} as const;

/** Workspace ids: URL-safe, long enough to be unguessable when random (nanoid is 21). */
export const WORKSPACE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Shard names below a workspace, e.g. `visits-2026`. */
export const SHARD_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Token ids (jti): nanoid alphabet. */
export const TOKEN_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Blob ids: lowercase hex SHA-256 of the content. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export type RoomName = { workspaceId: string; shard: string | null };

/** `W` or `W/shard` -> its parts, or null when the name is not a valid room. */
export function parseRoomName(room: string): RoomName | null {
	const slash = room.indexOf('/');
	const workspaceId = slash === -1 ? room : room.slice(0, slash);
	const shard = slash === -1 ? null : room.slice(slash + 1);
	if (!WORKSPACE_ID_PATTERN.test(workspaceId)) return null;
	if (shard !== null && !SHARD_PATTERN.test(shard)) return null;
	return { workspaceId, shard };
}

export const Role = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof Role>;

/**
 * What a token is for. An **invitation** (a join link, a QR code) is only redeemed at
 * `POST /api/workspaces/:id/devices` for a **device** token, one per device, which opens the
 * sockets; an **owner** token comes from registering or from the operator. Tokens minted
 * before invitations and devices existed carry no kind.
 */
export const TokenKind = z.enum(['owner', 'invitation', 'device']);
export type TokenKind = z.infer<typeof TokenKind>;

/** What a relay token says (JWT claims). Signed by the relay; opaque to clients except for display. */
export const TokenClaims = z.object({
	/** Workspace id the token opens (and its shards). */
	ws: z.string().regex(WORKSPACE_ID_PATTERN),
	role: Role,
	/** Token id, used to revoke it. */
	jti: z.string().regex(TOKEN_ID_PATTERN),
	/** Expiry, seconds since the epoch. */
	exp: z.number().int().positive(),
	iat: z.number().int().nonnegative().optional(),
	/** Absent on tokens minted before kinds existed. */
	kind: TokenKind.optional()
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** Roles whose document updates the relay applies. */
export function canWrite(role: Role): boolean {
	return role !== 'viewer';
}

/** Stable `error` codes in the relay's JSON error bodies: `{ "error": code, "message": text }`. */
export const ApiError = {
	unauthorised: 'unauthorised',
	tokenExpired: 'token_expired',
	tokenRevoked: 'token_revoked',
	forbidden: 'forbidden',
	notFound: 'not_found',
	methodNotAllowed: 'method_not_allowed',
	badRequest: 'bad_request',
	registrationClosed: 'registration_closed',
	workspaceExists: 'workspace_exists',
	hashMismatch: 'hash_mismatch',
	tooLarge: 'too_large',
	tooManyConnections: 'too_many_connections',
	/** Too many requests of one kind from one address (registrations per hour). */
	rateLimited: 'rate_limited',
	/** A per-workspace quota (blob bytes, rooms) would be exceeded: delete something first. */
	quotaExceeded: 'quota_exceeded',
	/** The relay's disk is full (HTTP 507); retry later. */
	insufficientStorage: 'insufficient_storage',
	/** Storage is failing or the relay is at capacity (HTTP 503); retry later. */
	unavailable: 'unavailable',
	/** An invitation token where a device token is needed (a socket, a blob): redeem it first. */
	invitationToken: 'invitation_token',
	/** `POST …/devices` with a token that is not an invitation. */
	notAnInvitation: 'not_an_invitation',
	/** The invitation admitted as many devices as its maxUses allows. */
	invitationUsedUp: 'invitation_used_up',
	/** A request body arrived too slowly (HTTP 408). */
	timeout: 'request_timeout',
	/** The room failed to load and is quarantined until an operator repairs it. */
	roomUnavailable: 'room_unavailable',
	internal: 'internal'
} as const;
export type ApiError = (typeof ApiError)[keyof typeof ApiError];

function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	if (sub !== null) encoding.writeVarUint(encoder, sub);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** An awareness message around a y-protocols awareness update (`encodeAwarenessUpdate`). */
export function awarenessFrame(update: Uint8Array): Uint8Array {
	return frame(MessageType.awareness, null, update);
}

/** A sync `update` message around a Yjs update. */
export function updateFrame(update: Uint8Array): Uint8Array {
	return frame(MessageType.sync, SyncMessageType.update, update);
}

/** Sync step 1: the sender's state vector. */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
	return frame(MessageType.sync, SyncMessageType.step1, stateVector);
}

/** Sync step 2: the diff against the peer's state vector. */
export function syncStep2Frame(diff: Uint8Array): Uint8Array {
	return frame(MessageType.sync, SyncMessageType.step2, diff);
}
