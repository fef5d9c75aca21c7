// The student-list fields an import can fill (columns.ts has the households').
import { bool, choice, date, flags, idText, phoneText } from './values';
import {
	GENDER_WORDS,
	GUARDIAN_RELATION_WORDS,
	STAGE_WORDS,
	STUDENT_CATEGORY_WORDS,
	STUDENT_HEALTH_WORDS
} from './words';
import { str, type FieldDef } from './columns';

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
