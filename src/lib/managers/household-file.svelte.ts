// The household file screen (一户一档): the household, its alerts, its visits of this year and
// last, and every edit the screen makes. The route renders; this does the reading and writing.
import { todayIn, yearOf, type HouseholdMember, type Visit, type YearIncome } from '$lib/domain';
import { observeVisitsOf, type ReadResult, type WriteResult } from '$lib/doc';
import { latestPerCapita } from '$lib/rules';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type IncomeField = keyof YearIncome;

export class HouseholdFileManager {
	readonly id: string;
	readonly today = todayIn();
	readonly year = yearOf(this.today);
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<'household'> | undefined>();
	#visits = $state.raw<Visit[]>([]);
	#notes: SharedText | undefined;

	constructor(session: WorkspaceSession, householdId: string) {
		this.#session = session;
		this.id = householdId;
		this.#result = session.record('household', householdId);
	}

	/** Follows the household and its visits; call from an `$effect`, which gets the stop. */
	watch(): () => void {
		const docs = this.#session.docs;
		const stops = [
			docs.main.observe('household', this.id, (r) => (this.#result = r)),
			observeVisitsOf(
				docs,
				{ kind: 'household', id: this.id },
				[this.year, this.year - 1],
				(v) => (this.#visits = v)
			)
		];
		return () => stops.forEach((stop) => stop());
	}

	/** The record as read: valid, or invalid with its issues; undefined when there is none. */
	get result(): ReadResult<'household'> | undefined {
		return this.#result;
	}

	get household() {
		return this.#result?.ok ? this.#result.record : undefined;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	get alerts() {
		return this.#session.alertsFor({ kind: 'household', id: this.id });
	}

	/** This year's and last year's visits, newest first. */
	get visits(): Visit[] {
		return this.#visits;
	}

	/** This year's income as entered. */
	get income(): YearIncome {
		return this.household?.incomes?.[String(this.year)] ?? {};
	}

	/** This year's per-capita net income, as the rules compute it (0 when none is entered). */
	get perCapita(): number {
		const h = this.household;
		const pc = h ? latestPerCapita(h, this.year, () => undefined) : undefined;
		return pc?.year === this.year ? pc.perCapita : 0;
	}

	/** The co-edited notes (one Y.Text per household, bound once). */
	get notes(): SharedText {
		this.#notes ??= sharedText(
			this.#session.docs.main.text('household', this.id, 'notes'),
			this.#session.docs.origin
		);
		return this.#notes;
	}

	update(fields: Record<string, unknown>): WriteResult {
		return this.#session.docs.main.update('household', this.id, fields);
	}

	/** A short optional text field: blank unsets it. */
	setText(field: string, value: string): WriteResult {
		return this.update({ [field]: value.trim() || undefined });
	}

	setIncome(field: IncomeField, amount: number | undefined): WriteResult {
		return this.#session.docs.main.updateItem(
			'household',
			this.id,
			'incomes',
			String(this.year),
			{ [field]: amount },
			{ upsert: true }
		);
	}

	addMember(member: HouseholdMember): WriteResult<string> {
		return this.#session.docs.main.addItem('household', this.id, 'members', member);
	}

	removeMember(memberId: string): WriteResult {
		return this.#session.docs.main.removeItem('household', this.id, 'members', memberId);
	}

	remove(): WriteResult {
		return this.#session.docs.main.remove('household', this.id);
	}

	restore(): WriteResult {
		return this.#session.docs.main.restore('household', this.id);
	}
}
