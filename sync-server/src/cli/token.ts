// `npm run relay:token -- --workspace ID --role owner|editor|viewer [--ttl 30d] [--label text]`
// Prints exactly one token on stdout and nothing else (scripts capture it); errors go to
// stderr with exit code 2. Uses the same DATA_DIR / RELAY_SECRET as the relay.
import { parseArgs } from 'node:util';
import { Role, WORKSPACE_ID_PATTERN } from '#protocol';
import { mintToken, parseTtl } from '../auth/tokens.ts';
import { loadConfig } from '../config.ts';
import { SqliteStore } from '../store/sqlite.ts';

function fail(message: string): never {
	process.stderr.write(`relay:token: ${message}\n`);
	process.exit(2);
}

let values: { workspace?: string; role?: string; ttl?: string; label?: string };
try {
	({ values } = parseArgs({
		options: {
			workspace: { type: 'string' },
			role: { type: 'string' },
			ttl: { type: 'string', default: '30d' },
			label: { type: 'string', default: 'minted by operator' }
		}
	}));
} catch (err) {
	fail(String(err instanceof Error ? err.message : err));
}
const workspaceId = values.workspace ?? fail('--workspace ID is required');
if (!WORKSPACE_ID_PATTERN.test(workspaceId))
	fail(`workspace id must match ${WORKSPACE_ID_PATTERN}`);
const role = Role.safeParse(values.role);
if (!role.success) fail('--role must be owner, editor or viewer');
let ttlSeconds = 0;
try {
	ttlSeconds = parseTtl(values.ttl ?? '30d');
} catch {
	fail('--ttl like 30d, 12h, 45m or seconds');
}

const config = loadConfig();
const store = new SqliteStore(config.dataDir);
// Minting for a workspace the relay has not seen registers it, so `closed` relays work.
await store.registerWorkspace(workspaceId);
const { token } = await mintToken(config.secret, store, {
	workspaceId,
	role: role.data,
	ttlSeconds,
	label: values.label ?? ''
});
await store.close();
process.stdout.write(token + '\n');
