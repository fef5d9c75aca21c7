// What the runner and its load-generator processes say to each other over Node's IPC channel.
// Times are process.hrtime in microseconds: CLOCK_MONOTONIC is one clock for every process on
// the machine, so a timestamp written by one generator can be read by another.

export type ClientSpec = { id: number; room: string; url: string };

export type ToWorker =
	| { type: 'connect'; clients: ClientSpec[]; concurrency: number }
	/** Counts receipts whose arrival falls in [startUs, endUs] separately (flood throughput). */
	| { type: 'window'; startUs: number; endUs: number }
	/** Steady load: `ratePerSecond` updates, each from the next writer in turn, until endUs. */
	| { type: 'load'; writers: number[]; ratePerSecond: number; startUs: number; endUs: number }
	/** One writer as fast as its echoes come back, with at most `window` updates in flight and
	 * at most `maxPerSecond` sent per second (kept under the relay's per-connection rate). */
	| {
			type: 'flood';
			writer: number;
			window: number;
			maxPerSecond: number;
			startUs: number;
			endUs: number;
	  }
	/** One writer sends `count` updates at once, as fast as its socket takes them. */
	| { type: 'burst'; writer: number; count: number; startUs: number }
	| { type: 'collect' }
	| { type: 'reset' }
	| { type: 'exit' };

export type ClientStats = {
	id: number;
	room: string;
	total: number;
	inWindow: number;
	/** When the last update reached this client (µs, nowUs clock); 0 when none did. */
	lastUs: number;
};

export type FromWorker =
	| { type: 'connected'; ok: number; failed: number; errors: string[] }
	| { type: 'sent'; byRoom: Record<string, number> }
	| {
			type: 'stats';
			clients: ClientStats[];
			/** Fan-out latencies (ms) of receipts at clients other than the sender. */
			fanout: number[];
			/** Close codes of sockets the server closed during the run, with counts. */
			closes: Record<string, number>;
	  }
	| { type: 'ok' };

export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
