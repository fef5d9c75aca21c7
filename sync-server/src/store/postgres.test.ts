// The same storage contract as SQLite, on a real Postgres (Debian's, started for this file on
// its own port and data dir). Each harness gets a fresh database.
import { afterAll, beforeAll } from 'vitest';
import postgres from 'postgres';
import { startPostgres, type Postgres } from '../../../tests/services/engines.ts';
import { runStoreContract } from './contract.ts';
import { PostgresStore } from './postgres.ts';

let pg: Postgres;
let n = 0;
beforeAll(async () => {
	pg = await startPostgres();
}, 60_000);
afterAll(async () => {
	await pg?.stop();
});

runStoreContract('postgres', () => {
	const name = `contract_${process.pid}_${++n}`;
	const url = () => pg.url.replace(/\/bangfu$/, `/${name}`);
	let created = false;
	const admin = () => postgres(pg.url, { max: 1, onnotice: () => {} });
	return {
		async create() {
			const sql = admin();
			await sql.unsafe(`CREATE DATABASE ${name}`);
			await sql.end();
			created = true;
			return new PostgresStore(url(), { max: 4 });
		},
		reopen: async () => new PostgresStore(url(), { max: 4 }),
		async destroy() {
			if (!created) return;
			const sql = admin();
			await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await sql.end();
		}
	};
});
