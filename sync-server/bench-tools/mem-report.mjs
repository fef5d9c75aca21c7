// Preloaded by memory-probe.ts (--node=--import=./sync-server/bench-tools/mem-report.mjs):
// on SIGWINCH (harmless, unused by the relay) print where the process's memory sits —
// V8 heap spaces (committed vs used), external/array buffers, and the RSS — to stderr.
import v8 from 'node:v8';

process.on('SIGWINCH', () => {
	const m = process.memoryUsage();
	const mb = (n) => (n / 1048576).toFixed(1);
	const spaces = v8
		.getHeapSpaceStatistics()
		.map(
			(s) => `${s.space_name.replace('_space', '')} ${mb(s.space_size)}/${mb(s.space_used_size)}`
		)
		.join(', ');
	process.stderr.write(
		`[mem] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} ` +
			`external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n[mem] spaces (committed/used MB): ${spaces}\n`
	);
});
