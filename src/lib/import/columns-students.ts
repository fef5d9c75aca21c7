// The student-list fields an import can fill (columns.ts has the households').
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
import { bool, idText, phoneText } from './values';
import {
	GUARDIAN_RELATION_WORDS,
	STAGE_WORDS,
	STUDENT_CATEGORY_WORDS,
	STUDENT_HEALTH_WORDS
} from './words';

const guardianFields = (
	n: 1 | 2,
	names: string[],
	relations: string[],
	phones: string[],
	ids: string[]
): FieldDef[] => [
	field(`g${n}Name`, `监护人${n}姓名`, names),
	choiceField(
		`g${n}Relation`,
		`监护人${n}关系`,
		relations,
		GUARDIAN_RELATION_WORDS,
		'import.relation_unknown'
	),
	field(`g${n}Phone`, `监护人${n}电话`, phones, phoneText),
	field(`g${n}IdNumber`, `监护人${n}身份证号`, ids, idText)
];

/** Students with up to two guardians, as school care teams keep them (留守儿童信息表 and the like). */
export const STUDENT_FIELDS: readonly FieldDef[] = [
	field('name', '学生姓名', ['学生姓名', '姓名', '儿童姓名']),
	genderField,
	birthDateField,
	idNumberField(['身份证号', '身份证号码', '证件号码', '学生身份证号', '公民身份号码']),
	ethnicityField,
	field('className', '班级', ['班级', '年级班级', '所在班级', '年级']),
	choiceField('stage', '学段', ['学段', '就读阶段', '就学阶段'], STAGE_WORDS),
	flagsField(
		'categories',
		'类别',
		['类别', '学生类别', '关爱类别', '儿童类别'],
		STUDENT_CATEGORY_WORDS
	),
	field('boarding', '是否寄宿', ['是否寄宿', '寄宿', '是否住校'], bool),
	choiceField('health', '健康状况', ['健康状况', '健康情况'], STUDENT_HEALTH_WORDS),
	field('parentsWhereabouts', '父母务工地', [
		'父母务工地',
		'父母去向',
		'父母外出务工地点',
		'父母务工地点'
	]),
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
