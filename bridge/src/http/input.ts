// From a request that passed the contract's checks (operations.ts) to the adapter's arguments, plus
// the bridge's own input rules that a schema cannot state (comma lists, external references).
import type { ListQuery, SageRow } from '../adapter';
import { BridgeError } from '../errors';
import { parseInstant } from '../time';
import type { RequestContext } from './router';

/** A JSON object (admin API bodies, nested objects); the contract's bodies are checked by their schemas. */
export function body(value: unknown): SageRow {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new BridgeError('VALIDATION_FAILED', 'Request body must be a JSON object');
	}
	return value as SageRow;
}

/** Paging and filters of a list (limit default and ranges come from openapi.yaml). */
export function listQuery(c: RequestContext): ListQuery {
	const q = c.input.query as { after?: string; limit: number; modifiedSince?: string; includeDeleted?: boolean };
	return {
		after: q.after,
		limit: q.limit,
		modifiedSince: q.modifiedSince === undefined ? undefined : parseInstant(q.modifiedSince),
		includeDeleted: q.includeDeleted === true,
	};
}

/** A comma list query parameter (`refs=ABS001,BRO001`): 1–100 distinct non-empty values of ≤ 100 chars. */
export function listParam(c: RequestContext, name: string, normalise: (v: string) => string = (v) => v): string[] | undefined {
	const raw = c.input.query[name];
	if (typeof raw !== 'string') return undefined;
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
