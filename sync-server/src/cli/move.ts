// `DATA_DIR=… DATABASE_URL=… npm run relay:move -- --workspace ID [--workspace ID…]`
// Moves workspaces from the embedded relay (the SQLite file under DATA_DIR) into the Postgres
// store (scale-out): every room of the workspace (`W` and its shards) as one merged update,
// the workspace registration, and its tokens with their revocations, so every device keeps
// working with the tokens it has (the relays must share RELAY_SECRET). Run it with the
// embedded relay stopped. Safe to repeat: Yjs updates are idempotent and known tokens are
// skipped. Blobs (photos, scans) are files: copy DATA_DIR/blobs along with it.
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { WORKSPACE_ID_PATTERN } from '#protocol';
import { loadConfig } from '../config.ts';
import { PostgresStore } from '../store/postgres.ts';
import { SqliteStore } from '../store/sqlite.ts';

function fail(message: string): never {
	process.stderr.write(`relay:move: ${message}\n`);
	process.exit(2);
}

let workspaces: string[] = [];
try {
	const { values } = parseArgs({ options: { workspace: { type: 'string', multiple: true } } });
	workspaces = values.workspace ?? [];
} catch (err) {
	fail(String(err instanceof Error ? err.message : err));
}
if (workspaces.length === 0) fail('--workspace ID is required (repeat it for several)');
for (const id of workspaces) {
	if (!WORKSPACE_ID_PATTERN.test(id))
		fail(`workspace id must match ${WORKSPACE_ID_PATTERN}: ${id}`);
}
const config = loadConfig();
if (!config.databaseUrl) fail('DATABASE_URL (the target Postgres) is required');

const from = new SqliteStore(config.dataDir);
const to = new PostgresStore(config.databaseUrl);
try {
	for (const workspaceId of workspaces) {
		const rooms = [...(await from.workspaceUsage(workspaceId)).keys()].sort();
		if (rooms.length === 0 && !(await from.workspaceExists(workspaceId))) {
			fail(`workspace ${workspaceId} is not in ${config.dataDir}`);
		}
		await to.registerWorkspace(workspaceId);
		let bytes = 0;
		for (const room of rooms) {
			const updates = await from.load(room);
			if (updates.length === 0) continue;
			const merged = Y.mergeUpdates(updates);
			bytes += merged.length;
			await to.append([{ room, update: merged }]);
		}
		const known = new Set((await to.listTokens(workspaceId)).map((t) => t.jti));
		let tokens = 0;
		for (const t of await from.listTokens(workspaceId)) {
			if (!known.has(t.jti)) {
				await to.recordToken(t);
				tokens++;
			}
			if (t.revokedAt !== null) await to.revokeToken(workspaceId, t.jti);
		}
		process.stdout.write(
			`${workspaceId}: ${rooms.length} rooms, ${bytes} bytes, ${tokens} tokens moved\n`
		);
	}
} finally {
	await from.close();
	await to.close();
}
