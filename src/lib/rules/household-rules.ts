// Rules over one household's own file: monitoring categories 1, 2, 5–8, 10 and the cadence of
// visits. Each pushes at most one alert per rule and subject, with the figures that fired it.
import { addMonths, ageOn, yearOf, type HouseholdMember } from '$lib/domain';
import { latestPerCapita, netIncome } from './income';
import type { Alert, HouseholdFacts, RuleContext } from './types';

export function householdRules(f: HouseholdFacts, ctx: RuleContext, out: Alert[]): void {
	const h = f.household;
	const { settings: s, today } = ctx;
	const householdId = h.id;
	const currentYear = yearOf(today);
	const members = Object.entries(h.members ?? {});

	// 1. Income below the year's monitoring line.
	const pc = latestPerCapita(h, currentYear, s);
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
	for (const e of Object.values(h.expenses ?? {})) {
		if (e.kind === 'medical' && e.date && yearOf(e.date) === currentYear) medicalYtd += e.amount;
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

	const ages = new Map<string, number>();
	for (const [id, m] of members) if (m.birthDate) ages.set(id, ageOn(m.birthDate, today));
	const onSafetyNet = Boolean(h.policies?.dibao || h.policies?.tekun);

	// 2. Elderly person living alone without a safety net.
	if (members.length === 1 && !onSafetyNet) {
		const [id] = members[0]!;
		const age = ages.get(id);
		if (age !== undefined && age >= s.elderlyAge) {
			out.push({
				ruleId: 'LIV-ALONE',
				category: 'basic_living',
				severity: 'medium',
				householdId,
				subject: { kind: 'member', id },
				figures: { age }
			});
		}
	}

	for (const [id, m] of members) {
		const age = ages.get(id);
		// 2. Disabled and unable to work, with nobody able to work in the household.
		if (m.health === 'disabled' && (m.labour === 'none' || m.labour === 'lost') && !onSafetyNet) {
			const carers = members.filter(([other, o]) => other !== id && hasLabour(o)).length;
			if (carers === 0) {
				out.push({
					ruleId: 'LIV-CARE',
					category: 'basic_living',
					severity: 'high',
					householdId,
					subject: { kind: 'member', id },
					figures: { carers }
				});
			}
		}
		// 5. A child of compulsory-school age out of school.
		if (
			age !== undefined &&
			age >= s.compulsoryAgeMin &&
			age <= s.compulsoryAgeMax &&
			(m.schooling === 'dropped_out' || m.schooling === 'not_in_school')
		) {
			out.push({
				ruleId: 'EDU-OUT',
				category: 'compulsory_education',
				severity: 'high',
				householdId,
				subject: { kind: 'member', id },
				figures: { age }
			});
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
	if (members.length > 0 && !h.policies?.dibao) {
		const workers = members.filter(([id, m]) => {
			const age = ages.get(id);
			const workingAge = age === undefined || (age >= s.workingAgeMin && age <= s.workingAgeMax);
			return workingAge && hasLabour(m);
		}).length;
		if (workers === 0) {
			out.push({
				ruleId: 'LABOUR-DIBAO',
				category: 'special_household',
				severity: 'medium',
				householdId,
				figures: { members: members.length }
			});
		}
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

	// Cadence: a visit at least every N months (once a quarter by default).
	const due = f.lastVisit ? addMonths(f.lastVisit, s.householdVisitEveryMonths) : undefined;
	if (!due || due < today) {
		out.push({
			ruleId: 'VISIT-OVERDUE',
			category: 'cadence',
			severity: 'medium',
			householdId,
			figures: f.lastVisit
				? { lastVisit: f.lastVisit, dueDate: due ?? '' }
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
