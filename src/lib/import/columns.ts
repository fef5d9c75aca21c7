import type { RawCell } from './read';
import { bool, choice, date, flags, idText, number, phoneText, text, type Parsed } from './values';
import {
	GENDER_WORDS,
	HEALTH_WORDS,
	HOUSEHOLD_TYPE_WORDS,
	LABOUR_WORDS,
	RELATION_WORDS,
	RISK_WORDS,
	SCHOOLING_WORDS
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

export const str = (cell: RawCell): Parsed<string> => ({ ok: true, value: text(cell) });

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
