// The relay as it runs in production: one ES module bundle of `sync-server/src` (and the
// protocol module it shares with the app) in `sync-server/dist/`, npm packages left as
// imports, the worker modules copied beside it. Node runs it without a TypeScript loader:
// tsx's hooks and esbuild service cost the relay ~15 MB of RSS at idle (docs/benchmarks.md).
// Rebuilt only when its inputs changed, like the app (build-stamp.mjs).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputsHash } from './build-stamp.mjs';

export const RELAY_DIST = join('sync-server', 'dist');
export const RELAY_ENTRY = join(RELAY_DIST, 'main.mjs');
const STAMP = '.bangfu-relay-stamp';
/** What the bundle reads: the relay's sources, the shared protocol module, the lock file. */
const INPUTS = [join('sync-server', 'src'), join('src', 'lib', 'sync'), 'package-lock.json'];
const WORKERS = join('sync-server', 'src', 'store');

/** Test files are not part of the bundle. @param {string} root */
const relayHash = (root) => inputsHash(root, INPUTS, (path) => !/\.test\.ts$/.test(path));

/** True when the bundle in sync-server/dist was built from exactly these sources. @param {string} root */
export function relayIsCurrent(root) {
	const stamp = join(root, RELAY_DIST, STAMP);
	if (!existsSync(join(root, RELAY_ENTRY)) || !existsSync(stamp)) return false;
	return readFileSync(stamp, 'utf8').trim() === relayHash(root);
}

/** Bundles the relay (esbuild is a dev dependency: call after the npm install). @param {string} root */
export async function buildRelay(root) {
	const hash = relayHash(root);
	const { build } = await import('esbuild');
	const out = join(root, RELAY_DIST);
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	await build({
		absWorkingDir: root,
		entryPoints: { main: join('sync-server', 'src', 'main.ts') },
		outdir: out,
		outExtension: { '.js': '.mjs' },
		// Postgres and Redis stay separate chunks, loaded only by a relay configured for them
		// (the embedded one never imports their clients). Chunks sit beside the entry, where the
		// worker URLs relative to `import.meta.url` point.
		splitting: true,
		chunkNames: '[name]-[hash]',
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		sourcemap: 'linked',
		logLevel: 'warning'
	});
	// `new Worker(new URL('./x-worker.mjs', import.meta.url))` finds them beside the bundle.
	for (const name of readdirSync(join(root, WORKERS))) {
		if (name.endsWith('.mjs')) copyFileSync(join(root, WORKERS, name), join(out, name));
	}
	writeFileSync(join(out, STAMP), hash + '\n');
}
