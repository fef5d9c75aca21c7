// Relay configuration from the environment (DESIGN.md "Commands"). Read once at start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Limits } from '#protocol';

export type RelayConfig = {
	port: number;
	/** Interface to bind; tests use 127.0.0.1. */
	host: string | undefined;
	dataDir: string;
	/** HMAC key for tokens (HS256). */
	secret: Uint8Array;
	registration: 'open' | 'closed';
	maxMessageBytes: number;
	/** permessage-deflate on the sync sockets (WS_DEFLATE=on|off, default on). */
	deflate: boolean;
	maxBlobBytes: number;
	/** Bytes of blobs one workspace may hold (BLOB_QUOTA_BYTES). */
	blobQuotaBytes: number;
	/** Public base URL for join links (e.g. https://relay.example.org); defaults to the request's Host. */
	publicUrl: string | undefined;
	/** Sockets (HTTP and WebSocket) open at once; past it only /healthz is answered. */
	maxConnections: number;
	/** Sockets from one address; 0 = no limit (set it behind a reverse proxy). */
	maxConnectionsPerAddress: number;
	/** Workspace registrations per address per hour. */
	registrationsPerHour: number;
	/** Time for a request's headers to arrive. */
	headersTimeoutMs: number;
	/** A request body must deliver 16 KiB (or end) in every window of this length. */
	bodyTimeoutMs: number;
	/** Origins (besides the relay's own and PUBLIC_URL) whose pages may call /api; '*' = any. */
	corsOrigins: string[] | '*';
	/** When set, GET /metrics needs `Authorization: Bearer <token>`. */
	metricsToken: string | undefined;
	/** Take the client address from the last X-Forwarded-For hop (behind one reverse proxy). */
	trustProxy: boolean;
	/** Serve ./build (the PWA) from the same port. */
	serveApp: boolean;
	/** Compact a room's log once it holds this many updates since its snapshot. */
	compactAfterUpdates: number;
	/** Unload a room this long after its last connection left. */
	roomIdleMs: number;
	/** Per-connection message rate and bucket: over it the socket is read more slowly. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Answer bytes (sync step 2, query-awareness) per second and bucket, per token and per room. */
	answerBytesPerSecondPerToken: number;
	answerBurstBytesPerToken: number;
	answerBytesPerSecondPerRoom: number;
	answerBurstBytesPerRoom: number;
	/** Stored bytes one room may hold (snapshot + log): below V8's string limit and the `ws`
	 * client's 100 MiB message limit, so every room loads and its first sync fits one frame. */
	roomMaxBytes: number;
	/** Stored bytes across all rooms of one workspace. */
	workspaceMaxBytes: number;
	/** Rooms (the main document and its shards) one workspace may have. */
	workspaceMaxRooms: number;
	/** How long a room that failed to load is refused before the next attempt. */
	quarantineMs: number;
	/** Scale-out store (Postgres); unset = the SQLite file under dataDir (store/index.ts). */
	databaseUrl: string | undefined;
	/** Scale-out fan-out (Redis Streams); unset = in-process only (fanout/index.ts). */
	redisUrl: string | undefined;
};

export const SECRET_FILE = 'relay-secret';
/** 32 random bytes = HS256's full key strength. */
const SECRET_BYTES = 32;

/** Returns RELAY_SECRET, or the one kept in DATA_DIR, generating it on the very first start. */
export function loadSecret(dataDir: string, fromEnv: string | undefined): Uint8Array {
	if (fromEnv && fromEnv.length > 0) return new TextEncoder().encode(fromEnv);
	const file = join(dataDir, SECRET_FILE);
	if (!existsSync(file)) {
		// 'wx' fails if another process created it meanwhile; then we read theirs.
		try {
			writeFileSync(file, randomBytes(SECRET_BYTES).toString('base64url') + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
	}
	return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}`);
	return n;
}

/** The soft open-files limit of this process (Linux), or null when unknown. */
function fdLimit(): number | null {
	try {
		const m = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

/** 10,000 sockets, or fewer when the fd limit is lower: 256 fds stay for SQLite, blobs and
 * the app's files, so the relay refuses sockets cleanly before accept() hits EMFILE. */
function defaultMaxConnections(): number {
	const fds = fdLimit();
	return fds === null ? 10_000 : Math.max(16, Math.min(10_000, fds - 256));
}

function origins(value: string | undefined): string[] | '*' {
	if (value?.trim() === '*') return '*';
	return (value ?? '')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean)
		.map((o) => {
			try {
				return new URL(o).origin;
			} catch {
				throw new Error(`CORS_ORIGINS: not an origin: ${o}`);
			}
		});
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
	const dataDir = resolve(env.DATA_DIR ?? './data');
	mkdirSync(dataDir, { recursive: true });
	const registration = env.RELAY_REGISTRATION ?? 'open';
	if (registration !== 'open' && registration !== 'closed') {
		throw new Error('RELAY_REGISTRATION must be "open" or "closed"');
	}
	const deflate = env.WS_DEFLATE ?? 'on';
	if (deflate !== 'on' && deflate !== 'off') throw new Error('WS_DEFLATE must be "on" or "off"');
	return {
		// PORT=0 lets the OS pick (tests).
		port: positiveInt('PORT', env.PORT, 8787, 0),
		host: env.HOST || undefined,
		dataDir,
		secret: loadSecret(dataDir, env.RELAY_SECRET),
		registration,
		maxMessageBytes: positiveInt(
			'MAX_MESSAGE_BYTES',
			env.MAX_MESSAGE_BYTES,
			Limits.maxMessageBytes
		),
		deflate: deflate === 'on',
		maxBlobBytes: positiveInt('MAX_BLOB_BYTES', env.MAX_BLOB_BYTES, Limits.maxBlobBytes),
		// 2 GiB ≈ 6,000 compressed visit photos (≈ 300 KB at 1,600 px): years of a county's visits.
		blobQuotaBytes: positiveInt('BLOB_QUOTA_BYTES', env.BLOB_QUOTA_BYTES, 2 * 1024 ** 3),
		publicUrl: env.PUBLIC_URL || undefined,
		maxConnections: positiveInt('MAX_CONNECTIONS', env.MAX_CONNECTIONS, defaultMaxConnections()),
		// A school behind one NAT: 40 phones × a few sockets each, with room to spare.
		maxConnectionsPerAddress: positiveInt(
			'MAX_CONNECTIONS_PER_ADDRESS',
			env.MAX_CONNECTIONS_PER_ADDRESS,
			512,
			0
		),
		// A team registers a handful of workspaces; a script registering thousands is refused.
		registrationsPerHour: positiveInt('REGISTRATIONS_PER_HOUR', env.REGISTRATIONS_PER_HOUR, 20, 0),
		headersTimeoutMs: positiveInt('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 10_000, 100),
		bodyTimeoutMs: positiveInt('BODY_TIMEOUT_MS', env.BODY_TIMEOUT_MS, 10_000, 100),
		corsOrigins: origins(env.CORS_ORIGINS),
		metricsToken: env.METRICS_TOKEN || undefined,
		trustProxy: env.TRUST_PROXY === '1',
		serveApp: env.SERVE_APP === '1',
		// 500 small updates replay in a few ms on load; more and cold starts of big rooms slow down.
		compactAfterUpdates: positiveInt('COMPACT_AFTER_UPDATES', env.COMPACT_AFTER_UPDATES, 500),
		// A minute keeps a room warm across a phone's brief network drop.
		roomIdleMs: positiveInt('ROOM_IDLE_MS', env.ROOM_IDLE_MS, 60_000),
		messagesPerSecond: positiveInt(
			'MESSAGES_PER_SECOND',
			env.MESSAGES_PER_SECOND,
			Limits.messagesPerSecond
		),
		messageBurst: positiveInt('MESSAGE_BURST', env.MESSAGE_BURST, Limits.messageBurst),
		answerBytesPerSecondPerToken: positiveInt(
			'ANSWER_BYTES_PER_SECOND',
			env.ANSWER_BYTES_PER_SECOND,
			Limits.answerBytesPerSecondPerToken
		),
		answerBurstBytesPerToken: positiveInt(
			'ANSWER_BURST_BYTES',
			env.ANSWER_BURST_BYTES,
			Limits.answerBurstBytesPerToken
		),
		answerBytesPerSecondPerRoom: positiveInt(
			'ROOM_ANSWER_BYTES_PER_SECOND',
			env.ROOM_ANSWER_BYTES_PER_SECOND,
			Limits.answerBytesPerSecondPerRoom
		),
		answerBurstBytesPerRoom: positiveInt(
			'ROOM_ANSWER_BURST_BYTES',
			env.ROOM_ANSWER_BURST_BYTES,
			Limits.answerBurstBytesPerRoom
		),
		roomMaxBytes: positiveInt('ROOM_MAX_BYTES', env.ROOM_MAX_BYTES, 64 * 1024 * 1024),
		workspaceMaxBytes: positiveInt(
			'WORKSPACE_MAX_BYTES',
			env.WORKSPACE_MAX_BYTES,
			1024 * 1024 * 1024
		),
		workspaceMaxRooms: positiveInt('WORKSPACE_MAX_ROOMS', env.WORKSPACE_MAX_ROOMS, 200),
		quarantineMs: positiveInt('ROOM_QUARANTINE_MS', env.ROOM_QUARANTINE_MS, 10 * 60_000),
		databaseUrl: env.DATABASE_URL || undefined,
		redisUrl: env.REDIS_URL || undefined
	};
}
