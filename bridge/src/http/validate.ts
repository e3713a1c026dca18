// Input *shape* checks of the HTTP layer: JSON types, known fields, query parameters.
// Sage's own rules (lengths, references, business rules) are the adapter's job.
import type { ListQuery, SageRow } from '../adapter';
import { BridgeError } from '../errors';
import type { FieldSet } from '../fields';
import { parseInstant } from '../time';

export function body(value: unknown): SageRow {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new BridgeError('VALIDATION_FAILED', 'Request body must be a JSON object');
	}
	return value as SageRow;
}

export function shape(input: SageRow, fields: FieldSet, prefix = ''): void {
	for (const [name, value] of Object.entries(input)) {
		const field = `${prefix}${name}`;
		const spec = fields[name];
		if (!spec) throw new BridgeError('VALIDATION_FAILED', `Unknown field ${field}`, { field });
		const bad = (what: string) => new BridgeError('VALIDATION_FAILED', `${field} must be ${what}`, { field });
		switch (spec.type) {
			case 'text':
				if (typeof value !== 'string') throw bad('a string');
				break;
			case 'int':
				if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('an integer');
				break;
			case 'number':
				if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
				break;
			case 'flag':
				if (value !== 0 && value !== 1) throw bad('0 or 1');
				break;
			case 'date':
				if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
					throw bad('a date (YYYY-MM-DD)');
				}
				break;
		}
	}
}

function int(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	const n = Number(raw);
	if (!/^\d+$/.test(raw) || n < min || n > max) {
		throw new BridgeError('VALIDATION_FAILED', `${name} must be an integer between ${min} and ${max}`, { field: name });
	}
	return n;
}

export function intParam(query: URLSearchParams, name: string, allowed: number[]): number | undefined {
	const n = int(query, name, 0, Number.MAX_SAFE_INTEGER);
	if (n !== undefined && !allowed.includes(n)) {
		throw new BridgeError('VALIDATION_FAILED', `${name} must be one of ${allowed.join(', ')}`, { field: name });
	}
	return n;
}

export function listQuery(query: URLSearchParams, numericKey = false): ListQuery {
	const after = query.get('after') ?? undefined;
	if (after !== undefined && (after.length > 64 || (numericKey && !/^\d+$/.test(after)))) {
		throw new BridgeError('VALIDATION_FAILED', 'after must be the nextCursor of a previous page', { field: 'after' });
	}
	const since = query.get('modifiedSince');
	let modifiedSince: number | undefined;
	if (since !== null) {
		modifiedSince = parseInstant(since);
		if (modifiedSince === undefined) {
			throw new BridgeError('VALIDATION_FAILED', 'modifiedSince must be an RFC 3339 date-time with Z or an offset', { field: 'modifiedSince' });
		}
	}
	const deleted = query.get('includeDeleted');
	if (deleted !== null && deleted !== 'true' && deleted !== 'false') {
		throw new BridgeError('VALIDATION_FAILED', 'includeDeleted must be true or false', { field: 'includeDeleted' });
	}
	return { after, limit: int(query, 'limit', 1, 1000) ?? 100, modifiedSince, includeDeleted: deleted === 'true' };
}

/** A comma list query parameter (`refs=ABS001,BRO001`): 1–100 distinct non-empty values of ≤ 100 chars. */
export function listParam(query: URLSearchParams, name: string, normalise: (v: string) => string = (v) => v): string[] | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	const values = [...new Set(raw.split(',').map((v) => normalise(v.trim())))];
	if (values.length > 100 || values.some((v) => v === '' || v.length > 100)) {
		throw new BridgeError('VALIDATION_FAILED', `${name} must be a comma-separated list of 1–100 values of 1–100 characters`, { field: name });
	}
	return values;
}

/** Takes `externalRef` out of a create body (it is the bridge's, not a Sage field). */
export function takeExternalRef(input: SageRow): string | undefined {
	if (!('externalRef' in input)) return undefined;
	const value = input.externalRef;
	delete input.externalRef;
	if (value === null) return undefined;
	if (typeof value !== 'string' || value.trim() === '' || value.length > 100 || /[^\x20-\x7e]/.test(value)) {
		throw new BridgeError('VALIDATION_FAILED', 'externalRef must be 1–100 printable ASCII characters', { field: 'externalRef' });
	}
	return value.trim();
}

export function pathInt(value: string, name: string): number {
	if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new BridgeError('NOT_FOUND', `No ${name} ${value}`, { record: value });
	return Number(value);
}
