// Merge worker for the Postgres store (plain JS: worker threads cannot load .ts through tsx on
// Node 20). { id, parts } in, { id, data } or { id, error } out. Applying to a Doc (rather than
// only Y.mergeUpdates) also garbage-collects deleted content; encodeStateAsUpdate keeps
// structs still waiting for a missing dependency.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, parts }) => {
	try {
		const doc = new Y.Doc();
		for (const part of parts) {
			// The relay decodes every update before storing it; one that still fails to apply must
			// not wedge compaction of the whole room forever.
			try {
				Y.applyUpdate(doc, part);
			} catch {
				/* skipped */
			}
		}
		const data = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		parentPort.postMessage({ id, data }, [data.buffer]);
	} catch (err) {
		parentPort.postMessage({ id, error: String(err && err.message ? err.message : err) });
	}
});
