// Validation and normalisation of write bodies (POST/PUT, bulk items, admin edits).
// Required fields: swagger POST body `required` lists (notes §8 where it adds); maxLengths: notes §3;
// lookups accept an int or `{id}` (notes §3) and must reference an existing, non-deleted row.
import { formatTimestamp, parseTimestamp } from './clock';
import { AUDIT_FIELDS, type EntityDef, fieldDef, isExtraField, resolveFieldName } from './entities';
import { badField } from './errors';

export interface WriteContext {
	/** `create` checks required fields; `update` is partial (notes §5: PUT is a partial update). */
	mode: 'create' | 'update';
	/** Admin seed: also accepts `id` and audit fields, skips required and lookup existence checks. */
	seed?: boolean;
	exists(entity: string, id: number): boolean;
}

export function normaliseWrite(def: EntityDef, input: unknown, ctx: WriteContext): Record<string, unknown> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw badField('body', 'The request body must be a JSON object');
	}
	const body: Record<string, unknown> = { ...(input as Record<string, unknown>) };
	// Power Automate's swagger nests extra fields in `customFields` (swagger AccountModel); flatten them.
	if (body.customFields && typeof body.customFields === 'object') Object.assign(body, body.customFields);
	delete body.customFields;

	const out: Record<string, unknown> = {};
	for (const [key, raw] of Object.entries(body)) {
		if (isExtraField(key)) {
			// Z_ extra fields are tenant-defined (notes §3): stored as sent; `{id,value}` keeps its id.
			out[key] = isIdObject(raw) ? raw.id : raw;
			continue;
		}
		const field = resolveFieldName(def, key);
		if (!field) throw badField(key, `Unknown field '${key}' for ${def.name}`);
		if (ctx.seed) {
			if (field === 'id') {
				out.id = coerceInt(field, raw);
				continue;
			}
			if (field in AUDIT_FIELDS) {
				out[field] = coerce(def, field, raw, ctx);
				continue;
			}
		}
		if (fieldDef(def, field)?.readOnly) throw badField(key, `Field '${key}' is read-only`);
		out[field] = coerce(def, field, raw, ctx);
	}

	if (ctx.mode === 'create' && !ctx.seed) {
		for (const field of def.required) {
			const value = out[field];
			if (value === undefined || value === null || value === '') {
				throw badField(field, `Field '${field}' is required`);
			}
		}
	} else if (ctx.mode === 'update') {
		for (const field of def.required) {
			if (field in out && (out[field] === null || out[field] === '')) {
				throw badField(field, `Field '${field}' is required and cannot be emptied`);
			}
		}
	}
	return out;
}

function isIdObject(value: unknown): value is { id: unknown } {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value;
}

function coerceInt(field: string, raw: unknown): number {
	const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
	if (typeof n !== 'number' || !Number.isInteger(n)) throw badField(field, `Field '${field}' must be an integer`);
	return n;
}

function coerce(def: EntityDef, field: string, raw: unknown, ctx: WriteContext): unknown {
	const fd = fieldDef(def, field)!;
	if (raw === null) return null;
	switch (fd.type) {
		case 'string': {
			if (typeof raw !== 'string') throw badField(field, `Field '${field}' must be a string`);
			if (fd.maxLength !== undefined && raw.length > fd.maxLength) {
				throw badField(field, `Field '${field}' exceeds its maximum length of ${fd.maxLength} (got ${raw.length})`);
			}
			return raw;
		}
		case 'int':
			if (fd.ref && !ctx.seed) {
				const id = coerceInt(field, raw);
				if (id !== 0 && !ctx.exists(fd.ref, id)) throw badField(field, `Field '${field}': ${fd.ref} ${id} does not exist`);
				return id;
			}
			return coerceInt(field, raw);
		case 'number':
			if (typeof raw !== 'number' || !Number.isFinite(raw)) throw badField(field, `Field '${field}' must be a number`);
			return raw;
		case 'bool':
			if (typeof raw !== 'boolean') {
				// sales read `deleted` as 0/1 (notes §3); seeds may send that back.
				if (ctx.seed && (raw === 0 || raw === 1)) return raw === 1;
				throw badField(field, `Field '${field}' must be a boolean`);
			}
			return raw;
		case 'datetime': {
			const ms = typeof raw === 'string' ? parseTimestamp(raw) : NaN;
			if (Number.isNaN(ms)) throw badField(field, `Field '${field}' must be an ISO-8601 date-time`);
			return formatTimestamp(new Date(ms));
		}
		case 'enum': {
			const id = coerceInt(field, isIdObject(raw) ? raw.id : raw);
			if (!fd.options || !(id in fd.options)) throw badField(field, `Field '${field}' has no option ${id}`);
			return id;
		}
		case 'lookup': {
			const id = coerceInt(field, isIdObject(raw) ? raw.id : raw);
			if (fd.ref && !ctx.seed && !ctx.exists(fd.ref, id)) {
				throw badField(field, `Field '${field}': ${fd.ref} ${id} does not exist`);
			}
			return id;
		}
		case 'json':
			return raw;
	}
}
