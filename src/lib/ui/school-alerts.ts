// One line per school-side alert, saying why, through the i18n layer.
import { m } from '$lib/paraglide/messages.js';
import type { SchoolAlert, SchoolRuleId } from '$lib/rules';
import { enumLabel } from './enums';

type Figures = Record<string, number | string>;
const s = (v: number | string | undefined) => String(v ?? '');

/** '2026-autumn' → 2026 秋季学期. */
export function termLabel(id: string): string {
	const [year, half] = id.split('-');
	return half === 'spring' ? m.term_spring({ year: s(year) }) : m.term_autumn({ year: s(year) });
}

const NORM_LABELS: Record<string, () => string> = {
	principalVisits: m.norm_principal_visits,
	deptHeadVisits: m.norm_dept_head_visits,
	jointMeetings: m.norm_joint_meetings,
	secondedManagers: m.norm_seconded_managers
};

export function normLabel(norm: string): string {
	return NORM_LABELS[norm]?.() ?? norm;
}

const LINES: Record<SchoolRuleId, (f: Figures) => string> = {
	'STU-GUARD-POOR': () => m.alert_stu_guard_poor(),
	'STU-OUT-OF-SCHOOL': (f) =>
		m.alert_stu_out_of_school({ age: s(f.age), stage: enumLabel('stage', s(f.stage)) }),
	'STU-TALK-MONTH': (f) =>
		f.lastTalk ? m.alert_stu_talk_month({ last: s(f.lastTalk) }) : m.alert_stu_talk_never(),
	'STU-HOMEVISIT-TERM': (f) =>
		f.lastHomeVisit
			? m.alert_stu_homevisit_term({ term: termLabel(s(f.term)), last: s(f.lastHomeVisit) })
			: m.alert_stu_homevisit_never({ term: termLabel(s(f.term)) }),
	'STU-CALL-MONTH': (f) =>
		f.lastCall ? m.alert_stu_call_month({ last: s(f.lastCall) }) : m.alert_stu_call_never(),
	'PLAN-NO-ASSESS': (f) => m.alert_plan_no_assess({ term: termLabel(s(f.term)) }),
	'PLAN-MEASURE-DUE': (f) => m.alert_plan_measure_due({ count: s(f.count), dueDate: s(f.dueDate) }),
	'PAIR-NORMS': (f) =>
		m.alert_pair_norms({
			term: termLabel(s(f.term)),
			behind: s(f.behind)
				.split(',')
				.map((n) => `${normLabel(n)} ${s(f[n])}`)
				.join('、')
		})
};

export function schoolAlertLine(alert: SchoolAlert): string {
	return LINES[alert.ruleId](alert.figures);
}

/** The line of a school rule from its figures (ui/alerts.ts lists every rule of the registry). */
export function schoolLine(ruleId: SchoolRuleId, figures: Figures): string {
	return LINES[ruleId](figures);
}
