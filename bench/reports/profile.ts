// A V8 CPU profile of a page's main thread through the DevTools protocol, for the
// reports-browser suite's BENCH_PROFILE runs: written as a .cpuprofile (opens in Chromium's
// DevTools, Performance panel) and summarised as the functions with the most self time.
import type { CDPSession } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

type ProfileNode = {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

/** Self time per function (ms), heaviest first. */
export function selfTimes(profile: Profile, top = 15): { name: string; ms: number }[] {
	const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
	const ms = new Map<string, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) {
		const node = byNode.get(samples[i]!);
		if (!node) continue;
		const f = node.callFrame;
		const file = f.url.split('/').pop() ?? '';
		const name = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
		ms.set(name, (ms.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
	}
	return [...ms]
		.map(([name, t]) => ({ name, ms: Math.round(t) }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, top);
}

/** Starts profiling; the returned function stops, writes the profile to `path` and prints it. */
export async function profiled(cdp: CDPSession): Promise<(path: string) => Promise<void>> {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	return async (path) => {
		const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, JSON.stringify(profile));
		console.log(`profile ${path}: heaviest self time (ms, throttled clock)`);
		for (const { name, ms } of selfTimes(profile))
			console.log(`  ${String(ms).padStart(6)}  ${name}`);
	};
}
