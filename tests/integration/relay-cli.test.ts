// `npm run relay:token` prints exactly one token and nothing else; the relay accepts it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { authorise } from '../../sync-server/src/auth/tokens.ts';
import { loadSecret } from '../../sync-server/src/config.ts';
import { SqliteStore } from '../../sync-server/src/store/sqlite.ts';
import { removeDir, tempDir } from '../../sync-server/test/helpers.ts';

const run = promisify(execFile);
let dir = '';
afterEach(() => removeDir(dir));

it('relay:token prints one token on stdout that the relay accepts', async () => {
	dir = tempDir();
	// The relay's first start creates DATA_DIR/relay-secret.
	loadSecret(dir, undefined);
	const env = { ...process.env, DATA_DIR: dir, RELAY_SECRET: '' };
	const cli = ['--import', 'tsx', 'sync-server/src/cli/token.ts'];
	const { stdout, stderr } = await run(
		process.execPath,
		[...cli, '--workspace', 'county-office-7', '--role', 'viewer', '--ttl', '2h'],
		{ env }
	);
	expect(stderr).toBe('');
	expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
	const store = new SqliteStore(dir);
	const auth = await authorise(loadSecret(dir, undefined), store, stdout.trim(), 'county-office-7');
	await store.close();
	expect(auth).toMatchObject({ ok: true, claims: { role: 'viewer', ws: 'county-office-7' } });
	if (auth.ok) expect(auth.claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(7000);
	const bad = await run(
		process.execPath,
		[...cli, '--workspace', 'county-office-7', '--role', 'admin'],
		{ env }
	).catch((e: { code: number; stdout: string }) => e);
	expect(bad).toMatchObject({ code: 2, stdout: '' });
});

it('relay:token refuses to sign without a secret it can find, and says where it looked', async () => {
	dir = tempDir();
	const env = { ...process.env, DATA_DIR: dir, RELAY_SECRET: '' };
	const r = await run(
		process.execPath,
		[
			'--import',
			'tsx',
			'sync-server/src/cli/token.ts',
			'--workspace',
			'county-office-7',
			'--role',
			'viewer'
		],
		{ env }
	).catch((e: { code: number; stdout: string; stderr: string }) => e);
	expect(r).toMatchObject({ code: 2, stdout: '' });
	expect((r as { stderr: string }).stderr).toContain('no relay secret found');
	expect((r as { stderr: string }).stderr).toContain(join(dir, 'relay-secret'));
	// Nothing was made up in its place.
	expect(existsSync(join(dir, 'relay-secret'))).toBe(false);
});
