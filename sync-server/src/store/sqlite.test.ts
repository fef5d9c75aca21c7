import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from './contract.ts';
import { SqliteStore } from './sqlite.ts';

runStoreContract('sqlite', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bangfu-store-'));
	return {
		create: async () => new SqliteStore(dir),
		reopen: async () => new SqliteStore(dir),
		destroy: async () => rmSync(dir, { recursive: true, force: true })
	};
});
