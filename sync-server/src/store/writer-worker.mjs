// The writer thread (decision 0007; plain JS: Node 20 worker threads do not load .ts through
// tsx). It owns the SQLite connection that appends updates, so the group commit's fsync
// (synchronous = FULL, as on every connection) waits here and not on the relay's event loop.
// Protocol: { id, rooms: string[], updates: Uint8Array[] } in, { id } or { id, error } out,
// one batch at a time, each batch one transaction: all of it is stored, or none.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const insert = db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
const appendAll = db.transaction((rooms, updates) => {
	for (let i = 0; i < rooms.length; i++) insert.run(rooms[i], updates[i]);
});

parentPort.on('message', (msg) => {
	if (msg === 'close') {
		db.close();
		parentPort.close();
		return;
	}
	try {
		appendAll(msg.rooms, msg.updates);
		parentPort.postMessage({ id: msg.id });
	} catch (err) {
		parentPort.postMessage({ id: msg.id, error: String(err && err.message ? err.message : err) });
	}
});
