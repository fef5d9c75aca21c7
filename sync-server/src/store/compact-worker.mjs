// Compaction worker (plain JS: worker threads cannot load .ts through tsx on Node 20).
// It owns a second SQLite connection, so folding a big room's log into a snapshot never
// blocks the relay's event loop. Protocol: { id, room } in, { id, merged, snapshotBytes }
// or { id, error } out. Only this worker writes snapshots, one room at a time.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

const db = new Database(workerData.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const getSnapshot = db.prepare('SELECT data, upto FROM snapshots WHERE room = ?');
const getLog = db.prepare('SELECT id, data FROM updates WHERE room = ? AND id > ? ORDER BY id');
const putSnapshot = db.prepare(
	`INSERT INTO snapshots (room, data, upto, updated_at) VALUES (?, ?, ?, ?)
	 ON CONFLICT (room) DO UPDATE SET data = excluded.data, upto = excluded.upto, updated_at = excluded.updated_at`
);
const dropLog = db.prepare('DELETE FROM updates WHERE room = ? AND id <= ?');

// Reading happens in its own transaction (a consistent view); the writer may append more
// meanwhile. Only ids <= the last one read are deleted, so those later appends stay.
const read = db.transaction((room) => {
	const snap = getSnapshot.get(room);
	const upto = snap ? snap.upto : 0;
	return { snap, rows: getLog.all(room, upto) };
});
const write = db.transaction((room, data, upto) => {
	putSnapshot.run(room, data, upto, Date.now());
	dropLog.run(room, upto);
});

function compact(room) {
	const { snap, rows } = read(room);
	if (rows.length === 0) return { merged: 0, snapshotBytes: snap ? snap.data.length : 0 };
	// Applying to a Doc (rather than only Y.mergeUpdates) also garbage-collects deleted
	// content; encodeStateAsUpdate keeps structs still waiting for a missing dependency.
	const doc = new Y.Doc();
	let skipped = 0;
	if (snap) Y.applyUpdate(doc, snap.data);
	for (const row of rows) {
		// The relay decodes every update before storing it; an entry that still fails to apply
		// must not wedge compaction of the whole room forever.
		try {
			Y.applyUpdate(doc, row.data);
		} catch {
			skipped++;
		}
	}
	const data = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	write(room, data, rows[rows.length - 1].id);
	return { merged: rows.length, snapshotBytes: data.length, skipped };
}

parentPort.on('message', (msg) => {
	if (msg === 'close') {
		db.close();
		parentPort.close();
		return;
	}
	try {
		parentPort.postMessage({ id: msg.id, ...compact(msg.room) });
	} catch (err) {
		parentPort.postMessage({ id: msg.id, error: String(err && err.message ? err.message : err) });
	}
});
