// `npm run relay:room -- inspect <room>` / `repair <room>`: for a room the relay quarantined
// (it failed to load, or it is stored past ROOM_MAX_BYTES). Same DATA_DIR / ROOM_MAX_BYTES as
// the relay; stop the relay or wait out ROOM_QUARANTINE_MS after a repair.
// - inspect prints one JSON object: stored updates and bytes, the largest update, and whether
//   the room rebuilds (the same load the relay does, unless it is too big to try).
// - repair rebuilds the room update by update, leaves out every update that fails to apply or
//   would take it past ROOM_MAX_BYTES, and stores the result as the room's one snapshot. Every
//   original update is first written to DATA_DIR/repairs/<room>-<time>.bin (each a uint32 BE
//   length, then the bytes): nothing is destroyed, only set aside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { parseRoomName } from '#protocol';
import { loadConfig } from '../config.ts';
import { SqliteStore } from '../store/sqlite.ts';

function fail(message: string): never {
	process.stderr.write(`relay:room: ${message}\n`);
	process.exit(2);
}

const [command, room] = process.argv.slice(2);
if (command !== 'inspect' && command !== 'repair') fail('usage: inspect|repair <room>');
if (!room || !parseRoomName(room)) fail('a room name: <workspaceId> or <workspaceId>/<shard>');

const config = loadConfig();
const store = new SqliteStore(config.dataDir);
const updates = await store.load(room);
const bytes = updates.reduce((n, u) => n + u.length, 0);

/** Past this a trial load could take this process's heap; repair goes update by update. */
const TRY_LOAD_MAX_BYTES = 256 * 1024 * 1024;

function tryLoad(): string {
	if (bytes > TRY_LOAD_MAX_BYTES) return 'not tried: over 256 MiB';
	try {
		const doc = new Y.Doc();
		doc.transact(() => {
			for (const u of updates) Y.applyUpdate(doc, u);
		});
		return 'ok';
	} catch (err) {
		return String(err);
	}
}

function rebuild(from: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of from) Y.applyUpdate(doc, u);
	return doc;
}

if (command === 'inspect') {
	process.stdout.write(
		JSON.stringify({
			room,
			updates: updates.length,
			bytes,
			largestUpdate: Math.max(0, ...updates.map((u) => u.length)),
			roomMaxBytes: config.roomMaxBytes,
			overCap: bytes > config.roomMaxBytes,
			loads: tryLoad()
		}) + '\n'
	);
} else {
	const dir = join(config.dataDir, 'repairs');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${room.replace(/\//g, '__')}-${Date.now()}.bin`);
	writeFileSync(
		file,
		Buffer.concat(
			updates.flatMap((u) => {
				const len = Buffer.alloc(4);
				len.writeUInt32BE(u.length);
				return [len, Buffer.from(u)];
			})
		)
	);
	const kept: Uint8Array[] = [];
	let keptBytes = 0;
	let dropped = 0;
	let doc = new Y.Doc();
	for (const u of updates) {
		if (keptBytes + u.length > config.roomMaxBytes) {
			dropped++;
			continue;
		}
		try {
			// One transaction per update: a merge past V8's string limit throws at this one.
			Y.applyUpdate(doc, u);
			kept.push(u);
			keptBytes += u.length;
		} catch {
			dropped++;
			doc = rebuild(kept);
		}
	}
	const snapshot = Y.encodeStateAsUpdate(doc);
	await store.replaceRoom(room, snapshot);
	process.stdout.write(
		JSON.stringify({
			room,
			kept: kept.length,
			dropped,
			snapshotBytes: snapshot.length,
			backup: file
		}) + '\n'
	);
}
await store.close();
