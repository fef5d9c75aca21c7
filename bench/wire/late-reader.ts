// A late reader of a big room (issue 14): the relay in its own process (as bench/relay
// starts it), a writer that pushes a ~13 MB state as one message, then one reader joining
// `delay` ms after that send. Prints how long the reader took to hold the writer's state.
//   node --import tsx bench/wire/late-reader.ts FILE.base [delays…]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { startRelay } from '../relay/servers.ts';
import { killAll } from '../lib/procs.ts';
import { client, sleep, waitFor } from '../../sync-server/test/helpers.ts';

const [file, ...delayArgs] = process.argv.slice(2);
const base = readFileSync(file!);
const delays = delayArgs.length ? delayArgs.map(Number) : [0, 1000, 3000];
const relay = await startRelay('bangfu', join(import.meta.dirname, '../..'), {
	MAX_MESSAGE_BYTES: String(64 * 1024 * 1024)
});
const want = (() => {
	const d = new Y.Doc();
	Y.applyUpdate(d, base);
	return Buffer.from(Y.encodeStateVector(d));
})();
try {
	for (const [i, delay] of delays.entries()) {
		const ws = `latereader${i}`;
		const owner = (await relay.tokens([ws])).get(ws)!;
		const w = client(relay.base, ws, owner);
		await waitFor(() => w.provider.synced, 30_000, 'writer synced');
		const t0 = performance.now();
		Y.applyUpdate(w.doc, base);
		const sent = performance.now();
		await sleep(delay);
		const r = client(relay.base, ws, owner);
		const closes: string[] = [];
		r.provider.on('connection-close', (e: { code: number } | null) =>
			closes.push(`${e?.code ?? 'client timeout'}@${Math.round(performance.now() - sent)}`)
		);
		const s = performance.now();
		let line: string;
		try {
			await waitFor(() => Buffer.from(Y.encodeStateVector(r.doc)).equals(want), 120_000, 'reader');
			line = `full state ${Math.round(performance.now() - s)} ms after joining`;
		} catch {
			line = `NOT full after 120 s (synced=${r.provider.synced})`;
		}
		const echo = Buffer.from(Y.encodeStateVector(w.doc)).equals(want);
		console.log(
			`delay ${delay} ms (writer applied in ${Math.round(sent - t0)} ms): ${line}; closes [${closes.join(', ')}]; writer ok ${echo}`
		);
		r.destroy();
		w.destroy();
	}
} finally {
	console.log(
		relay
			.tail()
			.split('\n')
			.filter((l) => !l.includes('"ready"'))
			.slice(-8)
			.join('\n')
	);
	await relay.stop();
	killAll();
}
process.exit(0);
