// The relay-confirmed state of each room (a Yjs snapshot, sync/confirmations.ts), kept on the
// device between sessions so that a document reopened offline counts as "waiting" only what
// the relay had not confirmed. localStorage: small, synchronous (the first status is computed
// in the connection's constructor); written at most every SAVE_MS per room. Losing it only
// means counting the opening state as one change until the relay answers.
import type { ConfirmedStateStore } from '$lib/sync/connection';

const PREFIX = 'bangfu:confirmed:';
/** Relayed updates arrive in bursts; the snapshot only needs to be about right when we close. */
const SAVE_MS = 2_000;

const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(''));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function browserConfirmedStore(): ConfirmedStateStore | undefined {
	if (typeof localStorage === 'undefined') return undefined;
	const latest = new Map<string, Uint8Array>();
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	const write = (room: string) => {
		timers.delete(room);
		const state = latest.get(room);
		if (!state) return;
		try {
			localStorage.setItem(PREFIX + room, toBase64(state));
		} catch {
			// storage full or blocked: counting falls back to the safe side
		}
	};
	if (typeof window !== 'undefined')
		window.addEventListener('pagehide', () => {
			for (const room of [...timers.keys()]) write(room);
		});
	return {
		load(room) {
			try {
				const s = localStorage.getItem(PREFIX + room);
				return s ? fromBase64(s) : undefined;
			} catch {
				return undefined;
			}
		},
		save(room, state) {
			latest.set(room, state);
			if (!timers.has(room))
				timers.set(
					room,
					setTimeout(() => write(room), SAVE_MS)
				);
		}
	};
}

/** Forgets the confirmed state of a workspace's rooms (when its local copy is removed). */
export function forgetConfirmed(workspaceId: string): void {
	if (typeof localStorage === 'undefined') return;
	for (const key of Object.keys(localStorage))
		if (key === PREFIX + workspaceId || key.startsWith(`${PREFIX}${workspaceId}/`))
			localStorage.removeItem(key);
}
