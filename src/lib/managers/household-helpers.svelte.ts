// A household's cadre (帮扶责任人) and the history of who it was, and the visit cadence of the
// pairing in force: a change of helper ends the current pairing yesterday and starts a new one
// today (the same steps as a student's teacher, domain/pairing-history.ts).
import {
	addDays,
	changeHelper,
	currentPairing,
	pairingHistory,
	todayIn,
	type Issue,
	type PairingLike
} from '$lib/domain';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { applyPairingChange } from './pairing-change';
import { pairingRows, str } from './raw';
import { effectiveSettings } from './workspace-settings-read';

export class HouseholdHelpersManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;
	readonly id: string;

	constructor(session: WorkspaceSession, householdId: string) {
		this.#session = session;
		this.id = householdId;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	/** Helpers of this household, newest first (ended rows keep their end date). */
	get history(): PairingLike[] {
		return pairingHistory(this.#pairings(), this.id, 'member_household');
	}

	get current(): PairingLike | undefined {
		return currentPairing(this.#pairings(), this.id, this.today, 'member_household');
	}

	/** The workspace's default cadence in months (quarterly unless a county set another). */
	get defaultCadence(): number {
		return effectiveSettings(this.#session).householdVisitEveryMonths;
	}

	/** Member id → name. */
	get names(): Record<string, string> {
		return Object.fromEntries(
			this.#session.rows('member').map((r) => [r.id, str(r.raw, 'name') || r.id] as const)
		);
	}

	/** Members who can be made this household's helper. */
	get members(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'name') }));
	}

	/** Makes `memberId` the helper from today; the previous pairing ends yesterday. */
	change(memberId: string): Issue[] {
		const change = changeHelper(
			'member_household',
			this.#pairings(),
			this.id,
			memberId,
			this.today,
			addDays(this.today, -1)
		);
		return applyPairingChange(this.#session.docs.main, change);
	}

	/** The current pairing's visit cadence in months; undefined returns to the default. */
	setCadence(months: number | undefined): Issue[] {
		const p = this.current;
		if (!p) return [{ code: 'pairing.none', path: ['visitEveryMonths'] }];
		const r = this.#session.docs.main.update('pairing', p.id, { visitEveryMonths: months });
		return r.ok ? [] : r.issues;
	}

	/** Ends the current pairing today (the household has no helper from tomorrow). */
	end(): Issue[] {
		const p = this.current;
		if (!p) return [];
		const r = this.#session.docs.main.update('pairing', p.id, { endDate: this.today });
		return r.ok ? [] : r.issues;
	}

	#pairings(): PairingLike[] {
		return pairingRows(this.#session.rows('pairing'));
	}
}
