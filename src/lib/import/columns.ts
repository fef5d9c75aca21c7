import type { RawCell } from './read';
import { bool, choice, date, flags, idText, number, phoneText, text, type Parsed } from './values';
import {
	GENDER_WORDS,
	GUARDIAN_RELATION_WORDS,
	HEALTH_WORDS,
	HOUSEHOLD_TYPE_WORDS,
	LABOUR_WORDS,
	RELATION_WORDS,
	RISK_WORDS,
	SCHOOLING_WORDS,
	STAGE_WORDS,
	STUDENT_CATEGORY_WORDS,
	STUDENT_HEALTH_WORDS
} from './words';

export type Target = 'household' | 'student';

/** One field an import can fill: the headers that mean it, and how its cells are read. */
export interface FieldDef {
	key: string;
	/** The Chinese label shown in the mapping step (and the header we write ourselves). */
	label: string;
	headers: readonly string[];
	parse: (cell: RawCell) => Parsed<unknown>;
}

const str = (cell: RawCell): Parsed<string> => ({ ok: true, value: text(cell) });

/**
 * Households: one row per person, as the national monitoring system exports them (its column
 * names first), household columns repeated or filled on the head's row.
 */
export const HOUSEHOLD_FIELDS: readonly FieldDef[] = [
	{
		key: 'county',
		label: '县（市、区）',
		headers: ['县', '县(市、区)', '县区', '县市区', '所属县'],
		parse: str
	},
	{
		key: 'township',
		label: '乡镇',
		headers: ['乡镇', '乡(镇)', '乡镇(街道)', '乡(镇、街道)', '所属乡镇'],
		parse: str
	},
	{
		key: 'village',
		label: '行政村',
		headers: ['行政村', '村', '村(社区)', '所属村', '村名'],
		parse: str
	},
	{
		key: 'group',
		label: '村民小组',
		headers: ['村民小组', '组', '自然村', '自然村(组)', '村组'],
		parse: str
	},
	{
		key: 'householdNumber',
		label: '户编号',
		headers: ['户编号', '户码', '家庭编号', '户号'],
		parse: str
	},
	{ key: 'headName', label: '户主姓名', headers: ['户主姓名', '户主'], parse: str },
	{
		key: 'phone',
		label: '联系电话',
		headers: ['联系电话', '户主电话', '户主联系电话', '电话', '手机号码', '联系方式'],
		parse: phoneText
	},
	{ key: 'address', label: '家庭住址', headers: ['家庭住址', '住址', '现住址'], parse: str },
	{
		key: 'type',
		label: '户类型',
		headers: ['户类型', '监测对象类别', '家庭类型', '户类别', '监测类型'],
		parse: (c) => choice(c, HOUSEHOLD_TYPE_WORDS, 'import.category_unknown')
	},
	{
		key: 'identifiedDate',
		label: '识别时间',
		headers: ['识别时间', '认定时间', '纳入监测时间', '识别日期'],
		parse: date
	},
	{
		key: 'riskTypes',
		label: '风险类型',
		headers: ['风险类型', '致贫风险', '返贫致贫风险', '主要风险'],
		parse: (c) => flags(c, RISK_WORDS, 'import.category_unknown')
	},
	{ key: 'incomeYear', label: '收入年度', headers: ['年度', '收入年度'], parse: number },
	{
		key: 'wages',
		label: '工资性收入（元）',
		headers: ['工资性收入', '工资性收入(元)', '务工收入'],
		parse: number
	},
	{
		key: 'business',
		label: '生产经营性收入（元）',
		headers: ['生产经营性收入', '生产经营性收入(元)', '经营性收入'],
		parse: number
	},
	{
		key: 'property',
		label: '财产性收入（元）',
		headers: ['财产性收入', '财产性收入(元)'],
		parse: number
	},
	{
		key: 'transfers',
		label: '转移性收入（元）',
		headers: ['转移性收入', '转移性收入(元)'],
		parse: number
	},
	{
		key: 'eligibleOutOfPocket',
		label: '合规自付支出（元）',
		headers: ['合规自付支出', '合规自付支出(元)'],
		parse: number
	},
	{
		key: 'name',
		label: '姓名',
		headers: ['姓名', '成员姓名', '家庭成员姓名', '人员姓名'],
		parse: str
	},
	{
		key: 'relation',
		label: '与户主关系',
		headers: ['与户主关系', '关系', '家庭关系'],
		parse: (c) => choice(c, RELATION_WORDS, 'import.relation_unknown')
	},
	{
		key: 'idNumber',
		label: '身份证号',
		headers: ['证件号码', '身份证号', '身份证号码', '公民身份号码', '身份证'],
		parse: idText
	},
	{
		key: 'gender',
		label: '性别',
		headers: ['性别'],
		parse: (c) => choice(c, GENDER_WORDS, 'import.value_unknown')
	},
	{
		key: 'birthDate',
		label: '出生日期',
		headers: ['出生日期', '出生年月', '出生年月日'],
		parse: date
	},
	{ key: 'ethnicity', label: '民族', headers: ['民族'], parse: str },
	{ key: 'education', label: '文化程度', headers: ['文化程度', '学历'], parse: str },
	{
		key: 'schooling',
		label: '在校生状况',
		headers: ['在校生状况', '在校生情况', '就学状况', '在校情况'],
		parse: (c) => choice(c, SCHOOLING_WORDS, 'import.value_unknown')
	},
	{
		key: 'outOfSchoolReason',
		label: '失学辍学原因',
		headers: ['失学或辍学原因', '失学辍学原因', '辍学原因'],
		parse: str
	},
	{
		key: 'health',
		label: '健康状况',
		headers: ['健康状况', '健康情况'],
		parse: (c) => choice(c, HEALTH_WORDS, 'import.value_unknown')
	},
	{
		key: 'labour',
		label: '劳动技能',
		headers: ['劳动技能', '劳动能力', '劳动力状况'],
		parse: (c) => choice(c, LABOUR_WORDS, 'import.value_unknown')
	},
	{
		key: 'workPlace',
		label: '务工地点',
		headers: ['务工地点', '务工所在地', '务工区域'],
		parse: str
	},
	{
		key: 'residentMedical',
		label: '城乡居民基本医疗保险',
		headers: ['是否参加城乡居民基本医疗保险', '城乡居民基本医疗保险', '城乡居民医保', '居民医保'],
		parse: bool
	},
	{
		key: 'employeeMedical',
		label: '职工基本医疗保险',
		headers: ['是否参加职工基本医疗保险', '职工基本医疗保险', '职工医保'],
		parse: bool
	},
	{
		key: 'seriousIllness',
		label: '大病保险',
		headers: ['是否参加大病保险', '大病保险'],
		parse: bool
	},
	{
		key: 'pension',
		label: '养老保险',
		headers: ['是否参加城乡居民基本养老保险', '养老保险', '城乡居民养老保险'],
		parse: bool
	}
];

export const HOUSEHOLD_LEVEL = new Set([
	'county',
	'township',
	'village',
	'group',
	'householdNumber',
	'headName',
	'phone',
	'address',
	'type',
	'identifiedDate',
	'riskTypes'
]);
export const INCOME_FIELDS = new Set([
	'wages',
	'business',
	'property',
	'transfers',
	'eligibleOutOfPocket'
]);

const guardianFields = (
	n: 1 | 2,
	names: string[],
	relations: string[],
	phones: string[],
	ids: string[]
): FieldDef[] => [
	{ key: `g${n}Name`, label: `监护人${n}姓名`, headers: names, parse: str },
	{
		key: `g${n}Relation`,
		label: `监护人${n}关系`,
		headers: relations,
		parse: (c) => choice(c, GUARDIAN_RELATION_WORDS, 'import.relation_unknown')
	},
	{ key: `g${n}Phone`, label: `监护人${n}电话`, headers: phones, parse: phoneText },
	{ key: `g${n}IdNumber`, label: `监护人${n}身份证号`, headers: ids, parse: idText }
];

/** Students with up to two guardians, as school care teams keep them (留守儿童信息表 and the like). */
export const STUDENT_FIELDS: readonly FieldDef[] = [
	{ key: 'name', label: '学生姓名', headers: ['学生姓名', '姓名', '儿童姓名'], parse: str },
	{
		key: 'gender',
		label: '性别',
		headers: ['性别'],
		parse: (c) => choice(c, GENDER_WORDS, 'import.value_unknown')
	},
	{
		key: 'birthDate',
		label: '出生日期',
		headers: ['出生日期', '出生年月', '出生年月日'],
		parse: date
	},
	{
		key: 'idNumber',
		label: '身份证号',
		headers: ['身份证号', '身份证号码', '证件号码', '学生身份证号', '公民身份号码'],
		parse: idText
	},
	{ key: 'ethnicity', label: '民族', headers: ['民族'], parse: str },
	{
		key: 'className',
		label: '班级',
		headers: ['班级', '年级班级', '所在班级', '年级'],
		parse: str
	},
	{
		key: 'stage',
		label: '学段',
		headers: ['学段', '就读阶段', '就学阶段'],
		parse: (c) => choice(c, STAGE_WORDS, 'import.value_unknown')
	},
	{
		key: 'categories',
		label: '类别',
		headers: ['类别', '学生类别', '关爱类别', '儿童类别'],
		parse: (c) => flags(c, STUDENT_CATEGORY_WORDS, 'import.category_unknown')
	},
	{ key: 'boarding', label: '是否寄宿', headers: ['是否寄宿', '寄宿', '是否住校'], parse: bool },
	{
		key: 'health',
		label: '健康状况',
		headers: ['健康状况', '健康情况'],
		parse: (c) => choice(c, STUDENT_HEALTH_WORDS, 'import.value_unknown')
	},
	{
		key: 'parentsWhereabouts',
		label: '父母务工地',
		headers: ['父母务工地', '父母去向', '父母外出务工地点', '父母务工地点'],
		parse: str
	},
	...guardianFields(
		1,
		['监护人姓名', '监护人', '委托监护人姓名', '委托监护人'],
		['监护人关系', '与学生关系', '监护人与学生关系', '与儿童关系'],
		['监护人电话', '监护人联系电话', '联系电话', '家长电话'],
		['监护人身份证号', '监护人身份证号码']
	),
	...guardianFields(
		2,
		['监护人2姓名', '第二监护人', '父亲姓名'],
		['监护人2关系'],
		['监护人2电话', '父亲电话'],
		['监护人2身份证号']
	)
];

export function fieldsOf(target: Target): readonly FieldDef[] {
	return target === 'household' ? HOUSEHOLD_FIELDS : STUDENT_FIELDS;
}

export function normalizeHeader(h: string): string {
	return h
		.replace(/[\s*＊]/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')')
		.replace(/：|:$/g, '');
}

/** Column index → field key (or null when the column is not imported). */
export type ColumnMap = (string | null)[];

/** Recognises each header; a field is given to the first column that names it. */
export function guessMapping(headers: readonly (string | undefined)[], target: Target): ColumnMap {
	const used = new Set<string>();
	const fields = fieldsOf(target);
	return headers.map((raw) => {
		if (!raw) return null;
		const h = normalizeHeader(raw);
		const bare = h.replace(/\(.*\)$/, '');
		const f = fields.find(
			(f) =>
				!used.has(f.key) &&
				f.headers.some((x) => normalizeHeader(x) === h || normalizeHeader(x) === bare)
		);
		if (!f) return null;
		used.add(f.key);
		return f.key;
	});
}

/** The header row: the first of the top ten rows that names at least two known fields. */
export function findHeaderRow(rows: readonly RawCell[][], target: Target): number {
	for (let i = 0; i < Math.min(10, rows.length); i++) {
		const cells = (rows[i] ?? []).map((c) => text(c));
		if (guessMapping(cells, target).filter(Boolean).length >= 2) return i;
	}
	return -1;
}

export function columnLetter(index: number): string {
	let s = '';
	for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26))
		s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
	return s;
}
