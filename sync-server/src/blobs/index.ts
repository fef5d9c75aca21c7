// The blob store chosen from configuration: files under DATA_DIR/blobs by default; with
// DATABASE_URL, rows in Postgres shared by every relay process (blobs/postgres.ts, imported
// only then). Both pass the same contract suite (contract.ts).
import { join } from 'node:path';
import type { RelayConfig } from '../config.ts';
import { FileBlobStore } from './files.ts';
import type { BlobStore } from './types.ts';

export async function openBlobStore(
	config: Pick<RelayConfig, 'dataDir' | 'databaseUrl' | 'maxBlobBytes'>
): Promise<BlobStore> {
	if (config.databaseUrl) {
		const { PostgresBlobStore } = await import('./postgres.ts');
		return new PostgresBlobStore(config.databaseUrl, config.maxBlobBytes);
	}
	return new FileBlobStore(join(config.dataDir, 'blobs'), config.maxBlobBytes);
}
