// One line per alert, saying why, through the i18n layer. Typed by rule id: a rule added to
// the registry without its line here fails the type check.
import { m } from '$lib/paraglide/messages.js';
import { schoolLine } from './school-alerts';
import type { Alert, FiguresOf, RuleId } from '$lib/rules';

const AREAS: Record<string, () => string> = {
	education: m.secure_education,
	medical: m.secure_medical,
	housing: m.secure_housing,
	water: m.secure_water
};

const LINES: { [Id in RuleId]: (f: FiguresOf<Id>) => string } = {
	'INC-LINE': (f) => m.alert_inc_line(f),
	'INC-DROP': (f) => m.alert_inc_drop(f),
	'EXP-MEDICAL': (f) => m.alert_exp_medical(f),
	'EXP-OUTPATIENT': (f) => m.alert_exp_outpatient(f),
	'EXP-STAY': (f) => m.alert_exp_stay({ date: f.date, amount: f.amount, line: f.line }),
	'LIV-ALONE': (f) => m.alert_liv_alone(f),
	'LIV-CARE': () => m.alert_liv_care(),
	'LIV-ORPHAN': (f) => m.alert_liv_orphan(f),
	'LIV-FOOD': (f) => m.alert_liv_food(f),
	'PROD-LOSS': (f) => m.alert_prod_loss(f),
	'IND-RETURNS': (f) => m.alert_ind_returns(f),
	'EDU-OUT': (f) => m.alert_edu_out(f),
	'MED-UNINSURED': () => m.alert_med_uninsured(),
	'MED-NO-SERIOUS': () => m.alert_med_no_serious(),
	'MED-NO-ASSIST': () => m.alert_med_no_assist(),
	WATER: () => m.alert_water(),
	HOUSING: (f) => m.alert_housing(f),
	DISASTER: (f) => m.alert_disaster(f),
	'LABOUR-DIBAO': () => m.alert_labour_dibao(),
	'ILLNESS-NO-OOP': (f) => m.alert_illness_no_oop(f),
	'VISIT-OVERDUE': (f) =>
		f.lastVisit
			? m.alert_visit_overdue({ lastVisit: f.lastVisit, dueDate: f.dueDate })
			: m.alert_visit_never(),
	'MEASURE-OVERDUE': (f) => m.alert_measure_overdue(f),
	'PLAN-MISSING': (f) => m.alert_plan_missing(f),
	'CASE-SLOW-ID': (f) => m.alert_case_slow_id({ days: f.days, limit: f.limit }),
	'CASE-POSTING-SHORT': (f) => m.alert_case_posting_short({ days: f.days, min: f.min }),
	'CASE-NO-MEASURE': (f) => m.alert_case_no_measure({ identified: f.identified }),
	'CASE-EARLY-RELEASE': (f) =>
		m.alert_case_early_release({ identified: f.identified, released: f.released }),
	'CASE-RELEASE-BELOW-LINE': (f) =>
		m.alert_case_release_below_line({ perCapita: f.perCapita, line: f.line }),
	'CASE-RELEASE-UNSTABLE-INCOME': (f) => m.alert_case_release_unstable_income(f),
	'CASE-RELEASE-NO-MEASURE': (f) => m.alert_case_release_no_measure(f),
	'CASE-RELEASE-NO-LABOUR': () => m.alert_case_release_no_labour(),
	'CASE-RELEASE-INSECURE': (f) =>
		m.alert_case_release_insecure({
			areas: f.areas
				.split(',')
				.map((a) => AREAS[a]?.() ?? a)
				.join('、')
		}),
	'DUE-LEDGER': (f) => m.alert_due_ledger(f),
	'DUE-QUARTERLY': (f) => m.alert_due_quarterly(f),
	'DUE-TOWNSHIP-CHECK': (f) =>
		f.last ? m.alert_due_township_check(f) : m.alert_due_township_check_never(),
	'DUE-LIAISON': (f) => (f.last ? m.alert_due_liaison(f) : m.alert_due_liaison_never()),
	'STU-GUARD-POOR': (f) => schoolLine('STU-GUARD-POOR', f),
	'STU-OUT-OF-SCHOOL': (f) => schoolLine('STU-OUT-OF-SCHOOL', f),
	'STU-TALK-MONTH': (f) => schoolLine('STU-TALK-MONTH', f),
	'STU-HOMEVISIT-TERM': (f) => schoolLine('STU-HOMEVISIT-TERM', f),
	'STU-CALL-MONTH': (f) => schoolLine('STU-CALL-MONTH', f),
	'PLAN-NO-ASSESS': (f) => schoolLine('PLAN-NO-ASSESS', f),
	'PLAN-MEASURE-DUE': (f) => schoolLine('PLAN-MEASURE-DUE', f),
	'PAIR-NORMS': (f) => schoolLine('PAIR-NORMS', f)
};

export function alertLine(alert: Alert): string {
	return (LINES[alert.ruleId] as (f: Alert['figures']) => string)(alert.figures);
}
