// Builder for ForceManager `where` filters (notes §4.3). Every value that goes into a `where` goes
// through `quote`, so a name such as O'Brien cannot end the literal early and change the query.
// Field names are checked against the JSON property grammar (`name`, `typeId.id`, `Z_Origen`)
// because they may come from the editor too.

const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export function assertField(field: string): string {
	if (typeof field !== 'string' || !FIELD_PATTERN.test(field.trim())) {
		throw new Error(`"${String(field)}" is not a valid ForceManager field name`);
	}
	return field.trim();
}

/** ISO 8601 UTC without milliseconds when they are zero, as ForceManager emits (notes §3). */
function isoUtc(date: Date): string {
	if (Number.isNaN(date.getTime())) throw new Error('Invalid date in where filter');
	return date.toISOString().replace('.000Z', 'Z');
}

/** A `where` literal: strings single-quoted with inner quotes doubled, numbers and booleans bare. */
export function quote(value: string | number | boolean | Date): string {
	if (value instanceof Date) return `'${isoUtc(value)}'`;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`Invalid number in where filter: ${value}`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'string') {
		// NUL and other control characters have no business in a filter value; drop them.
		// eslint-disable-next-line no-control-regex
		const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
		return `'${clean.replace(/'/g, "''")}'`;
	}
	throw new Error(`Unsupported value in where filter: ${value === null ? 'null' : typeof value}`);
}

function literal(value: unknown): string {
	if (
		typeof value === 'string' ||
		typeof value === 'number' ||
		typeof value === 'boolean' ||
		value instanceof Date
	) {
		return quote(value);
	}
	if (typeof value === 'bigint') return quote(Number(value));
	throw new Error(
		`Unsupported value in where filter: ${value === null ? 'null' : value === undefined ? 'undefined' : typeof value}`,
	);
}

const compare = (op: string) => (field: string, value: unknown) =>
	`${assertField(field)} ${op} ${literal(value)}`;

function list(op: 'IN' | 'NOT IN') {
	return (field: string, values: unknown[]) => {
		if (!Array.isArray(values) || values.length === 0) {
			throw new Error(`${op} needs at least one value (field "${field}")`);
		}
		return `${assertField(field)} ${op} (${values.map(literal).join(', ')})`;
	};
}

function join(op: 'AND' | 'OR', parts: Array<string | undefined>): string {
	const present = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
	if (present.length <= 1) return present[0] ?? '';
	return present.map((p) => `(${p})`).join(` ${op} `);
}

export const where = {
	eq: compare('='),
	ne: compare('<>'),
	gt: compare('>'),
	gte: compare('>='),
	lt: compare('<'),
	lte: compare('<='),
	like: (field: string, pattern: string) => `${assertField(field)} LIKE ${quote(String(pattern))}`,
	notLike: (field: string, pattern: string) =>
		`${assertField(field)} NOT LIKE ${quote(String(pattern))}`,
	in: list('IN'),
	notIn: list('NOT IN'),
	and: (...parts: Array<string | undefined>) => join('AND', parts),
	or: (...parts: Array<string | undefined>) => join('OR', parts),
};
