// A school workspace's home (what needs attention today): the school-side alerts, most
// serious first, each with the student (or pairing) it is about, and the counts.
import { zhCollator } from '$lib/i18n.svelte';
import type { SchoolAlert } from '$lib/rules';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { str } from './raw';

const RANK = { high: 0, medium: 1, low: 2 } as const;

export interface HomeAlert {
	alert: SchoolAlert;
	/** Who it is about: the student's name, or the pairing's recipient school. */
	name: string;
	studentId?: string;
	pairingId?: string;
}

export class SchoolHomeManager {
	readonly #session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get students(): number {
		return this.#session.rows('student').filter((r) => !r.deleted).length;
	}

	get members(): number {
		return this.#session.rows('member').filter((r) => !r.deleted).length;
	}

	get ready(): boolean {
		return this.#session.schoolAlerts.ready;
	}

	get alerts(): HomeAlert[] {
		const names = Object.fromEntries(
			this.#session.rows('student').map((r) => [r.id, str(r.raw, 'name')] as const)
		);
		const schools = Object.fromEntries(
			this.#session.rows('school').map((r) => [r.id, str(r.raw, 'name')] as const)
		);
		const pairings = Object.fromEntries(
			this.#session.rows('pairing').map((r) => [r.id, str(r.raw, 'supportedId')] as const)
		);
		return this.#session.schoolAlerts.alerts
			.map((alert) => {
				if (alert.studentId)
					return { alert, name: names[alert.studentId] ?? '', studentId: alert.studentId };
				const pid = alert.subject.id;
				return { alert, name: schools[pairings[pid] ?? ''] ?? '', pairingId: pid };
			})
			.sort(
				(a, b) =>
					RANK[a.alert.severity] - RANK[b.alert.severity] || zhCollator.compare(a.name, b.name)
			);
	}
}
