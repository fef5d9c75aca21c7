// The alerts inbox (/w/<id>/alerts): every alert of the workspace (households, cases, the
// work group's deadlines, and in a school's workspace students, plans and pairings), filtered
// by category, severity, village, responsible member and subject kind; each opens its record
// with the fields it is about highlighted. Acknowledge / snooze decisions are stored as
// records (services/alert-decisions.ts); acknowledged and snoozed alerts are hidden unless
// asked for.
/* eslint-disable svelte/prefer-svelte-reactivity -- lookup tables built inside a getter, never kept or rendered */
import { todayIn, type AlertAction } from '$lib/domain';
import type { Alert, SchoolAlert } from '$lib/rules';
import {
	alertKey,
	hides,
	latestDecisions,
	type StoredDecision
} from '$lib/services/alert-decisions';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import { pairingRows, str } from './raw';
import { focusOf } from './alert-focus';

export interface InboxRow {
	key: string;
	/** The alert, for its line (ui/alerts.ts or ui/school-alerts.ts). */
	alert: { village: Alert } | { school: SchoolAlert };
	ruleId: string;
	category: string;
	severity: 'high' | 'medium' | 'low';
	subjectKind: string;
	name: string;
	village: string;
	memberIds: string[];
	/** The record it opens: route and the `?focus=` fields. */
	open: { route: 'household' | 'case' | 'student' | 'plan' | 'reports' | 'schools'; id: string };
	focus: string[];
	decision: StoredDecision | undefined;
	hidden: boolean;
}

export interface InboxFilter {
	category?: string | undefined;
	severity?: string | undefined;
	village?: string | undefined;
	member?: string | undefined;
	subjectKind?: string | undefined;
	showHandled?: boolean;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export class AlertsInboxManager {
	readonly today = todayIn();
	readonly #session: WorkspaceSession;

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}
	get ready(): boolean {
		return this.#session.isSchool
			? this.#session.schoolAlerts.ready && this.#session.alertsReady
			: this.#session.alertsReady;
	}

	get members(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'name') || r.id }));
	}

	get rows(): InboxRow[] {
		const s = this.#session;
		const today = this.today;
		const households = new Map<string, { name: string; village: string }>();
		for (const r of s.rows('household'))
			households.set(r.id, { name: str(r.raw, 'headName'), village: str(r.raw, 'village') });
		const students = new Map<string, string>();
		for (const r of s.rows('student')) students.set(r.id, str(r.raw, 'name'));
		const helpers = new Map<string, string[]>();
		for (const p of pairingRows(s.rows('pairing'))) {
			if (p.endDate && p.endDate < today) continue;
			if (p.kind !== 'member_household' && p.kind !== 'member_student') continue;
			helpers.set(p.supportedId, [...(helpers.get(p.supportedId) ?? []), p.supporterId]);
		}
		const decisions = latestDecisions(s.rows('alertDecision'));
		const out: InboxRow[] = [];
		const push = (row: Omit<InboxRow, 'decision' | 'hidden'>) => {
			const decision = decisions.get(row.key);
			out.push({ ...row, decision, hidden: hides(decision, today) });
		};
		for (const a of s.alerts) {
			const hid = a.householdId;
			const h = hid ? households.get(hid) : undefined;
			const isCase = a.subject.kind === 'case';
			push({
				key: alertKey(a),
				alert: { village: a },
				ruleId: a.ruleId,
				category: a.category,
				severity: a.severity,
				subjectKind: a.subject.kind,
				name: h?.name ?? '',
				village: h?.village ?? '',
				memberIds: hid ? (helpers.get(hid) ?? []) : [],
				open: isCase
					? { route: 'case', id: a.subject.id }
					: hid
						? { route: 'household', id: hid }
						: { route: 'reports', id: '' },
				focus: focusOf(a.ruleId)
			});
		}
		if (s.isSchool)
			for (const a of s.schoolAlerts.alerts) {
				const sid = a.studentId;
				push({
					key: alertKey(a),
					alert: { school: a },
					ruleId: a.ruleId,
					category: a.category,
					severity: a.severity,
					subjectKind: a.subject.kind,
					name: sid ? (students.get(sid) ?? '') : '',
					village: '',
					memberIds: sid ? (helpers.get(sid) ?? []) : [],
					open:
						a.subject.kind === 'plan'
							? { route: 'plan', id: a.subject.id }
							: sid
								? { route: 'student', id: sid }
								: { route: 'schools', id: '' },
					focus: focusOf(a.ruleId)
				});
			}
		return out.sort(
			(a, b) =>
				SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
				(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
		);
	}

	/** Values present in the alerts, for the filters' choices. */
	get villages(): string[] {
		return [...new Set(this.rows.map((r) => r.village).filter(Boolean))].sort();
	}

	filtered(f: InboxFilter): InboxRow[] {
		return this.rows.filter(
			(r) =>
				(f.showHandled || !r.hidden) &&
				(!f.category || r.category === f.category) &&
				(!f.severity || r.severity === f.severity) &&
				(!f.village || r.village === f.village) &&
				(!f.member || r.memberIds.includes(f.member)) &&
				(!f.subjectKind || r.subjectKind === f.subjectKind)
		);
	}

	/** Records the decision on an alert; a snooze needs its date (after today). */
	decide(
		key: string,
		action: AlertAction,
		reason: string,
		until?: string
	): { ok: true } | { ok: false; code: string } {
		if (action === 'snoozed' && (!until || until <= this.today))
			return { ok: false, code: 'snooze.until' };
		const r = this.#session.docs.main.create('alertDecision', {
			alertKey: key,
			action,
			date: this.today,
			decidedBy: this.#session.actor,
			...(reason.trim() ? { reason: reason.trim() } : {}),
			...(action === 'snoozed' ? { until } : {})
		});
		return r.ok ? { ok: true } : { ok: false, code: r.issues[0]?.code ?? 'type.invalid' };
	}

	/** Withdraws the standing decision (the alert shows again; the record goes to the trash). */
	withdraw(decisionId: string): void {
		this.#session.docs.main.remove('alertDecision', decisionId);
	}
}
