// Words for an alert's category, severity and subject kind (the inbox's filters and lines).
import { m } from '$lib/paraglide/messages.js';
import { villageLabel } from './village-enums';

const OTHER: Record<string, () => string> = {
	cadence: m.acat_cadence,
	data_quality: m.acat_data_quality
};

export function categoryLabel(c: string): string {
	return OTHER[c]?.() ?? villageLabel('monitoringCategory', c);
}

const SEVERITY: Record<string, () => string> = {
	high: m.severity_high,
	medium: m.severity_medium,
	low: m.severity_low
};

export function severityLabel(s: string): string {
	return SEVERITY[s]?.() ?? s;
}

const SUBJECT: Record<string, () => string> = {
	household: m.subject_household,
	case: m.subject_case,
	workspace: m.alert_subject_workspace,
	student: m.subject_student,
	plan: m.subject_plan,
	pairing: m.subject_pairing,
	school: m.subject_school
};

export function subjectKindLabel(k: string): string {
	return SUBJECT[k]?.() ?? k;
}
