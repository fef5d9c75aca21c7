// The store chosen from configuration: the embedded SQLite file under DATA_DIR by default.
// DATABASE_URL is the place for the Postgres store (scale-out); it implements the same
// interfaces and passes the same contract suite (contract.ts).
import type { RelayConfig } from '../config.ts';
import { SqliteStore } from './sqlite.ts';
import type { MetaStore, RoomStore } from './types.ts';

export type RelayStore = RoomStore & MetaStore;

export function createStore(config: Pick<RelayConfig, 'dataDir' | 'databaseUrl'>): RelayStore {
	if (config.databaseUrl) {
		// Scale-out: return new PostgresStore(config.databaseUrl) here (store/postgres.ts).
		throw new Error('DATABASE_URL is set but this relay has no Postgres store yet');
	}
	return new SqliteStore(config.dataDir);
}
