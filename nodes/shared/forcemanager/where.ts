// Builder for ForceManager `where` filters (notes §4.3). Every value that goes into a `where` goes
// through `quote`, so a name such as O'Brien cannot end the literal early and change the query.
// Field names are checked against the JSON property grammar (`name`, `typeId.id`, `Z_Origen`)
// because they may come from the editor too. Raw filters typed by a user are combined only when
// they cannot end the parentheses they are put in (`assertSelfContained`).

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
	// Only the quote is special inside a SQL Server literal (notes §4.3 [I]): backslashes, `%`/`_` (outside
	// LIKE), `--`, `;` and control characters are plain text there, and are kept as they are, so the
	// filter means exactly the value: dropping a NUL would make `BRI\u0000001` find BRI001.
	if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
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

/**
 * A filter fragment that is wrapped in parentheses and joined with others must not be able to close
 * that group: `name = 'a') OR (1=1` would turn `(delta) AND (…)` into "every row". So quotes and
 * parentheses must balance, and SQL comments and statement separators (which the simulator refuses
 * with 901 and the real API's handling of is unknown, notes §17.3) are refused outright.
 */
export function assertSelfContained(fragment: string): string {
	let depth = 0;
	for (let i = 0; i < fragment.length; i++) {
		const ch = fragment[i];
		if (ch === "'" || ch === '"') {
			let j = i + 1;
			for (; j < fragment.length; j++) {
				if (fragment[j] !== ch) continue;
				if (fragment[j + 1] === ch) j++; // doubled quote inside the literal
				else break;
			}
			if (j >= fragment.length) throw unsafe(fragment, 'a quote is not closed');
			i = j;
		} else if (ch === '(') {
			depth++;
		} else if (ch === ')') {
			if (--depth < 0) throw unsafe(fragment, "a ')' closes more than it opened");
		} else if (ch === ';' || fragment.startsWith('--', i) || fragment.startsWith('/*', i)) {
			throw unsafe(fragment, `"${ch === ';' ? ';' : fragment.slice(i, i + 2)}" is not allowed outside quotes`);
		}
	}
	if (depth !== 0) throw unsafe(fragment, "a '(' is not closed");
	return fragment;
}

function unsafe(fragment: string, why: string): Error {
	const shown = fragment.length > 120 ? `${fragment.slice(0, 120)}…` : fragment;
	return new Error(`The where filter "${shown}" cannot be used: ${why}`);
}

function join(op: 'AND' | 'OR', parts: Array<string | undefined>): string {
	const present = parts
		.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
		.map(assertSelfContained);
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
