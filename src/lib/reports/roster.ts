import { sortedItems, type Household } from '$lib/domain';
import { sortHouseholds } from './ledgers';
import { ReportIndex } from './index-of';
import { unitName, type ReportInput, type Scope } from './input';
import { defineColumns, type Row, type Table } from './table';
import {
	GENDER,
	HEALTH,
	HOUSEHOLD_TYPE,
	LABOUR,
	RELATION,
	RISK,
	SCHOOLING,
	flagWords,
	word
} from './vocabulary';

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? '是' : '否');

/**
 * 家庭成员花名册: one row per person with the household's columns, in the national
 * monitoring system's export layout (and with the headers the import recognises), so a
 * roster exported here imports back without loss.
 */
export const ROSTER_COLUMNS = defineColumns<string>([
	{ key: 'householdNumber', header: '户编号', width: 18, type: 'text' },
	{ key: 'county', header: '县（市、区）', width: 10, type: 'text' },
	{ key: 'township', header: '乡镇', width: 10, type: 'text' },
	{ key: 'village', header: '行政村', width: 10, type: 'text' },
	{ key: 'group', header: '村民小组', width: 8, type: 'text' },
	{ key: 'headName', header: '户主姓名', width: 10, type: 'text' },
	{ key: 'phone', header: '联系电话', width: 13, type: 'text' },
	{ key: 'type', header: '户类型', width: 14, type: 'text' },
	{ key: 'riskTypes', header: '风险类型', width: 14, type: 'text' },
	{ key: 'identifiedDate', header: '识别时间', width: 12, type: 'date' },
	{ key: 'name', header: '姓名', width: 10, type: 'text' },
	{ key: 'relation', header: '与户主关系', width: 10, type: 'text' },
	{ key: 'idNumber', header: '证件号码', width: 20, type: 'text' },
	{ key: 'gender', header: '性别', width: 6, type: 'text' },
	{ key: 'birthDate', header: '出生日期', width: 12, type: 'date' },
	{ key: 'ethnicity', header: '民族', width: 6, type: 'text' },
	{ key: 'education', header: '文化程度', width: 10, type: 'text' },
	{ key: 'schooling', header: '在校生状况', width: 10, type: 'text' },
	{ key: 'health', header: '健康状况', width: 10, type: 'text' },
	{ key: 'labour', header: '劳动技能', width: 12, type: 'text' },
	{ key: 'workPlace', header: '务工地点', width: 12, type: 'text' },
	{ key: 'residentMedical', header: '城乡居民基本医疗保险', width: 10, type: 'text' },
	{ key: 'incomeYear', header: '收入年度', width: 8, type: 'int' },
	{ key: 'wages', header: '工资性收入（元）', width: 12, type: 'money' },
	{ key: 'business', header: '生产经营性收入（元）', width: 12, type: 'money' },
	{ key: 'property', header: '财产性收入（元）', width: 12, type: 'money' },
	{ key: 'transfers', header: '转移性收入（元）', width: 12, type: 'money' },
	{ key: 'eligibleOutOfPocket', header: '合规自付支出（元）', width: 12, type: 'money' }
]);

function householdRows(h: Household, year: number): Row[] {
	const income = h.incomes?.[String(year)];
	const members = sortedItems(h.members);
	return (members.length ? members : [undefined]).map((m, i): Row => ({
		householdNumber: h.householdNumber,
		county: h.county,
		township: h.township,
		village: h.village,
		group: h.group,
		headName: h.headName,
		phone: h.phone,
		type: word(HOUSEHOLD_TYPE, h.type) || undefined,
		riskTypes: flagWords(RISK, h.riskTypes) || undefined,
		identifiedDate: h.identifiedDate,
		name: m?.name,
		relation: word(RELATION, m?.relation) || undefined,
		idNumber: m?.idNumber,
		gender: word(GENDER, m?.gender) || undefined,
		birthDate: m?.birthDate,
		ethnicity: m?.ethnicity,
		education: m?.education,
		schooling: word(SCHOOLING, m?.schooling) || undefined,
		health: word(HEALTH, m?.health) || undefined,
		labour: word(LABOUR, m?.labour) || undefined,
		workPlace: m?.workPlace,
		residentMedical: yesNo(m?.residentMedical),
		// Income is the household's: written once, on its first row.
		...(i === 0 && income
			? {
					incomeYear: year,
					wages: income.wages,
					business: income.business,
					property: income.property,
					transfers: income.transfers,
					eligibleOutOfPocket: income.eligibleOutOfPocket
				}
			: {})
	}));
}

export function householdRoster(
	input: ReportInput,
	scope: Scope,
	year: number,
	madeOn: string
): Table {
	const ix = new ReportIndex(input);
	const rows = sortHouseholds(ix.householdsInScope(scope, madeOn)).flatMap((h) =>
		householdRows(h, year)
	);
	return {
		sheet: '家庭成员花名册',
		title: '家庭成员花名册',
		unit: unitName(input),
		period: `${year}年`,
		madeOn,
		columns: ROSTER_COLUMNS,
		rows
	};
}
