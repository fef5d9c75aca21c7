// The household file screen (一户一档): the household, its alerts, its visits of this year and
// last, and every edit the screen makes. The route renders; this does the reading and writing.
import {
	duplicateIdNumbers,
	todayIn,
	yearOf,
	type Expense,
	type HouseholdMember,
	type Visit,
	type YearIncome
} from '$lib/domain';
import {
	observeVisitsOf,
	type Conflict,
	type Json,
	type ReadResult,
	type WriteResult
} from '$lib/doc';
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
	/** The year whose income card is open (this year unless another is chosen). */
	#incomeYear = $state(yearOf(todayIn()));
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

	/**
	 * Values that lost a same-field merge (both values, who, when), until someone picks one.
	 * Read again whenever the record changes (conflict entries are routed to the record).
	 */
	get conflicts(): Conflict[] {
		void this.#result;
		return this.#session.docs.main.conflicts('household', this.id);
	}

	/** Keeps one value of a conflicted field (the standing one or the lost one). */
	pick(path: string[], value: Json | undefined): WriteResult {
		return this.#session.docs.main.resolveConflict('household', this.id, path, value);
	}

	/** Members sharing an ID number (the same person added on two devices): to be merged. */
	get duplicateMembers(): string[][] {
		return duplicateIdNumbers(
			this.#result?.raw['members'] as Parameters<typeof duplicateIdNumbers>[0]
		);
	}

	/** The name to show, also for a record that fails validation. */
	get title(): string | undefined {
		const name = this.#result?.raw['headName'];
		return typeof name === 'string' && name ? name : undefined;
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

	get incomeYear(): number {
		return this.#incomeYear;
	}

	/** Any year from this one back: a card can be filled in for earlier years too. */
	setIncomeYear(year: number): void {
		if (Number.isInteger(year) && year >= 2013 && year <= this.year) this.#incomeYear = year;
	}

	/** Years offered: this year, the five before it, and any year already entered. */
	get incomeYears(): number[] {
		const recent = Array.from({ length: 6 }, (_, i) => this.year - i);
		const entered = Object.keys(this.household?.incomes ?? {}).map(Number);
		return [...recent, ...entered]
			.filter((y, i, all) => all.indexOf(y) === i)
			.sort((a, b) => b - a);
	}

	/** The chosen year's income as entered. */
	get income(): YearIncome {
		return this.household?.incomes?.[String(this.#incomeYear)] ?? {};
	}

	/** Per-capita net income of a year, as the rules compute it (0 when none is entered). */
	perCapitaOf(year: number): number | undefined {
		const h = this.household;
		const pc = h ? latestPerCapita(h, year, () => undefined) : undefined;
		return pc?.year === year ? pc.perCapita : undefined;
	}

	/** The chosen year's per-capita net income (0 when none is entered). */
	get perCapita(): number {
		return this.perCapitaOf(this.#incomeYear) ?? 0;
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

	/** One source of the chosen year's income (undefined clears it). */
	setIncome(field: IncomeField, amount: number | undefined): WriteResult {
		// Letters typed into an amount: say the format is wrong (zod would call NaN missing).
		if (Number.isNaN(amount))
			return { ok: false, issues: [{ path: [field], code: 'type.invalid' }] };
		return this.#session.docs.main.updateItem(
			'household',
			this.id,
			'incomes',
			String(this.#incomeYear),
			{ [field]: amount },
			{ upsert: true }
		);
	}

	addMember(member: HouseholdMember): WriteResult<string> {
		return this.#session.docs.main.addItem('household', this.id, 'members', member);
	}

	/** Edits a member in place (cleared fields are unset), so nobody re-adds a person. */
	updateMember(memberId: string, member: Partial<HouseholdMember>): WriteResult {
		return this.#session.docs.main.updateItem('household', this.id, 'members', memberId, member);
	}

	addExpense(expense: Omit<Expense, 'order'>): WriteResult<string> {
		return this.#session.docs.main.addItem('household', this.id, 'expenses', expense);
	}

	removeExpense(expenseId: string): WriteResult {
		return this.#session.docs.main.removeItem('household', this.id, 'expenses', expenseId);
	}

	/** A flag of `riskTypes` or `policies` (one key each, so two people's ticks merge). */
	setFlag(field: 'riskTypes' | 'policies', key: string, on: boolean): WriteResult {
		return this.#session.docs.main.setPath('household', this.id, [field, key], on || undefined);
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
