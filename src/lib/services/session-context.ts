// The open workspace's session through Svelte context (a Symbol key, a set/get pair), apart
// from workspace.svelte.ts so that the first screen's modules do not pull in the documents,
// Yjs and the providers: those load once the list has painted (workspace-opening.svelte.ts).
import { getContext, setContext } from 'svelte';
import type { WorkspaceSession } from './workspace.svelte';

const KEY = Symbol('workspace-session');

export function setSession(get: () => WorkspaceSession): void {
	setContext(KEY, get);
}

export function getSession(): WorkspaceSession {
	const get = getContext<(() => WorkspaceSession) | undefined>(KEY);
	if (!get) throw new Error('getSession() outside a workspace route');
	return get();
}
