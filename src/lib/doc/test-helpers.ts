import * as Y from 'yjs';
import { WorkspaceDocs } from './workspace-docs';

/** Opens a family in memory for tests, with a fixed clock unless one is given. */
export function openTestDocs(actor = 'm1', now = () => new Date('2026-03-01T08:00:00.000Z')) {
	return WorkspaceDocs.open({ workspaceId: 'ws1', actor, now });
}

/** Brings two docs to the same state (both directions). */
export function syncDocs(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
