// Child processes of a bench run (relays, load generators, Chromium through Playwright) and
// what /proc says about them. Every child is registered here so that the runner can kill
// whatever is left, even when a suite throws halfway (`killAll` runs in a finally and on
// SIGINT/SIGTERM).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

export function track(child: ChildProcess): ChildProcess {
	live.add(child);
	child.once('exit', () => live.delete(child));
	return child;
}

export function spawnTracked(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
	return track(spawn(cmd, args, opts));
}

/** SIGKILLs every child still alive; each by its own pid, nothing by name. */
export function killAll(): void {
	for (const child of live) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
	live.clear();
}

/** Asks politely, then SIGKILLs after `graceMs`. Resolves once the child is gone. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const gone = new Promise<void>((res) => child.once('exit', () => res()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await gone;
	clearTimeout(timer);
}

/** A port free on 127.0.0.1 right now (the relay refuses PORT=0). */
export async function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.once('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => res(port));
		});
	});
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces; fields after its ')' are fixed.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const utime = Number(fields[11]);
		const stime = Number(fields[12]);
		return (utime + stime) / TICKS_PER_SECOND;
	} catch {
		return NaN;
	}
}

/** Resident set size in MB (VmRSS), or NaN when the process is gone. */
export function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** Busy and stolen jiffies of the whole machine (all cores), from /proc/stat's first line. */
function machineTicks(): { busy: number; steal: number } {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
		const [user, nice, system, _idle, _iowait, irq, softirq, steal] = line
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		// softirq matters here: loopback TCP is processed there and charged to no process.
		const busy = [user, nice, system, irq, softirq].reduce<number>((a, b) => a + (b ?? 0), 0);
		return { busy, steal: steal ?? 0 };
	} catch {
		return { busy: NaN, steal: NaN };
	}
}

/** Measures the CPU that a set of processes uses over a window, as % of one core, and what
 * the whole machine did meanwhile (other work on a shared box shows up there). */
export class CpuWindow {
	#start: Map<number, number>;
	#t0 = performance.now();
	#machine0 = machineTicks();

	/** Whole-machine busy and steal time over the window so far, as % of one core. */
	machine(): { busy: number; steal: number } {
		const wall = (performance.now() - this.#t0) / 1000;
		const now = machineTicks();
		return {
			busy: (100 * (now.busy - this.#machine0.busy)) / TICKS_PER_SECOND / wall,
			steal: (100 * (now.steal - this.#machine0.steal)) / TICKS_PER_SECOND / wall
		};
	}

	constructor(private pids: number[]) {
		this.#start = new Map(pids.map((p) => [p, cpuSeconds(p)]));
	}

	/** % of one core per pid over the window so far. */
	percent(): Map<number, number> {
		const wall = (performance.now() - this.#t0) / 1000;
		const out = new Map<number, number>();
		for (const pid of this.pids) {
			out.set(pid, (100 * (cpuSeconds(pid) - (this.#start.get(pid) ?? NaN))) / wall);
		}
		return out;
	}
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes. */
export async function waitFor(
	check: () => boolean,
	timeoutMs: number,
	what: string,
	everyMs = 20
): Promise<void> {
	const until = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
		await sleep(everyMs);
	}
}
