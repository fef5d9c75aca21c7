// A student's individual plan (个人帮扶计划), written together: diagnosis (knowledge, habits,
// thinking, causes) → goals → measures (owner, due date, status) → periodic assessments →
// parent feedback → teacher summary; a disabled student's plan also carries the placement.
// Each section is a shared text (both teachers' characters merge); measures and assessments
// are keyed lists (two rows added apart are two rows). Presence says who is in which field.
import {
	PLAN_SECTIONS,
	sortedItems,
	todayIn,
	type Assessment,
	type Issue,
	type Measure,
	type PlanSection
} from '$lib/domain';
import type { Json, ReadResult, WriteResult } from '$lib/doc';
import { deviceService } from '$lib/services/device.svelte';
import { sharedText, type SharedText } from '$lib/services/shared-text';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import type { SchoolAlert } from '$lib/rules';
import { PresenceManager, colorFor } from './presence.svelte';
import { str } from './raw';

export { PLAN_SECTIONS, type PlanSection };

const clean = (fields: Record<string, Json | undefined>) =>
	Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '' ? undefined : v]));

export class StudentPlanManager {
	readonly id: string;
	readonly today = todayIn();
	readonly presence: PresenceManager;
	readonly #session: WorkspaceSession;
	#result = $state.raw<ReadResult<'plan'> | undefined>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of bindings, never rendered
	#texts = new Map<PlanSection, SharedText>();

	constructor(session: WorkspaceSession, planId: string) {
		this.#session = session;
		this.id = planId;
		this.#result = session.record('plan', planId);
		const info = deviceService.find(session.info.id);
		const memberId = info?.memberId;
		const memberName = memberId ? str(session.docs.main.raw('member', memberId) ?? {}, 'name') : '';
		const device = deviceService.device;
		const name = memberName || device?.displayName || (device?.deviceId ?? '').slice(-4);
		this.presence = new PresenceManager(session.awareness, `plan:${planId}`, {
			name,
			color: colorFor(memberId || device?.deviceId || name)
		});
	}

	/** Follows the plan and announces this device on it; call from an `$effect`. */
	watch(): () => void {
		const stops = [
			this.#session.docs.main.observe('plan', this.id, (r) => (this.#result = r)),
			this.presence.start()
		];
		return () => stops.forEach((stop) => stop());
	}

	get result(): ReadResult<'plan'> | undefined {
		return this.#result;
	}

	get plan() {
		return this.#result?.ok ? this.#result.record : undefined;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	get studentName(): string {
		const sid = this.plan?.subjectId;
		return sid ? str(this.#session.docs.main.raw('student', sid) ?? {}, 'name') : '';
	}

	get alerts(): SchoolAlert[] {
		return this.#session.schoolAlerts.alerts.filter(
			(a) => a.subject.kind === 'plan' && a.subject.id === this.id
		);
	}

	get members(): { value: string; label: string }[] {
		return this.#session
			.rows('member')
			.filter((r) => !r.deleted)
			.map((r) => ({ value: r.id, label: str(r.raw, 'name') }));
	}

	get measures(): (Measure & { id: string })[] {
		return sortedItems(this.plan?.measures);
	}

	get assessments(): (Assessment & { id: string })[] {
		return sortedItems(this.plan?.assessments);
	}

	/** One section's shared text, bound once. */
	text(section: PlanSection): SharedText {
		let t = this.#texts.get(section);
		if (!t) {
			t = sharedText(
				this.#session.docs.main.text('plan', this.id, section),
				this.#session.docs.origin
			);
			this.#texts.set(section, t);
		}
		return t;
	}

	update(field: 'title' | 'placement' | 'planType', value: string): WriteResult {
		return this.#session.docs.main.update('plan', this.id, { [field]: value || undefined });
	}

	addMeasure(m: Partial<Omit<Measure, 'order'>> = {}): WriteResult<string> {
		return this.#session.docs.main.addItem('plan', this.id, 'measures', {
			type: 'education',
			status: 'planned',
			...clean(m)
		});
	}

	updateMeasure(itemId: string, fields: Record<string, Json | undefined>): WriteResult {
		return this.#session.docs.main.updateItem('plan', this.id, 'measures', itemId, clean(fields));
	}

	removeMeasure(itemId: string): WriteResult {
		return this.#session.docs.main.removeItem('plan', this.id, 'measures', itemId);
	}

	addAssessment(a: { date: string; result?: string; score?: number }): WriteResult<string> {
		const byId = deviceService.find(this.#session.info.id)?.memberId;
		return this.#session.docs.main.addItem('plan', this.id, 'assessments', {
			...clean(a),
			...(byId ? { byId } : {})
		});
	}

	updateAssessment(itemId: string, fields: Record<string, Json | undefined>): WriteResult {
		return this.#session.docs.main.updateItem(
			'plan',
			this.id,
			'assessments',
			itemId,
			clean(fields)
		);
	}

	removeAssessment(itemId: string): WriteResult {
		return this.#session.docs.main.removeItem('plan', this.id, 'assessments', itemId);
	}
}

export type { Issue };
