// Runs the relay as a real child process (for SIGKILL / SIGTERM tests) on 127.0.0.1:0.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export type RelayProcess = { child: ChildProcess; port: number; ws: string; http: string };

export async function spawnRelay(
	dataDir: string,
	secret: string,
	extraEnv: Record<string, string> = {}
): Promise<RelayProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			RELAY_SECRET: secret,
			PORT: '0',
			HOST: '127.0.0.1',
			RELAY_LOG: 'silent',
			...extraEnv
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
			if (m) resolve(Number(m[1]));
		});
		child.once('exit', (code) => reject(new Error(`relay exited early (${code})`)));
	});
	return { child, port, ws: `ws://127.0.0.1:${port}/sync`, http: `http://127.0.0.1:${port}` };
}

export async function kill(p: RelayProcess, signal: NodeJS.Signals): Promise<number | null> {
	if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
	const exited = once(p.child, 'exit') as Promise<[number | null, string | null]>;
	p.child.kill(signal);
	const [code] = await exited;
	return code;
}
