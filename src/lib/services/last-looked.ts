// When this device last looked at a workspace's home, and which alerts it had seen then: kept
// on the device (localStorage), never in the shared document, so each cadre's "new since you
// last looked" is their own. Read back with zod; anything unreadable counts as never looked.
import { z } from 'zod';

const stored = z.object({ at: z.string(), seen: z.array(z.string()).max(100_000) });
export type LastLooked = z.infer<typeof stored>;

const keyOf = (workspaceId: string) => `bangfu:last-looked:${workspaceId}`;

export function readLastLooked(workspaceId: string): LastLooked | undefined {
	try {
		const raw = localStorage.getItem(keyOf(workspaceId));
		if (!raw) return undefined;
		const r = stored.safeParse(JSON.parse(raw));
		return r.success ? r.data : undefined;
	} catch {
		return undefined; // storage blocked or a damaged value: as if never looked
	}
}

export function writeLastLooked(workspaceId: string, value: LastLooked): void {
	try {
		localStorage.setItem(keyOf(workspaceId), JSON.stringify(value));
	} catch {
		// Storage full or blocked: the markers show again next time, nothing else is lost.
	}
}

export function forgetLastLooked(workspaceId: string): void {
	try {
		localStorage.removeItem(keyOf(workspaceId));
	} catch {
		// storage blocked: nothing to forget
	}
}
