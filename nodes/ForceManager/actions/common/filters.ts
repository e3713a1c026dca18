// Get Many filters: field / operator / value rows, a raw `where`, and the deleted toggle. All
// values go through the shared where builder (escaping).
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { where } from '../../../shared/forcemanager/where';

export interface FilterCondition {
	field: string;
	operator: string;
	value: string;
}

/**
 * Editor text to a typed literal: true/false are booleans, whole numbers on id fields are numbers.
 * `extId` ends in "Id" but is text (notes §3): `extId = 10` would miss "010" and match "10".
 */
export function typedValue(field: string, value: unknown): string | number | boolean {
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value ?? '');
	const t = text.trim().toLowerCase();
	if (t === 'true' || t === 'false') return t === 'true';
	const name = field.trim();
	if (/(^id|Id\d?|\.id)$/.test(name) && !/^extId$/i.test(name) && /^-?\d+$/.test(text.trim())) return Number(text.trim());
	return text;
}

export function conditionToWhere(c: FilterCondition): string {
	const list = () => String(c.value).split(',').map((v) => typedValue(c.field, v.trim()));
	const v = typedValue(c.field, c.value);
	switch (c.operator) {
		case 'equals':
			return where.eq(c.field, v);
		case 'notEquals':
			return where.ne(c.field, v);
		case 'greaterThan':
			return where.gt(c.field, v);
		case 'greaterOrEqual':
			return where.gte(c.field, v);
		case 'lessThan':
			return where.lt(c.field, v);
		case 'lessOrEqual':
			return where.lte(c.field, v);
		case 'like':
			return where.like(c.field, String(c.value));
		case 'in':
			return where.in(c.field, list());
		case 'notIn':
			return where.notIn(c.field, list());
		default:
			throw new Error(`Unknown filter operator "${c.operator}"`);
	}
}

export function buildWhere(conditions: FilterCondition[], rawWhere: string | undefined, includeDeleted: boolean): string {
	return where.and(
		...conditions.map(conditionToWhere),
		rawWhere && rawWhere.trim() !== '' ? rawWhere.trim() : undefined,
		includeDeleted ? undefined : where.eq('deleted', false),
	);
}

export function readFilters(params: { filters?: IDataObject; options?: IDataObject }) {
	const conditions = ((params.filters?.conditions as IDataObject[] | undefined) ?? []).map((c) => ({
		field: String(c.field ?? ''),
		operator: String(c.operator ?? 'equals'),
		value: String(c.value ?? ''),
	}));
	const options = params.options ?? {};
	return {
		where: buildWhere(conditions, options.where as string | undefined, options.includeDeleted === true),
		order: (options.orderBy as string | undefined) || undefined,
		lang: (options.lang as string | undefined) || undefined,
		pageSize: (options.pageSize as number | undefined) || undefined,
	};
}

export const filterProperties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Conditions combined with AND',
		options: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. extId or typeId.ID',
						description: 'ForceManager field name as in the API (lookups: use fieldName.ID)',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						default: 'equals',
						options: [
							{ name: 'Equals', value: 'equals' },
							{ name: 'Greater or Equal', value: 'greaterOrEqual' },
							{ name: 'Greater Than', value: 'greaterThan' },
							{ name: 'In List', value: 'in', description: 'Comma-separated values' },
							{ name: 'Less or Equal', value: 'lessOrEqual' },
							{ name: 'Less Than', value: 'lessThan' },
							{ name: 'Like', value: 'like', description: 'Use % as wildcard' },
							{ name: 'Not Equals', value: 'notEquals' },
							{ name: 'Not In List', value: 'notIn', description: 'Comma-separated values' },
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Quotes inside the value are escaped automatically',
					},
				],
			},
		],
	},
];

export const listOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to return soft-deleted records too (ForceManager keeps them with deleted = true)',
		},
		{
			displayName: 'Language',
			name: 'lang',
			type: 'options',
			default: 'en',
			description: 'Language of lookup labels',
			options: ['de', 'en', 'es', 'fr', 'it', 'pt', 'ru'].map((l) => ({ name: l.toUpperCase(), value: l })),
		},
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'string',
			default: '',
			placeholder: 'e.g. dateCreated',
			description: 'Field to sort by, newest / highest first',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: 50,
			description: 'Records fetched per request',
		},
		{
			displayName: 'Where (Raw)',
			name: 'where',
			type: 'string',
			default: '',
			placeholder: "e.g. dateUpdated > '2025-01-01T00:00:00Z'",
			description: 'Raw ForceManager filter, combined with the conditions above using AND. Escape quotes yourself by doubling them.',
		},
	],
};
