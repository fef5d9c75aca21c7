// How long does one relay commit take, and where is its tail? Appends N small updates, one
// transaction each (what the relay does at low rates), through the relay's own store settings,
// and prints p50/p99/max per commit with SQLite's automatic checkpoint on and off.
//   node --import tsx sync-server/bench-tools/commit-probe.ts [N]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, migrate } from '../src/store/schema.ts';

const n = Number(process.argv[2] ?? 3000);
/** ~ one bench update (a map overwrite with a 30-byte marker). */
const update = Buffer.alloc(60, 7);

function run(autocheckpoint: number): string {
	const dir = mkdtempSync(join(tmpdir(), 'bangfu-commit-'));
	const db = new Database(join(dir, 'relay.sqlite'));
	configure(db);
	migrate(db);
	db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
	const insert = db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
	const commit = db.transaction((room: string) => insert.run(room, update));
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		commit(`room${i % 100}`);
		times.push(performance.now() - t);
	}
	db.close();
	rmSync(dir, { recursive: true, force: true });
	times.sort((a, b) => a - b);
	const at = (p: number) =>
		times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
	const slow = times.filter((t) => t > 3).length;
	return `p50 ${at(50).toFixed(3)} ms, p99 ${at(99).toFixed(3)} ms, max ${at(100).toFixed(1)} ms, >3 ms: ${slow}`;
}

console.log(`autocheckpoint 1000 (default): ${run(1000)}`);
console.log(`autocheckpoint off:            ${run(0)}`);
console.log(`autocheckpoint 1000 (default): ${run(1000)}`);
console.log(`autocheckpoint off:            ${run(0)}`);
