// Rules over one household's own file: monitoring categories 1, 2, 5–8, 10 and the cadence of
// visits. Each pushes at most one alert per rule and subject, with the figures that fired it.
import { addMonths, type HouseholdMember } from '$lib/domain';
import { latestPerCapita, netIncome } from './income';
import type { Alert, HouseholdFacts, Prepared } from './types';

/** Age on today from a validated 'YYYY-MM-DD' birth date, without parsing dates. */
function ageOf(birth: string, ctx: Prepared): number {
	return ctx.year - Number(birth.slice(0, 4)) - (ctx.monthDay < birth.slice(5) ? 1 : 0);
}

export function householdRules(f: HouseholdFacts, ctx: Prepared, out: Alert[]): void {
	const h = f.household;
	const { settings: s } = ctx;
	const householdId = h.id;
	const currentYear = ctx.year;

	// 1. Income below the year's monitoring line.
	const pc = latestPerCapita(h, currentYear, ctx.lineFor);
	if (pc?.line !== undefined && pc.perCapita < pc.line) {
		out.push({
			ruleId: 'INC-LINE',
			category: 'income_expense',
			severity: 'high',
			householdId,
			figures: { year: pc.year, perCapita: pc.perCapita, line: pc.line }
		});
	}
	// 1. Sudden income drop year on year.
	if (pc) {
		const before = h.incomes?.[String(pc.year - 1)];
		if (before) {
			const prev = netIncome(before);
			const now = netIncome(h.incomes?.[String(pc.year)] ?? {});
			const dropPercent = prev > 0 ? Math.round(((prev - now) / prev) * 100) : 0;
			if (dropPercent >= s.incomeDropPercent) {
				out.push({
					ruleId: 'INC-DROP',
					category: 'income_expense',
					severity: 'high',
					householdId,
					figures: { year: pc.year, before: prev, now, dropPercent }
				});
			}
		}
	}
	// 1./6. Medical spending this year over the local alert line.
	const formerPoor = h.exitYear !== undefined;
	const medicalLine = formerPoor ? s.medicalYtdFormerPoor : s.medicalYtdOther;
	let medicalYtd = 0;
	const thisYear = String(currentYear);
	for (const id in h.expenses) {
		const e = h.expenses[id]!;
		if (e.kind === 'medical' && e.date?.startsWith(thisYear)) medicalYtd += e.amount;
	}
	if (medicalYtd >= medicalLine) {
		out.push({
			ruleId: 'EXP-MEDICAL',
			category: 'income_expense',
			severity: 'high',
			householdId,
			figures: { year: currentYear, medicalYtd, line: medicalLine }
		});
	}

	// One pass over the members for what several rules count.
	const onSafetyNet = Boolean(h.policies?.dibao || h.policies?.tekun);
	let memberTotal = 0;
	let withLabour = 0;
	let workers = 0;
	let only: string | undefined;
	for (const id in h.members) {
		const m = h.members[id]!;
		memberTotal++;
		only = id;
		if (!hasLabour(m)) continue;
		withLabour++;
		const age = m.birthDate ? ageOf(m.birthDate, ctx) : undefined;
		if (age === undefined || (age >= s.workingAgeMin && age <= s.workingAgeMax)) workers++;
	}

	// 2. Elderly person living alone without a safety net.
	if (memberTotal === 1 && !onSafetyNet) {
		const birth = h.members![only!]!.birthDate;
		const age = birth ? ageOf(birth, ctx) : undefined;
		if (age !== undefined && age >= s.elderlyAge) {
			out.push({
				ruleId: 'LIV-ALONE',
				category: 'basic_living',
				severity: 'medium',
				householdId,
				subject: { kind: 'member', id: only! },
				figures: { age }
			});
		}
	}

	for (const id in h.members) {
		const m = h.members[id]!;
		// 2. Disabled and unable to work, with nobody able to work in the household.
		if (m.health === 'disabled' && (m.labour === 'none' || m.labour === 'lost') && !onSafetyNet) {
			if (withLabour === 0) {
				out.push({
					ruleId: 'LIV-CARE',
					category: 'basic_living',
					severity: 'high',
					householdId,
					subject: { kind: 'member', id },
					figures: { carers: 0 }
				});
			}
		}
		// 5. A child of compulsory-school age out of school.
		if (m.birthDate && (m.schooling === 'dropped_out' || m.schooling === 'not_in_school')) {
			const age = ageOf(m.birthDate, ctx);
			if (age >= s.compulsoryAgeMin && age <= s.compulsoryAgeMax) {
				out.push({
					ruleId: 'EDU-OUT',
					category: 'compulsory_education',
					severity: 'high',
					householdId,
					subject: { kind: 'member', id },
					figures: { age }
				});
			}
		}
		// 6. No basic medical insurance.
		if (m.residentMedical === false && !m.employeeMedical) {
			out.push({
				ruleId: 'MED-UNINSURED',
				category: 'medical_insurance',
				severity: 'medium',
				householdId,
				subject: { kind: 'member', id },
				figures: {}
			});
		}
	}

	// 7. Drinking water.
	const minLitres = s.dryArea ? s.waterMinLitresPerDayDryArea : s.waterMinLitresPerDay;
	const waterFigures: Record<string, number> = {};
	if (h.waterLitresPerDay !== undefined && h.waterLitresPerDay < minLitres)
		waterFigures.litres = h.waterLitresPerDay;
	if (
		!h.waterPiped &&
		h.waterTripMinutes !== undefined &&
		h.waterTripMinutes > s.waterMaxTripMinutes
	)
		waterFigures.tripMinutes = h.waterTripMinutes;
	if (h.waterCutDays !== undefined && h.waterCutDays > s.waterMaxCutDays)
		waterFigures.cutDays = h.waterCutDays;
	if (h.waterQualityOk === false) waterFigures.qualityBad = 1;
	if (Object.keys(waterFigures).length > 0) {
		out.push({
			ruleId: 'WATER',
			category: 'drinking_water',
			severity: 'medium',
			householdId,
			figures: waterFigures
		});
	}

	// 8. Housing graded unsafe.
	if (h.housingGrade && !s.safeHousingGrades.includes(h.housingGrade)) {
		out.push({
			ruleId: 'HOUSING',
			category: 'housing_safety',
			severity: 'high',
			householdId,
			figures: { grade: h.housingGrade }
		});
	}

	// 10. No working-age labour and not on 低保.
	if (memberTotal > 0 && workers === 0 && !h.policies?.dibao) {
		out.push({
			ruleId: 'LABOUR-DIBAO',
			category: 'special_household',
			severity: 'medium',
			householdId,
			figures: { members: memberTotal }
		});
	}

	// Data quality: risk type "illness" with no out-of-pocket spending recorded.
	if (h.riskTypes?.illness) {
		const year = pc?.year ?? currentYear;
		const oop = h.incomes?.[String(year)]?.eligibleOutOfPocket ?? 0;
		const medical = Object.values(h.expenses ?? {}).some((e) => e.kind === 'medical');
		if (oop === 0 && !medical) {
			out.push({
				ruleId: 'ILLNESS-NO-OOP',
				category: 'data_quality',
				severity: 'low',
				householdId,
				figures: { year }
			});
		}
	}

	// Cadence: a visit at least every N months (once a quarter by default). Comparing with
	// today − N months is the same test as last visit + N months < today, without date math
	// for the households that are on time.
	if (!f.lastVisit || f.lastVisit < ctx.visitCutoff) {
		out.push({
			ruleId: 'VISIT-OVERDUE',
			category: 'cadence',
			severity: 'medium',
			householdId,
			figures: f.lastVisit
				? { lastVisit: f.lastVisit, dueDate: addMonths(f.lastVisit, s.householdVisitEveryMonths) }
				: { lastVisit: '', dueDate: '' }
		});
	}
}

function hasLabour(m: HouseholdMember): boolean {
	return (
		m.labour === undefined ||
		m.labour === 'ordinary' ||
		m.labour === 'skilled' ||
		m.labour === 'weak'
	);
}
