// "My households" (我的结对户), the village cadre's home: the households paired with the member
// this device acts as, overdue visits and new alerts on top (new = not seen when this device
// last looked), then each household with its last visit and next due date.
import { zhCollator } from '$lib/collator';
import { householdsOf, todayIn } from '$lib/domain';
import type { Alert } from '$lib/rules';
import { alertSubject } from '$lib/services/alert-subjects';
import { deviceService } from '$lib/services/device.svelte';
import { readLastLooked, writeLastLooked, type LastLooked } from '$lib/services/last-looked';
import { alertKey, householdRows, looked, type MyHouseholdRow } from './my-households-rows';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { pairingRows, str } from './raw';

export type { MyHouseholdRow };
import { effectiveSettings } from './workspace-settings-read';

const RANK = { high: 0, medium: 1, low: 2 } as const;

export class MyHouseholdsManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;
	/** What this device had seen when the screen opened: the markers compare against it. */
	readonly #before: LastLooked | undefined;

	constructor(session: WorkspaceSession) {
		this.#session = session;
		this.#before = readLastLooked(session.info.id);
	}

	/** The member this device acts as ("this device is …" on /members), if linked. */
	get me(): string | undefined {
		const id = deviceService.find(this.#session.info.id)?.memberId;
		return id && this.#session.rows('member').some((r) => r.id === id && !r.deleted)
			? id
			: undefined;
	}

	get meName(): string {
		const me = this.me;
		const row = this.#session.rows('member').find((r) => r.id === me);
		return row ? str(row.raw, 'name') : '';
	}

	get ready(): boolean {
		return this.#session.alertsReady;
	}

	get lastLookedAt(): string | undefined {
		return this.#before?.at;
	}

	/** My households' ids; every household when this device is not linked to a member. */
	get #mine(): Set<string> | undefined {
		const me = this.me;
		return me
			? householdsOf(pairingRows(this.#session.rows('pairing')), me, this.today)
			: undefined;
	}

	/** Overdue visits first, then the most serious; only my households' (and the work group's). */
	get alerts(): Alert[] {
		const mine = this.#mine;
		const names = this.names;
		const name = (a: Alert) => names[alertSubject(a)?.id ?? ''] ?? '';
		const overdue = (a: Alert) => (a.ruleId === 'VISIT-OVERDUE' ? 0 : 1);
		return this.#session.alerts
			.filter((a) => !mine || !a.householdId || mine.has(a.householdId))
			.sort(
				(a, b) =>
					overdue(a) - overdue(b) ||
					RANK[a.severity] - RANK[b.severity] ||
					zhCollator.compare(name(a), name(b))
			);
	}

	/** Whether an alert was not there when this device last looked (all are new the first time). */
	isNew(a: Alert): boolean {
		return !this.#before || !this.#before.seen.includes(alertKey(a));
	}

	/** Remembers the alerts on screen now as seen (call once they are ready). */
	markLooked(): void {
		if (!this.ready) return;
		writeLastLooked(this.#session.info.id, looked(this.#before, this.#session.alerts));
	}

	/** A household's name by id (its head's name, else its id). */
	get names(): Record<string, string> {
		return Object.fromEntries(
			this.#session
				.rows('household')
				.filter((h) => !h.deleted)
				.map((h) => [h.id, str(h.raw, 'headName') || h.id])
		);
	}

	/** My households, overdue first, then by next due date and name. */
	get households(): MyHouseholdRow[] {
		const mine = this.#mine;
		if (!mine) return [];
		return householdRows({
			mine,
			households: this.#session.rows('household'),
			alerts: this.#session.alerts, // also makes this follow visits and edits
			lastVisits: this.#session.docs.lastVisits(),
			pairings: pairingRows(this.#session.rows('pairing')),
			cadence: effectiveSettings(this.#session).householdVisitEveryMonths
		});
	}
}
