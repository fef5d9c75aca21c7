// The SQLite store's appends on a thread of their own (writer-worker.mjs, decision 0007). A
// commit with synchronous = FULL spends most of its time in fsync; on the main thread that
// wait held up every room, socket and HTTP request of the relay (28% of the main thread under
// the fan-out load on a busy disk). Here the event loop keeps reading, validating and relaying
// while a batch is on its way to the disk; the group commit still relays nothing of a batch
// before this resolves, so "stored before relayed" is unchanged.
import { Worker } from 'node:worker_threads';
import type { AppendEntry } from './types.ts';

type Reply = { id: number; error?: string };
type Job = { resolve: () => void; reject: (e: Error) => void };

export class SqliteWriter {
	#dbPath: string;
	#worker: Worker | null = null;
	#nextJob = 1;
	#jobs = new Map<number, Job>();

	constructor(dbPath: string) {
		this.#dbPath = dbPath;
	}

	/** Resolves once every entry is committed (one transaction, FULL), rejects if none is. */
	append(entries: readonly AppendEntry[]): Promise<void> {
		if (entries.length === 0) return Promise.resolve();
		const worker = this.#ensure();
		const id = this.#nextJob++;
		return new Promise((resolve, reject) => {
			this.#jobs.set(id, { resolve, reject });
			// Structured clone copies the bytes: the room still needs them to apply and relay.
			worker.postMessage({
				id,
				rooms: entries.map((e) => e.room),
				updates: entries.map((e) => e.update)
			});
		});
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./writer-worker.mjs', import.meta.url), {
			workerData: { dbPath: this.#dbPath },
			// Plain JS: no loaders (tsx, vitest) in this thread.
			execArgv: [],
			// A small young generation: the thread holds one batch at a time.
			resourceLimits: { maxYoungGenerationSizeMb: 2 }
		});
		worker.on('message', (reply: Reply) => {
			const job = this.#jobs.get(reply.id);
			if (!job) return;
			this.#jobs.delete(reply.id);
			if (reply.error !== undefined) job.reject(new Error(reply.error));
			else job.resolve();
		});
		const failAll = (err: Error) => {
			if (this.#worker === worker) this.#worker = null;
			for (const job of this.#jobs.values()) job.reject(err);
			this.#jobs.clear();
		};
		worker.on('error', failAll);
		worker.on('exit', () => failAll(new Error('writer thread exited')));
		// What keeps the relay alive is its server; a store opened by a CLI must not hang on it.
		worker.unref();
		this.#worker = worker;
		return worker;
	}

	/** Waits for the batch in flight, then stops the thread. */
	async close(): Promise<void> {
		const worker = this.#worker;
		if (!worker) return;
		await Promise.allSettled(
			[...this.#jobs.values()].map(
				(job) =>
					new Promise<void>((done) => {
						const { resolve, reject } = job;
						job.resolve = () => (resolve(), done());
						job.reject = (e) => (reject(e), done());
					})
			)
		);
		const exited = new Promise<void>((res) => worker.once('exit', () => res()));
		worker.postMessage('close');
		await exited;
	}
}
