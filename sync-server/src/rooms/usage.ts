// Stored bytes per room and per workspace, for the quotas (ROOM_MAX_BYTES,
// WORKSPACE_MAX_BYTES, WORKSPACE_MAX_ROOMS). Read from the store when the first room of a
// workspace loads, then kept by the relay: a write reserves its bytes before the commit (a
// failed commit gives them back), updates from other processes add theirs, and a compaction
// sets the room to what the store then holds.
import { CloseEvent, parseRoomName } from '#protocol';

export type Quotas = { roomMaxBytes: number; workspaceMaxBytes: number; workspaceMaxRooms: number };

/** No limit at all (the default for every quota not configured). */
export const NO_QUOTAS: Quotas = {
	roomMaxBytes: Number.MAX_SAFE_INTEGER,
	workspaceMaxBytes: Number.MAX_SAFE_INTEGER,
	workspaceMaxRooms: Number.MAX_SAFE_INTEGER
};

export class WorkspaceUsage {
	readonly rooms: Map<string, number>;
	/** Rooms of this workspace loaded in this process; the usage is dropped at 0. */
	loaded = 0;
	#total = 0;

	constructor(rooms: Map<string, number>) {
		this.rooms = rooms;
		for (const n of rooms.values()) this.#total += n;
	}

	get total(): number {
		return this.#total;
	}

	/** Reserves `bytes` for a write to `room`; the refusal when over a quota. */
	reserve(room: string, bytes: number, q: Quotas): CloseEvent | null {
		const current = this.rooms.get(room) ?? 0;
		if (current + bytes > q.roomMaxBytes) return CloseEvent.roomFull;
		if (this.#total + bytes > q.workspaceMaxBytes) return CloseEvent.workspaceFull;
		this.add(room, bytes);
		return null;
	}

	add(room: string, bytes: number): void {
		this.rooms.set(room, Math.max(0, (this.rooms.get(room) ?? 0) + bytes));
		this.#total = Math.max(0, this.#total + bytes);
	}

	set(room: string, bytes: number): void {
		this.add(room, bytes - (this.rooms.get(room) ?? 0));
	}
}

export function workspaceOf(room: string): string {
	return parseRoomName(room)?.workspaceId ?? room;
}

/** The usage of every workspace with a room loaded in this process. */
export class UsageBook {
	#read: (workspaceId: string) => Promise<Map<string, number>>;
	#pending = new Map<string, Promise<WorkspaceUsage>>();
	#known = new Map<string, WorkspaceUsage>();

	constructor(read: (workspaceId: string) => Promise<Map<string, number>>) {
		this.#read = read;
	}

	/** Reads the workspace's usage from the store once (shared by concurrent loads). */
	load(room: string): Promise<WorkspaceUsage> {
		const ws = workspaceOf(room);
		const known = this.#known.get(ws);
		if (known) return Promise.resolve(known);
		let pending = this.#pending.get(ws);
		if (!pending) {
			pending = this.#read(ws).then((rooms) => new WorkspaceUsage(rooms));
			pending.then(
				() => this.#pending.delete(ws),
				() => this.#pending.delete(ws)
			);
			this.#pending.set(ws, pending);
		}
		return pending;
	}

	/** A room of the workspace was loaded with `usage`. */
	loaded(room: string, usage: WorkspaceUsage): void {
		usage.loaded++;
		if (!usage.rooms.has(room)) usage.set(room, 0);
		this.#known.set(workspaceOf(room), usage);
	}

	/** A room was unloaded: with none left, the usage is read again next time (compaction
	 * shrinks what the store holds). */
	unloaded(room: string): void {
		const ws = workspaceOf(room);
		const usage = this.#known.get(ws);
		if (!usage) return;
		if (usage.rooms.get(room) === 0) usage.rooms.delete(room);
		if (--usage.loaded <= 0) this.#known.delete(ws);
	}

	/** The usage of a loaded room's workspace. */
	of(room: string): WorkspaceUsage | undefined {
		return this.#known.get(workspaceOf(room));
	}

	clear(): void {
		this.#known.clear();
	}
}
