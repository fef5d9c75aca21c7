// The blob store contract on a real Postgres. The full-disk case puts the blob table in a
// tablespace on a 1 MiB tmpfs (root mounts it; CI runs as root), then grows the tmpfs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type Postgres } from '../../../tests/services/engines.ts';
import { runBlobContract } from './contract.ts';
import { PostgresBlobStore } from './postgres.ts';

let pg: Postgres;
let n = 0;
beforeAll(async () => {
	pg = await startPostgres();
}, 60_000);
afterAll(async () => {
	await pg?.stop();
});

const admin = () => postgres(pg.url, { max: 1, onnotice: () => {} });

runBlobContract('postgres', () => {
	const name = `blobs_${process.pid}_${++n}`;
	const url = () => pg.url.replace(/\/bangfu$/, `/${name}`);
	const opened: PostgresBlobStore[] = [];
	let mount = '';
	const fresh = async (maxBytes: number) => {
		const sql = admin();
		await sql.unsafe(`CREATE DATABASE ${name}`);
		await sql.end();
		const store = new PostgresBlobStore(url(), maxBytes, {
			max: 2
		});
		opened.push(store);
		await store.init();
		return store;
	};
	return {
		create: fresh,
		async full(maxBytes) {
			const store = await fresh(maxBytes);
			mount = mkdtempSync(join(tmpdir(), 'bangfu-pg-full-'));
			execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
			execFileSync('chown', ['postgres', mount]);
			const sql = postgres(url(), {
				max: 1,
				onnotice: () => {}
			});
			await sql.unsafe(`CREATE TABLESPACE ${name}_tiny LOCATION '${mount}'`);
			await sql.unsafe(`ALTER TABLE bangfu_blobs SET TABLESPACE ${name}_tiny`);
			await sql.end();
			return {
				store,
				free: async () => {
					execFileSync('mount', ['-o', 'remount,size=64m', mount]);
				}
			};
		},
		async destroy() {
			for (const s of opened.splice(0)) await s.close();
			const sql = admin();
			await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			if (mount) await sql.unsafe(`DROP TABLESPACE IF EXISTS ${name}_tiny`);
			await sql.end();
			if (mount) {
				execFileSync('umount', [mount]);
				rmSync(mount, { recursive: true, force: true });
			}
		}
	};
});
