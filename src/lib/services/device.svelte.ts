// The device's identity and its list of joined workspaces, read from Dexie and validated.
// Rows that fail validation (e.g. written by a newer app version) are counted and kept,
// never deleted: the UI says so instead of crashing.
import { customAlphabet } from 'nanoid';
import { formatActor } from '$lib/domain/common';
import {
	BangfuDb,
	deviceSchema,
	joinedWorkspaceSchema,
	type Device,
	type JoinedWorkspace,
	type WorkspaceKind
} from '$lib/local/db';

export type { JoinedWorkspace, WorkspaceKind };

/** Workspace ids appear in URLs and relay room names: URL-safe, no look-alike characters. */
const newId = customAlphabet('23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', 16);

class DeviceService {
	#db: BangfuDb | undefined;
	// Raw state: rows are replaced whole, and IndexedDB cannot store Svelte's proxies.
	#device = $state.raw<Device | undefined>();
	#workspaces = $state.raw<JoinedWorkspace[]>([]);
	#invalidRows = $state(0);
	#loaded = $state(false);

	get db(): BangfuDb {
		this.#db ??= new BangfuDb();
		return this.#db;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get device(): Device | undefined {
		return this.#device;
	}
	get workspaces(): JoinedWorkspace[] {
		return this.#workspaces;
	}
	get invalidRows(): number {
		return this.#invalidRows;
	}
	/**
	 * Who is recorded as `updatedBy`: the person's name and this device's id ("张老师 · d-…"),
	 * or the device id alone before a name is set. Never validated as a record id.
	 */
	get actor(): string {
		return formatActor(this.#device?.displayName ?? '', this.#device?.deviceId ?? 'unknown');
	}

	/**
	 * Who writes in one workspace: the member this device says it is there (so records say who
	 * did what by name), else the device's actor.
	 */
	actorIn(workspaceId: string): string {
		return this.find(workspaceId)?.memberId || this.actor;
	}

	/** Links this device's user to a member of a workspace (or unlinks, with undefined). */
	async setMember(workspaceId: string, memberId: string | undefined): Promise<void> {
		await this.updateWorkspace(workspaceId, { memberId });
	}

	async load(): Promise<void> {
		const stored = deviceSchema.safeParse(await this.db.device.get('device'));
		if (stored.success) this.#device = stored.data;
		else {
			const device: Device = { key: 'device', deviceId: `d-${newId()}`, displayName: '' };
			await this.db.device.put(device);
			this.#device = device;
		}
		await this.#refresh();
		this.#loaded = true;
	}

	async #refresh(): Promise<void> {
		const rows = await this.db.workspaces.orderBy('lastOpenedAt').reverse().toArray();
		const valid: JoinedWorkspace[] = [];
		let invalid = 0;
		for (const row of rows) {
			const parsed = joinedWorkspaceSchema.safeParse(row);
			if (parsed.success) valid.push(parsed.data);
			else invalid++;
		}
		this.#workspaces = valid;
		this.#invalidRows = invalid;
	}

	async setDisplayName(name: string): Promise<void> {
		if (!this.#device) await this.load();
		const device = { ...this.#device!, displayName: name.trim() };
		await this.db.device.put(device);
		this.#device = device;
	}

	/** Creates a workspace on this device only: it works at once, offline, with no relay. */
	async createWorkspace(name: string, kind: WorkspaceKind): Promise<JoinedWorkspace> {
		const now = new Date().toISOString();
		const ws: JoinedWorkspace = joinedWorkspaceSchema.parse({
			id: newId(),
			name: name.trim(),
			kind,
			role: 'owner',
			createdAt: now,
			lastOpenedAt: now
		});
		await this.db.workspaces.add(ws);
		await this.#refresh();
		return ws;
	}

	/** Records a workspace joined through an invitation. */
	async addJoined(ws: Omit<JoinedWorkspace, 'createdAt' | 'lastOpenedAt'>): Promise<void> {
		const now = new Date().toISOString();
		await this.db.workspaces.put(
			joinedWorkspaceSchema.parse({ ...ws, createdAt: now, lastOpenedAt: now })
		);
		await this.#refresh();
	}

	/** Re-reads the device's list (after a workspace's local copy was removed). */
	async reload(): Promise<void> {
		await this.#refresh();
	}

	find(id: string): JoinedWorkspace | undefined {
		return this.#workspaces.find((w) => w.id === id);
	}

	async touch(id: string): Promise<void> {
		await this.db.workspaces.update(id, { lastOpenedAt: new Date().toISOString() });
	}

	async updateWorkspace(id: string, patch: Partial<JoinedWorkspace>): Promise<void> {
		await this.db.workspaces.update(id, patch);
		await this.#refresh();
	}
}

export const deviceService = new DeviceService();
