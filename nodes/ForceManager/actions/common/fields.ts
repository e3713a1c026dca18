// Turns field specs into n8n parameters and the parameters back into a ForceManager write body.
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lookupWriteForm } from '../../../shared/forcemanager/lookupFields';
import type { FieldSpec } from './resources';

const GENDERS: INodePropertyOptions[] = [
	{ name: 'Male', value: 0 },
	{ name: 'Female', value: 1 },
];

/** One n8n parameter for a field (top-level when `required`, else inside a collection). */
export function fieldProperty(field: FieldSpec, required = false): INodeProperties {
	const base = { displayName: field.label, name: field.name, required, description: field.description };
	switch (field.type) {
		case 'lookup':
			return {
				...base,
				type: 'options',
				typeOptions: { loadOptionsMethod: field.load },
				default: '',
				description:
					field.description ??
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			};
		case 'id':
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'gender':
			return { ...base, type: 'options', options: GENDERS, default: 0 };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

export const RAW_FIELDS: INodeProperties = {
	displayName: 'Raw Fields (JSON)',
	name: 'rawFields',
	type: 'json',
	default: '{}',
	description:
		'Extra fields as a JSON object, merged last (e.g. custom Z_ fields). Lookups may be IDs or {"ID": …} objects.',
};

/** Sorted alphabetically by display name, as n8n's UX guidelines ask for collections. */
export function collectionOptions(fields: FieldSpec[]): INodeProperties[] {
	return [...fields.map((f) => fieldProperty(f)), RAW_FIELDS].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
}

const LOOKUP_TYPES = new Set(['lookup', 'id']);

/** Converts one editor value to its write form; undefined means "leave out". */
function writeValue(field: FieldSpec | undefined, value: unknown): unknown {
	if (value === undefined) return undefined;
	const v = lookupWriteForm(value);
	if (field && LOOKUP_TYPES.has(field.type)) {
		if (v === '' || v === null) return undefined;
		const num = typeof v === 'number' ? v : Number(String(v).trim());
		if (!Number.isInteger(num)) throw new Error(`"${field.name}" must be an ID (a whole number), got "${String(v)}"`);
		return num;
	}
	if (field?.type === 'dateTime' && (v === '' || v === null)) return undefined;
	if (field?.type === 'number' && typeof v === 'string') {
		// Values mapped from another system often arrive as text ("9.50").
		if (v.trim() === '') return undefined;
		const num = Number(v.trim());
		if (!Number.isFinite(num)) throw new Error(`"${field.name}" must be a number, got "${v}"`);
		return num;
	}
	if (field?.type === 'boolean' && typeof v === 'string') {
		const t = v.trim().toLowerCase();
		if (t === 'true' || t === 'false') return t === 'true';
		throw new Error(`"${field.name}" must be true or false, got "${v}"`);
	}
	return v;
}

export function parseRaw(raw: unknown): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
	if (typeof value !== 'object' || Array.isArray(value) || value === null) {
		throw new Error('Raw Fields (JSON) must be a JSON object');
	}
	return value as IDataObject;
}

/**
 * Builds a write body from top-level required values, a collection and the raw JSON. Lookups
 * in the raw JSON (`{id, value}` as read from ForceManager) are sent as their ids.
 */
export function buildBody(fields: FieldSpec[], values: IDataObject): IDataObject {
	const byName = new Map(fields.map((f) => [f.name, f]));
	const { rawFields, ...rest } = values;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries({ ...rest, ...parseRaw(rawFields) })) {
		const field = byName.get(name);
		const out = field ? writeValue(field, value) : lookupWriteForm(value);
		if (out !== undefined) body[name] = out as IDataObject[string];
	}
	return body;
}

/** Required-on-create fields missing from a body (names as in the API). */
export function missingRequired(fields: FieldSpec[], body: IDataObject): string[] {
	return fields
		.filter((f) => f.requiredOnCreate)
		.filter((f) => body[f.name] === undefined || body[f.name] === null || body[f.name] === '')
		.map((f) => f.name);
}

/** Reads the create parameters: required fields top-level, the rest under "Additional Fields". */
export function readCreateBody(this: IExecuteFunctions, fields: FieldSpec[], itemIndex: number): IDataObject {
	const values: IDataObject = {};
	for (const f of fields.filter((x) => x.requiredOnCreate)) {
		values[f.name] = this.getNodeParameter(f.name, itemIndex) as IDataObject[string];
	}
	Object.assign(values, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
	try {
		return buildBody(fields, values);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

export function readCollectionBody(
	this: IExecuteFunctions,
	fields: FieldSpec[],
	collection: string,
	itemIndex: number,
): IDataObject {
	const values = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	try {
		return buildBody(fields, values);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}
