// School pairing (结对帮扶): the supporting (甲方) and supported (乙方) schools, the agreement
// of each pairing with its visit norms, the activities by area and kind, and the donations
// ledger with totals per term.
import {
	activityCounts,
	donationTotalsByTerm,
	effectiveNorms,
	normProgress,
	todayIn,
	DEFAULT_SETTINGS,
	SETTINGS_ID,
	type Activity,
	type DraftOf,
	type Donation,
	type Issue,
	type NormKey,
	type NormProgress,
	type Pairing,
	type School,
	type Term,
	type TermTotal
} from '$lib/domain';
import type { Json, WriteResult } from '$lib/doc';
import { zhCollator } from '$lib/i18n.svelte';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export class SchoolsManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;
	#issues = $state.raw<Issue[]>([]);

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	#valid<K extends 'school' | 'pairing' | 'activity' | 'donation'>(kind: K) {
		// The rows' change drives reactivity; the records are validated here.
		void this.#session.rows(kind);
		return this.#session.docs.main
			.list(kind)
			.flatMap((r) => (r.ok && !r.deleted ? [r.record] : []));
	}

	get schools(): School[] {
		return this.#valid('school').sort((a, b) => zhCollator.compare(a.name, b.name));
	}

	school(id: string): School | undefined {
		return this.schools.find((s) => s.id === id);
	}

	/** The school ↔ school pairings a school is a side of. */
	pairingsOf(schoolId: string): Pairing[] {
		return this.#valid('pairing').filter(
			(p) =>
				p.kind === 'school_school' && (p.supportedId === schoolId || p.supporterId === schoolId)
		);
	}

	activitiesOf(pairingId: string): Activity[] {
		return this.#valid('activity')
			.filter((a) => a.pairingId === pairingId)
			.sort((a, b) => b.date.localeCompare(a.date));
	}

	donationsOf(pairingId: string): Donation[] {
		return this.#valid('donation')
			.filter((d) => d.pairingId === pairingId)
			.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
	}

	#settings() {
		const s = this.#session.docs.main.get('settings', SETTINGS_ID);
		return { ...DEFAULT_SETTINGS, ...(s?.ok ? s.record : {}) };
	}

	norms(p: Pairing): Record<NormKey, number> {
		return effectiveNorms(p.norms, this.#settings());
	}

	progress(p: Pairing): { term: Term; rows: NormProgress[] } {
		return normProgress(p, this.activitiesOf(p.id), this.#settings(), this.today);
	}

	totals(pairingId: string): TermTotal[] {
		return donationTotalsByTerm(this.donationsOf(pairingId), this.#settings());
	}

	counts(pairingId: string) {
		return activityCounts(this.activitiesOf(pairingId));
	}

	agreement(pairingId: string): SharedText {
		return sharedText(
			this.#session.docs.main.text('pairing', pairingId, 'agreementText'),
			this.#session.docs.origin
		);
	}

	#result<T>(r: WriteResult<T>): T | undefined {
		this.#issues = r.ok ? [] : r.issues;
		return r.ok ? r.value : undefined;
	}

	addSchool(draft: DraftOf<'school'>): string | undefined {
		return this.#result(this.#session.docs.main.create('school', draft));
	}

	updateSchool(id: string, field: keyof DraftOf<'school'>, value: string): WriteResult {
		return this.#session.docs.main.update('school', id, { [field]: value.trim() || undefined });
	}

	/** Pairs a supported school with the supporting one, from today. */
	pair(supporterId: string, supportedId: string): string | undefined {
		return this.#result(
			this.#session.docs.main.create('pairing', {
				kind: 'school_school',
				supporterId,
				supportedId,
				startDate: this.today
			})
		);
	}

	updatePairing(
		id: string,
		path: [keyof DraftOf<'pairing'>, ...string[]],
		value: Json | undefined
	) {
		return this.#session.docs.main.setPath('pairing', id, path, value === '' ? undefined : value);
	}

	addActivity(draft: DraftOf<'activity'>): string | undefined {
		return this.#result(this.#session.docs.main.create('activity', draft));
	}

	addDonation(draft: DraftOf<'donation'>): string | undefined {
		return this.#result(this.#session.docs.main.create('donation', draft));
	}
}
