// The runner's side of the load generator: forks N worker processes, deals clients out to
// them and sends each command to all of them at once. Commands are strictly one at a time
// per worker, so each reply answers the last command sent.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { track, stop } from '../lib/procs';
import type { ClientSpec, FromWorker, ToWorker } from './messages';

/** A handful of connections per worker at once: fast, without a connect storm. */
const CONNECT_CONCURRENCY = 25;
/** A command that takes longer than its own duration plus this has hung. */
const REPLY_SLACK_MS = 60_000;

type Worker = {
	child: ChildProcess;
	inbox: FromWorker[];
	waiting: ((m: FromWorker) => void) | null;
};

export class Generator {
	readonly workers: Worker[];

	private constructor(workers: Worker[]) {
		this.workers = workers;
	}

	static async start(root: string, count: number): Promise<Generator> {
		const workers: Worker[] = [];
		for (let i = 0; i < count; i++) {
			const child = track(
				fork(join(root, 'bench/relay/worker.ts'), [], {
					cwd: root,
					execArgv: ['--import', 'tsx'],
					stdio: ['ignore', 'inherit', 'inherit', 'ipc']
				})
			);
			const w: Worker = { child, inbox: [], waiting: null };
			child.on('message', (m: FromWorker) => {
				const resolve = w.waiting;
				if (resolve) {
					w.waiting = null;
					resolve(m);
				} else w.inbox.push(m);
			});
			workers.push(w);
		}
		return new Generator(workers);
	}

	get pids(): number[] {
		return this.workers.map((w) => w.child.pid ?? -1);
	}

	/** Sends one command to one worker and waits for its reply. */
	async ask(w: Worker, cmd: ToWorker, expectMs = 0): Promise<FromWorker> {
		const reply = new Promise<FromWorker>((res, rej) => {
			const queued = w.inbox.shift();
			if (queued) return res(queued);
			const timer = setTimeout(
				() => rej(new Error(`load generator did not answer "${cmd.type}"`)),
				expectMs + REPLY_SLACK_MS
			);
			const onExit = (code: number | null) => rej(new Error(`load generator exited (${code})`));
			w.child.once('exit', onExit);
			w.waiting = (m) => {
				clearTimeout(timer);
				w.child.off('exit', onExit);
				res(m);
			};
		});
		w.child.send(cmd);
		return reply;
	}

	/** The same command to every worker (or a per-worker one), all replies. */
	all(cmd: ToWorker | ((index: number) => ToWorker | null), expectMs = 0): Promise<FromWorker[]> {
		return Promise.all(
			this.workers.map((w, i) => {
				const c = typeof cmd === 'function' ? cmd(i) : cmd;
				return c ? this.ask(w, c, expectMs) : Promise.resolve<FromWorker>({ type: 'ok' });
			})
		);
	}

	/** Deals clients to the workers (round-robin unless `place` says) and connects them; throws
	 * if any failed. Returns which worker owns each client id. */
	async connect(
		clients: ClientSpec[],
		place: (c: ClientSpec, i: number) => number = (_c, i) => i % this.workers.length
	): Promise<Map<number, number>> {
		const owner = new Map<number, number>();
		const slices: ClientSpec[][] = this.workers.map(() => []);
		clients.forEach((c, i) => {
			const w = place(c, i);
			slices[w]?.push(c);
			owner.set(c.id, w);
		});
		const replies = await this.all(
			(i) => ({ type: 'connect', clients: slices[i] ?? [], concurrency: CONNECT_CONCURRENCY }),
			clients.length * 100
		);
		const failed = replies.reduce((n, r) => n + (r.type === 'connected' ? r.failed : 0), 0);
		if (failed > 0) {
			const why = replies.flatMap((r) => (r.type === 'connected' ? r.errors : []));
			throw new Error(
				`${failed} of ${clients.length} clients failed to connect: ${why.join('; ')}`
			);
		}
		return owner;
	}

	async stop(): Promise<void> {
		for (const w of this.workers) {
			if (w.child.connected) w.child.send({ type: 'exit' } satisfies ToWorker);
		}
		await Promise.all(this.workers.map((w) => stop(w.child, 2000)));
	}
}
