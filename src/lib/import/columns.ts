import {
	birthDateField,
	choiceField,
	ethnicityField,
	field,
	flagsField,
	genderField,
	idNumberField,
	type FieldDef
} from './fields';
import { bool, date, number, phoneText } from './values';
import {
	HEALTH_WORDS,
	HOUSEHOLD_TYPE_WORDS,
	LABOUR_WORDS,
	RELATION_WORDS,
	RISK_WORDS,
	SCHOOLING_WORDS
} from './words';

export { str, type FieldDef } from './fields';

export type Target = 'household' | 'student';

/**
 * Households: one row per person, as the national monitoring system exports them (its column
 * names first), household columns repeated or filled on the head's row.
 */
export const HOUSEHOLD_FIELDS: readonly FieldDef[] = [
	field('county', '县（市、区）', ['县', '县(市、区)', '县区', '县市区', '所属县']),
	field('township', '乡镇', ['乡镇', '乡(镇)', '乡镇(街道)', '乡(镇、街道)', '所属乡镇']),
	field('village', '行政村', ['行政村', '村', '村(社区)', '所属村', '村名']),
	field('group', '村民小组', ['村民小组', '组', '自然村', '自然村(组)', '村组']),
	field('householdNumber', '户编号', ['户编号', '户码', '家庭编号', '户号']),
	field('headName', '户主姓名', ['户主姓名', '户主']),
	field(
		'phone',
		'联系电话',
		['联系电话', '户主电话', '户主联系电话', '电话', '手机号码', '联系方式'],
		phoneText
	),
	field('address', '家庭住址', ['家庭住址', '住址', '现住址']),
	choiceField(
		'type',
		'户类型',
		['户类型', '监测对象类别', '家庭类型', '户类别', '监测类型'],
		HOUSEHOLD_TYPE_WORDS,
		'import.category_unknown'
	),
	field('identifiedDate', '识别时间', ['识别时间', '认定时间', '纳入监测时间', '识别日期'], date),
	flagsField(
		'riskTypes',
		'风险类型',
		['风险类型', '致贫风险', '返贫致贫风险', '主要风险'],
		RISK_WORDS
	),
	field('incomeYear', '收入年度', ['年度', '收入年度'], number),
	field('wages', '工资性收入（元）', ['工资性收入', '工资性收入(元)', '务工收入'], number),
	field(
		'business',
		'生产经营性收入（元）',
		['生产经营性收入', '生产经营性收入(元)', '经营性收入'],
		number
	),
	field('property', '财产性收入（元）', ['财产性收入', '财产性收入(元)'], number),
	field('transfers', '转移性收入（元）', ['转移性收入', '转移性收入(元)'], number),
	field('eligibleOutOfPocket', '合规自付支出（元）', ['合规自付支出', '合规自付支出(元)'], number),
	field('name', '姓名', ['姓名', '成员姓名', '家庭成员姓名', '人员姓名']),
	choiceField(
		'relation',
		'与户主关系',
		['与户主关系', '关系', '家庭关系'],
		RELATION_WORDS,
		'import.relation_unknown'
	),
	idNumberField(['证件号码', '身份证号', '身份证号码', '公民身份号码', '身份证']),
	genderField,
	birthDateField,
	ethnicityField,
	field('education', '文化程度', ['文化程度', '学历']),
	choiceField(
		'schooling',
		'在校生状况',
		['在校生状况', '在校生情况', '就学状况', '在校情况'],
		SCHOOLING_WORDS
	),
	field('outOfSchoolReason', '失学辍学原因', ['失学或辍学原因', '失学辍学原因', '辍学原因']),
	choiceField('health', '健康状况', ['健康状况', '健康情况'], HEALTH_WORDS),
	choiceField('labour', '劳动技能', ['劳动技能', '劳动能力', '劳动力状况'], LABOUR_WORDS),
	field('workPlace', '务工地点', ['务工地点', '务工所在地', '务工区域']),
	field(
		'residentMedical',
		'城乡居民基本医疗保险',
		['是否参加城乡居民基本医疗保险', '城乡居民基本医疗保险', '城乡居民医保', '居民医保'],
		bool
	),
	field(
		'employeeMedical',
		'职工基本医疗保险',
		['是否参加职工基本医疗保险', '职工基本医疗保险', '职工医保'],
		bool
	),
	field('seriousIllness', '大病保险', ['是否参加大病保险', '大病保险'], bool),
	field(
		'pension',
		'养老保险',
		['是否参加城乡居民基本养老保险', '养老保险', '城乡居民养老保险'],
		bool
	)
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
