// The care team (成员): who is on it, their roles and units, edited in place; and "this device
// is …", which links the device's user to a member so records say who did what by name.
import {
	memberRoles,
	studentsOf,
	todayIn,
	type DraftOf,
	type Issue,
	type Member
} from '$lib/domain';
import { zhCollator } from '$lib/i18n.svelte';
import { deviceService } from '$lib/services/device.svelte';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { pairingRows, str } from './raw';

export interface MemberRow {
	id: string;
	name: string;
	role?: Member['role'];
	unit: string;
	phone: string;
	/** Students this member is responsible for today. */
	students: number;
}

const ROLE_ORDER: readonly string[] = memberRoles;

export class MembersManager {
	readonly #session: WorkspaceSession;
	#issues = $state.raw<Issue[]>([]);

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/** The team, leaders first, then by name. */
	get rows(): MemberRow[] {
		const today = todayIn();
		const pairings = pairingRows(this.#session.rows('pairing'));
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => {
				const role = str(r.raw, 'role');
				return {
					id: r.id,
					name: str(r.raw, 'name'),
					role: (ROLE_ORDER.includes(role) ? role : undefined) as Member['role'],
					unit: str(r.raw, 'unit'),
					phone: str(r.raw, 'phone'),
					students: studentsOf(pairings, r.id, today).size
				};
			})
			.sort((a, b) => rank(a.role) - rank(b.role) || zhCollator.compare(a.name, b.name));
	}

	/** The member this device's user is in this workspace, if linked. */
	get me(): string | undefined {
		const id = deviceService.find(this.#session.info.id)?.memberId;
		return id && this.#session.rows('member').some((r) => r.id === id && !r.deleted)
			? id
			: undefined;
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	/** Adds a member; its id, or undefined with `issues` set. */
	create(draft: DraftOf<'member'>): string | undefined {
		const r = this.#session.docs.main.create('member', draft);
		this.#issues = r.ok ? [] : r.issues;
		return r.ok ? r.value : undefined;
	}

	/** Changes one field in place ('' clears an optional field). */
	update(id: string, field: 'name' | 'role' | 'unit' | 'phone', value: string) {
		const v = value.trim();
		return this.#session.docs.main.update('member', id, {
			[field]: field === 'name' ? value : v || undefined
		});
	}

	remove(id: string) {
		return this.#session.docs.main.remove('member', id);
	}

	/** "This device is …": later records on this device carry this member's id. */
	async linkMe(memberId: string | undefined): Promise<void> {
		await deviceService.setMember(this.#session.info.id, memberId);
	}
}

function rank(role: string | undefined): number {
	const i = role ? ROLE_ORDER.indexOf(role) : -1;
	return i < 0 ? ROLE_ORDER.length : i;
}
