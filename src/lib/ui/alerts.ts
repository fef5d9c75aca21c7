// One line per alert, saying why, through the i18n layer.
import { m } from '$lib/paraglide/messages.js';
import type { Alert, RuleId } from '$lib/rules';

type Figures = Record<string, number | string>;

const LINES: Record<RuleId, (f: Figures) => string> = {
	'INC-LINE': (f) => m.alert_inc_line({ year: f.year!, perCapita: f.perCapita!, line: f.line! }),
	'INC-DROP': (f) =>
		m.alert_inc_drop({
			year: f.year!,
			before: f.before!,
			now: f.now!,
			dropPercent: f.dropPercent!
		}),
	'EXP-MEDICAL': (f) =>
		m.alert_exp_medical({ year: f.year!, medicalYtd: f.medicalYtd!, line: f.line! }),
	'LIV-ALONE': (f) => m.alert_liv_alone({ age: f.age! }),
	'LIV-CARE': () => m.alert_liv_care(),
	'EDU-OUT': (f) => m.alert_edu_out({ age: f.age! }),
	'MED-UNINSURED': () => m.alert_med_uninsured(),
	WATER: () => m.alert_water(),
	HOUSING: (f) => m.alert_housing({ grade: f.grade! }),
	'LABOUR-DIBAO': () => m.alert_labour_dibao(),
	'ILLNESS-NO-OOP': (f) => m.alert_illness_no_oop({ year: f.year! }),
	'VISIT-OVERDUE': (f) =>
		f.lastVisit
			? m.alert_visit_overdue({ lastVisit: f.lastVisit, dueDate: f.dueDate! })
			: m.alert_visit_never(),
	'MEASURE-OVERDUE': (f) => m.alert_measure_overdue({ count: f.count!, dueDate: f.dueDate! }),
	'CASE-SLOW-ID': (f) => m.alert_case_slow_id({ days: f.days!, limit: f.limit! }),
	'CASE-NO-MEASURE': (f) => m.alert_case_no_measure({ identified: f.identified! }),
	'CASE-EARLY-RELEASE': (f) =>
		m.alert_case_early_release({ identified: f.identified!, released: f.released! }),
	'CASE-RELEASE-BELOW-LINE': (f) =>
		m.alert_case_release_below_line({ perCapita: f.perCapita!, line: f.line! })
};

export function alertLine(alert: Alert): string {
	return LINES[alert.ruleId](alert.figures);
}
