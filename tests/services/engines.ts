// Real Postgres and Redis for the scale-out tests: Debian's engines, each on its own loopback
// port and throwaway data dir, started and stopped by the test run (DESIGN.md "Scale": no
// mocks where the real thing runs). `npm test` installs the packages when they are absent
// (scripts/ensure.mjs); here they are only started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian puts the server binaries under a versioned directory; take the newest. */
export function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export const enginesAvailable = (): boolean =>
	Boolean(postgresBin()) && existsSync('/usr/bin/redis-server');

export async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const port = (server.address() as { port: number }).port;
	server.close();
	await once(server, 'close');
	return port;
}

// initdb and postgres refuse to run as root: run them as the `postgres` user, which then must
// own the data dir. A developer who is not root runs them as themselves.
const asRoot = process.getuid?.() === 0;
function pgCommand(bin: string, args: string[]): [string, string[]] {
	return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function must(cmd: string, args: string[]): void {
	const r = spawnSync(cmd, args, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

export type Postgres = { url: string; port: number; stop(): Promise<void> };

/** A fresh cluster with a `bangfu` database, trust auth on loopback only. */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('postgresql is not installed (npm test installs it)');
	const dir = mkdtempSync(join(tmpdir(), 'bangfu-pg-'));
	chmodSync(dir, 0o777);
	const data = join(dir, 'data');
	if (asRoot) must('chown', ['postgres', dir]);
	must(
		...pgCommand(join(bin, 'initdb'), [
			'-D',
			data,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-sync'
		])
	);
	const port = await freePort();
	const child = spawn(
		...pgCommand(join(bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=200'
		]),
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	await waitFor(
		() => spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0,
		child,
		'postgres'
	);
	must(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'bangfu']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/bangfu`,
		port,
		async stop() {
			await stopChild(child);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export type Redis = {
	url: string;
	port: number;
	/** Stops the server (its data is in memory only: a restart starts empty, like a crash). */
	stop(): Promise<void>;
	/** Starts it again on the same port, empty. */
	restart(): Promise<void>;
};

export async function startRedis(): Promise<Redis> {
	const dir = mkdtempSync(join(tmpdir(), 'bangfu-redis-'));
	const port = await freePort();
	let child: ChildProcess | undefined;
	const start = async () => {
		child = spawn(
			'/usr/bin/redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		const c = child;
		await waitFor(
			() =>
				spawnSync('/usr/bin/redis-cli', ['-p', String(port), 'ping'], {
					encoding: 'utf8'
				}).stdout?.trim() === 'PONG',
			c,
			'redis'
		);
	};
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async stop() {
			if (child) await stopChild(child);
			child = undefined;
		},
		async restart() {
			if (child) await stopChild(child);
			await start();
		}
	};
}

async function waitFor(ready: () => boolean, child: ChildProcess, name: string): Promise<void> {
	let err = '';
	child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`${name} exited: ${err}`);
		if (ready()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${name} did not start in 10 s: ${err}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = once(child, 'exit');
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}
