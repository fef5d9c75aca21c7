// Which part of a record an alert is about: the ids of the sections (or fields) that the
// record's screen highlights when opened with `?focus=a,b` (ui/focus.ts). The first id found
// on the screen is scrolled to; ids a screen does not have are ignored.
const FOCUS: Record<string, readonly string[]> = {
	'INC-LINE': ['income'],
	'INC-DROP': ['income'],
	'EXP-MEDICAL': ['expenses', 'income'],
	'EXP-OUTPATIENT': ['expenses', 'income'],
	'EXP-STAY': ['expenses', 'income'],
	'ILLNESS-NO-OOP': ['expenses', 'members'],
	'LIV-ALONE': ['members'],
	'LIV-CARE': ['members'],
	'LIV-ORPHAN': ['members'],
	'LIV-FOOD': ['visits'],
	'PROD-LOSS': ['visits'],
	'IND-RETURNS': ['visits'],
	DISASTER: ['visits', 'expenses'],
	'EDU-OUT': ['members'],
	'MED-UNINSURED': ['members', 'insurance'],
	'MED-NO-SERIOUS': ['members', 'insurance'],
	'MED-NO-ASSIST': ['members', 'insurance'],
	'LABOUR-DIBAO': ['members', 'basic'],
	WATER: ['housing', 'basic'],
	HOUSING: ['housing', 'basic'],
	'VISIT-OVERDUE': ['visits'],
	'MEASURE-OVERDUE': ['plans'],
	'PLAN-MISSING': ['plans'],
	'CASE-SLOW-ID': ['decisions'],
	'CASE-POSTING-SHORT': ['decisions'],
	'CASE-NO-MEASURE': ['measures-section'],
	'CASE-EARLY-RELEASE': ['decisions'],
	'CASE-RELEASE-BELOW-LINE': ['incomeChecks'],
	'CASE-RELEASE-UNSTABLE-INCOME': ['incomeChecks'],
	'CASE-RELEASE-NO-MEASURE': ['measures-section'],
	'CASE-RELEASE-NO-LABOUR': ['decisions'],
	'CASE-RELEASE-INSECURE': ['decisions'],
	'STU-GUARD-POOR': ['guardians'],
	'STU-OUT-OF-SCHOOL': ['basic'],
	'STU-TALK-MONTH': ['visits'],
	'STU-HOMEVISIT-TERM': ['visits'],
	'STU-CALL-MONTH': ['visits'],
	'PLAN-NO-ASSESS': ['assessments'],
	'PLAN-MEASURE-DUE': ['measures']
};

export function focusOf(ruleId: string): string[] {
	return [...(FOCUS[ruleId] ?? [])];
}
