// The store chosen from configuration: the embedded SQLite file under DATA_DIR by default;
// with DATABASE_URL, the Postgres store (scale-out, store/postgres.ts). Both pass the same
// contract suite (contract.ts). The Postgres client is imported only when configured, so the
// embedded relay does not carry it in memory.
import type { RelayConfig } from '../config.ts';
import { SqliteStore } from './sqlite.ts';
import type { MetaStore, RoomStore } from './types.ts';

export type RelayStore = RoomStore & MetaStore;

export async function openStore(
	config: Pick<RelayConfig, 'dataDir' | 'databaseUrl'>
): Promise<RelayStore> {
	if (config.databaseUrl) {
		const { PostgresStore } = await import('./postgres.ts');
		return new PostgresStore(config.databaseUrl);
	}
	return createStore(config);
}

/** The embedded store, synchronously (in-process relays in tests). */
export function createStore(config: Pick<RelayConfig, 'dataDir' | 'databaseUrl'>): RelayStore {
	if (config.databaseUrl) throw new Error('DATABASE_URL is set: open the store with openStore()');
	return new SqliteStore(config.dataDir);
}
