import type { ErrorCode } from './codes';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Words for every validation code. Typed as a full `Record<ErrorCode, string>` per locale so
 * a new code cannot ship without both languages; the UI's i18n layer wraps `messageFor`.
 */
export const MESSAGES: Record<Locale, Record<ErrorCode, string>> = {
	'zh-CN': {
		required: '此项必填',
		'type.invalid': '格式不正确',
		'enum.invalid': '请从选项中选择',
		'string.empty': '不能为空',
		'string.too_long': '内容过长',
		'number.not_integer': '请输入整数',
		'number.too_small': '数值过小',
		'number.too_large': '数值过大',
		'date.invalid': '日期无效（格式为 年-月-日，且须为真实日期）',
		'date.future': '日期不能晚于今天',
		'time.invalid': '时间格式不正确（如 14:30）',
		'date.order': '结束日期不能早于开始日期',
		'date.shard_year': '不能把记录改到另一年份，请删除后在该年份重新登记',
		'datetime.invalid': '时间格式不正确',
		'year.invalid': '年份无效',
		'id.invalid': '编号无效',
		'id_number.length': '身份证号应为 18 位',
		'id_number.format': '身份证号只能包含数字，最后一位可为 X',
		'id_number.birth_date': '身份证号中的出生日期无效',
		'id_number.checksum': '身份证号校验位不正确，请核对',
		'phone.invalid': '电话号码格式不正确',
		'income.negative': '收入不能为负数',
		'expense.negative': '支出不能为负数',
		'amount.negative': '金额不能为负数',
		'quantity.negative': '数量不能为负数',
		'percent.range': '比例应在 0 到 100 之间',
		'disability.grade': '残疾等级应为一至四级',
		'sha256.invalid': '附件标识无效',
		'shard.invalid': '分片名称无效',
		'pairing.sides': '结对双方与结对类型不符',
		'case.transition': '监测流程步骤顺序不正确',
		'case.decision_order': '监测流程各步骤日期顺序不正确',
		'record.missing': '记录不存在',
		'record.deleted': '记录已删除，请先恢复',
		'record.damaged': '这条记录存储的内容无法读取，已保留原样',
		'item.missing': '该条目不存在或已删除',
		'field.not_editable': '该字段不能这样修改',
		'doc.newer_version': '此工作区由更新版本的应用创建，请先升级应用',
		'doc.read_only': '你是查看者：只能查看，不能保存修改',
		unknown: '数据有误'
	},
	en: {
		required: 'Required',
		'type.invalid': 'Invalid format',
		'enum.invalid': 'Choose one of the options',
		'string.empty': 'Must not be empty',
		'string.too_long': 'Too long',
		'number.not_integer': 'Enter a whole number',
		'number.too_small': 'Value too small',
		'number.too_large': 'Value too large',
		'date.invalid': 'Invalid date (YYYY-MM-DD, a real calendar date)',
		'date.future': 'Date cannot be later than today',
		'time.invalid': 'Invalid time (e.g. 14:30)',
		'date.order': 'End date cannot be before start date',
		'date.shard_year': 'Cannot move a record to another year; delete it and record it again there',
		'datetime.invalid': 'Invalid time',
		'year.invalid': 'Invalid year',
		'id.invalid': 'Invalid identifier',
		'id_number.length': 'An ID number has 18 characters',
		'id_number.format': 'An ID number has digits only, the last may be X',
		'id_number.birth_date': 'The birth date inside the ID number is not valid',
		'id_number.checksum': 'The ID number check digit is wrong; please check it',
		'phone.invalid': 'Invalid phone number',
		'income.negative': 'Income cannot be negative',
		'expense.negative': 'Expenses cannot be negative',
		'amount.negative': 'Amount cannot be negative',
		'quantity.negative': 'Quantity cannot be negative',
		'percent.range': 'Percentage must be between 0 and 100',
		'disability.grade': 'Disability grade must be 1 to 4',
		'sha256.invalid': 'Invalid attachment reference',
		'shard.invalid': 'Invalid shard name',
		'pairing.sides': 'The two sides do not match the pairing kind',
		'case.transition': 'Monitoring steps are out of order',
		'case.decision_order': 'Monitoring step dates are out of order',
		'record.missing': 'Record not found',
		'record.deleted': 'Record is deleted; restore it first',
		'record.damaged': 'This record’s stored content cannot be read; it is kept as it is',
		'item.missing': 'This entry does not exist or was removed',
		'field.not_editable': 'This field cannot be changed this way',
		'doc.newer_version': 'This workspace was written by a newer app version; please update the app',
		'doc.read_only': 'You are a viewer: you can read but not save changes',
		unknown: 'Invalid data'
	}
};

export function messageFor(code: ErrorCode, locale: Locale = 'zh-CN'): string {
	return MESSAGES[locale][code];
}
