#!/usr/bin/env node
// The two-command contract (README): `npm start` and `npm test` must work on a fresh clone
// with nothing but Node 20. This script uses only Node's built-ins, because it runs before
// node_modules exists: it installs what is missing, builds, then hands over to the real tool.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELAY_NODE_FLAGS } from '../sync-server/node-flags.mjs';
import { buildIsCurrent, sourceHash, writeStamp } from './build-stamp.mjs';
import { buildRelay, RELAY_ENTRY, relayIsCurrent } from './relay-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => console.error(`[bangfu] ${text}`);

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
	if (r.error) throw r.error;
	return r.status ?? 1;
}

/**
 * Runs the long-lived relay as a child and passes SIGTERM/SIGINT/SIGHUP on to it, so that
 * `docker stop` or a service manager stopping `npm start` reaches the relay (it then closes
 * sockets with 1001, flushes and exits 0); this wrapper exits with the relay's own status.
 */
function serve(cmd, args, opts = {}) {
	const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
		process.on(signal, () => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		});
	}
	child.on('error', (err) => {
		say(`could not start the relay: ${err.message}`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1));
	});
}

function must(cmd, args, opts) {
	const code = run(cmd, args, opts);
	if (code !== 0) {
		say(`"${cmd} ${args.join(' ')}" failed with exit code ${code}`);
		process.exit(code);
	}
}

/** Installs npm packages when node_modules is missing or older than package-lock.json. */
function ensureDeps() {
	const lock = join(root, 'package-lock.json');
	const stamp = join(root, 'node_modules', '.bangfu-lock-hash');
	const hash = () => createHash('sha256').update(readFileSync(lock)).digest('hex');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash()) return;
	say('installing npm packages (first run ~2 min: better-sqlite3 compiles from source)…');
	// `npm install`, not `npm ci`: the lock file lists optional platform packages of the i18n
	// compiler (@lix-js/sdk-*) that the registry does not serve for every platform, and
	// `npm ci` refuses such a lock outright while `npm install` skips them and changes nothing.
	must('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn']);
	writeFileSync(stamp, hash());
}

/**
 * Debian packages the tests need: Chromium for the browser tests (Playwright's own browser
 * download is not reachable), Postgres and Redis for the scale-out tests, poppler and a CJK
 * font for the print test. Each is installed
 * only when its binary is missing.
 */
const DEBIAN = [
	{ pkg: 'chromium', has: () => existsSync('/usr/bin/chromium') },
	// The client benchmarks' browser: no window chrome competing with the page (bench/client/browser.ts).
	{ pkg: 'chromium-headless-shell', has: () => existsSync('/usr/bin/chromium-headless-shell') },
	{ pkg: 'postgresql', has: () => hasPostgres() },
	{ pkg: 'redis-server', has: () => existsSync('/usr/bin/redis-server') },
	// The print test reads the A4 PDF's text back (pdftotext); Chinese needs a CJK font to be
	// drawn as text at all, and the screenshots people look at need it too.
	{ pkg: 'poppler-utils', has: () => existsSync('/usr/bin/pdftotext') },
	{
		pkg: 'fonts-noto-cjk',
		has: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')
	}
];

function hasPostgres() {
	const root = '/usr/lib/postgresql';
	return (
		existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')))
	);
}

function ensureDebian(names) {
	const missing = DEBIAN.filter((d) => names.includes(d.pkg) && !d.has()).map((d) => d.pkg);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		say(
			`missing: ${missing.join(', ')}. Install with: sudo apt-get install -y ${missing.join(' ')}`
		);
		process.exit(1);
	}
	say(`installing Debian's ${missing.join(', ')} for the tests (apt-get, ~1 min)…`);
	must('apt-get', ['update', '-qq']);
	must('apt-get', ['install', '-y', '-qq', ...missing], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
}

/**
 * Builds the app unless the build is of the current sources. Vite's and SvelteKit's own
 * chatter ("Run npm run preview…", timings) is kept back and shown only if the build fails.
 */
function build() {
	const hash = sourceHash(root);
	if (buildIsCurrent(root)) return;
	say('building the app (its sources changed since the last build, ~40 s)…');
	const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024
	});
	if (r.status !== 0) {
		process.stderr.write(r.stdout ?? '');
		process.stderr.write(r.stderr ?? '');
		say(`the build failed (exit code ${r.status ?? r.signal})`);
		process.exit(r.status || 1);
	}
	// Stamped with the hash taken before building: an edit made during the build rebuilds next time.
	writeStamp(root, hash);
}

/** Bundles the relay (sync-server/dist) unless the bundle is of the current sources (~1 s). */
async function buildRelayIfStale() {
	if (relayIsCurrent(root)) return;
	say('bundling the relay…');
	try {
		await buildRelay(root);
	} catch (err) {
		say(`bundling the relay failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	}
}

const relay = ['node', [...RELAY_NODE_FLAGS, RELAY_ENTRY]];

const command = process.argv[2];
// The address comes first: everything after it is the wait for it.
if (command === 'start') say(`starting Bangfu on http://localhost:${process.env.PORT || 8787}`);
ensureDeps();
switch (command) {
	case 'start':
		build();
		await buildRelayIfStale();
		serve(...relay, { env: { ...process.env, SERVE_APP: '1' } });
		break;
	case 'relay':
		await buildRelayIfStale();
		serve(...relay);
		break;
	case 'test': {
		ensureDebian(['chromium', 'postgresql', 'redis-server', 'poppler-utils', 'fonts-noto-cjk']);
		build();
		await buildRelayIfStale();
		must('npx', ['vitest', 'run']);
		must('npx', ['playwright', 'test']);
		break;
	}
	case 'bench':
		ensureDebian(['chromium', 'chromium-headless-shell', 'postgresql', 'redis-server']);
		build();
		await buildRelayIfStale();
		process.exit(run('node', ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(3)]));
		break;
	default:
		say(`unknown command "${command}" (start | relay | test | bench)`);
		process.exit(2);
}
