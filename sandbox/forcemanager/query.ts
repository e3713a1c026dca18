// Evaluates a parsed `where` against stored rows with SQL semantics (three-valued logic: a comparison with
// NULL is unknown, so `vatNumber <> ''` skips rows without a VAT number), plus `order` and paging (notes §4).
// Strings compare case-insensitively, as SQL Server's default collation does (notes §4.3 suggests SQL Server) [I].
// Either side of a predicate may be a field or a literal, as in SQL: `'1'='1'` is true for every row, so an
// unescaped value that smuggles in `OR '1'='1'` returns every row here as it would on the real API.
// Backslashes are ordinary characters in SQL Server literals, so `\'` does not escape a quote here either.
import { parseTimestamp } from './clock';
import { type EntityDef, fieldDef, isExtraField, resolveFieldName, type Row } from './entities';
import { badQuery } from './errors';
import { type CmpOp, type Literal, type Operand, parseWhere, type WhereExpr } from './where-parser';
import type { Store } from './store';

type Tri = boolean | null;
type Scalar = string | number | boolean | null;
type Getter = (row: Row) => Scalar;
/** How a field's values are compared: numbers, booleans, instants (ms) or case-insensitive text. */
type Kind = 'number' | 'bool' | 'date' | 'text' | 'dynamic';

interface FieldAccess {
	get: Getter;
	kind: Kind;
	name: string;
}

export function compileWhere(
	store: Store,
	def: EntityDef,
	where: string,
	lang: string,
): (row: Row) => boolean {
	if (!where.trim()) return () => true;
	const expr = parseWhere(where);
	const predicate = compile(store, def, expr, lang);
	return (row) => predicate(row) === true;
}

function compile(store: Store, def: EntityDef, expr: WhereExpr, lang: string): (row: Row) => Tri {
	switch (expr.kind) {
		case 'and': {
			const l = compile(store, def, expr.left, lang);
			const r = compile(store, def, expr.right, lang);
			return (row) => and(l(row), r(row));
		}
		case 'or': {
			const l = compile(store, def, expr.left, lang);
			const r = compile(store, def, expr.right, lang);
			return (row) => or(l(row), r(row));
		}
		case 'not': {
			const inner = compile(store, def, expr.expr, lang);
			return (row) => not(inner(row));
		}
		case 'isNull': {
			const s = side(store, def, expr.subject, lang);
			if ('literal' in s) {
				const constant = (s.literal.kind === 'null') !== expr.negate;
				return () => constant;
			}
			return (row) => (s.field.get(row) === null) !== expr.negate;
		}
		case 'cmp':
			return comparison(side(store, def, expr.left, lang), expr.op, side(store, def, expr.right, lang));
		case 'like': {
			const s = side(store, def, expr.subject, lang);
			if (expr.pattern.kind !== 'string') throw badQuery(`LIKE on '${sideName(s)}' needs a quoted pattern`);
			const regex = likeToRegExp(expr.pattern.value);
			const test = (value: Scalar): Tri => (value === null ? null : regex.test(String(value)) !== expr.negate);
			if ('literal' in s) {
				const constant = test(literalScalar(s.literal));
				return () => constant;
			}
			return (row) => test(s.field.get(row));
		}
		case 'in': {
			// SQL: `x IN (a, b)` is `x = a OR x = b`, and NOT IN its negation (so a NULL in the list makes
			// NOT IN unknown, never true).
			const subject = side(store, def, expr.subject, lang);
			const tests = expr.values.map((v) => comparison(subject, '=', side(store, def, v, lang)));
			return (row) => {
				let result: Tri = false;
				for (const t of tests) result = or(result, t(row));
				return expr.negate ? not(result) : result;
			};
		}
	}
}

/** One side of a predicate: a field read per row, or a constant literal. */
type Side = { field: FieldAccess } | { literal: Literal };

function side(store: Store, def: EntityDef, operand: Operand, lang: string): Side {
	return operand.kind === 'field' ? { field: access(store, def, operand.path, lang) } : { literal: operand };
}

function sideName(s: Side): string {
	return 'field' in s ? s.field.name : literalText(s.literal);
}

const MIRRORED: Record<CmpOp, CmpOp> = { '=': '=', '<>': '<>', '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

function comparison(left: Side, op: CmpOp, right: Side): (row: Row) => Tri {
	if ('literal' in left && 'literal' in right) {
		const constant = applyOp(compareLiterals(left.literal, right.literal), op);
		return () => constant;
	}
	if ('literal' in left) return comparison(right, MIRRORED[op], left);
	const f = left.field;
	if ('literal' in right) {
		if (right.literal.kind === 'null') return () => null; // `= NULL` is unknown in SQL; use IS NULL
		const literal = coerceLiteral(f, right.literal);
		return (row) => applyOp(compare(normalise(f, f.get(row)), literal), op);
	}
	const g = right.field;
	if (f.kind !== g.kind && f.kind !== 'dynamic' && g.kind !== 'dynamic') {
		throw badQuery(`Cannot compare '${f.name}' with '${g.name}'`);
	}
	return (row) => applyOp(compare(normalise(f, f.get(row)), normalise(g, g.get(row))), op);
}

function applyOp(c: number | null, op: CmpOp): Tri {
	if (c === null) return null;
	switch (op) {
		case '=':
			return c === 0;
		case '<>':
			return c !== 0;
		case '>':
			return c > 0;
		case '>=':
			return c >= 0;
		case '<':
			return c < 0;
		case '<=':
			return c <= 0;
	}
}

function literalScalar(lit: Literal): Scalar {
	return lit.kind === 'null' ? null : lit.value;
}

function literalText(lit: Literal): string {
	return lit.kind === 'string' ? `'${lit.value}'` : lit.kind === 'null' ? 'NULL' : String(lit.value);
}

/**
 * Literal against literal, as SQL Server converts them (notes §4.3 [I]): text compares
 * case-insensitively; a number (or TRUE/FALSE, a bit) against text converts the text to a number, and
 * text that does not convert is an error (901), as SQL Server's "Conversion failed" would be.
 */
function compareLiterals(a: Literal, b: Literal): number | null {
	if (a.kind === 'null' || b.kind === 'null') return null;
	if (a.kind === 'string' && b.kind === 'string') return compare(a.value.toLowerCase(), b.value.toLowerCase());
	const asNumber = (lit: Literal): number => {
		if (lit.kind === 'number') return lit.value;
		if (lit.kind === 'bool') return lit.value ? 1 : 0;
		if (lit.kind === 'string') {
			const text = lit.value.trim();
			if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
			if (/^(true|false)$/i.test(text)) return /^true$/i.test(text) ? 1 : 0;
		}
		throw badQuery(`Cannot compare ${literalText(a)} with ${literalText(b)}`);
	};
	return asNumber(a) - asNumber(b);
}

function and(a: Tri, b: Tri): Tri {
	if (a === false || b === false) return false;
	return a === null || b === null ? null : true;
}

function or(a: Tri, b: Tri): Tri {
	if (a === true || b === true) return true;
	return a === null || b === null ? null : false;
}

function not(a: Tri): Tri {
	return a === null ? null : !a;
}

/** Resolves `name`, `lookup.id`, bare `lookup` (= its id), `lookup.value`/`.description` and `Z_` fields. */
function access(store: Store, def: EntityDef, path: string[], lang: string): FieldAccess {
	const raw = path.join('.');
	if (path.length === 1 && isExtraField(path[0])) {
		const lower = path[0].toLowerCase();
		return {
			name: raw,
			kind: 'dynamic',
			get: (row) => {
				const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
				const v = key === undefined ? null : row[key];
				return v === undefined || typeof v === 'object' ? ((v as Scalar) ?? null) : (v as Scalar);
			},
		};
	}
	const field = resolveFieldName(def, path[0]);
	const fd = field ? fieldDef(def, field) : undefined;
	if (!field || !fd || path.length > 2) throw badQuery(`Unknown field '${raw}' for ${def.name}`);
	const get = (row: Row): Scalar => (row[field] ?? null) as Scalar;
	if (path.length === 2) {
		const sub = path[1].toLowerCase();
		if (fd.type !== 'lookup' && fd.type !== 'enum') throw badQuery(`Field '${path[0]}' is not a lookup`);
		if (sub === 'id') return { name: raw, kind: 'number', get };
		if (sub === 'value' || sub === 'description') {
			return { name: raw, kind: 'text', get: (row) => store.labelFor(def.name, field, row, lang) };
		}
		throw badQuery(`Unknown field '${raw}' for ${def.name}`);
	}
	const kinds: Record<string, Kind> = {
		int: 'number',
		number: 'number',
		lookup: 'number',
		enum: 'number',
		bool: 'bool',
		datetime: 'date',
		string: 'text',
	};
	const kind = kinds[fd.type];
	if (!kind) throw badQuery(`Field '${raw}' cannot be filtered`);
	return { name: raw, kind, get };
}

function normalise(f: FieldAccess, value: Scalar): Scalar {
	if (value === null) return null;
	if (f.kind === 'date' && typeof value === 'string') return parseTimestamp(value);
	if (f.kind === 'text') return String(value).toLowerCase();
	if (typeof value === 'string') return value.toLowerCase();
	return value;
}

/** Converts a literal to the field's kind; a literal that cannot convert is an error, as in SQL Server. */
function coerceLiteral(f: FieldAccess, lit: Literal): Scalar {
	if (lit.kind === 'null') return null;
	const fail = (): never => {
		throw badQuery(`Cannot compare '${f.name}' with ${lit.kind === 'string' ? `'${lit.value}'` : String(lit.value)}`);
	};
	switch (f.kind) {
		case 'number':
			if (lit.kind === 'number') return lit.value;
			if (lit.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(lit.value)) return Number(lit.value);
			if (lit.kind === 'bool') return lit.value ? 1 : 0;
			return fail();
		case 'bool': // notes §4.3: true/false/'true'/'false'/1/0
			if (lit.kind === 'bool') return lit.value;
			if (lit.kind === 'number' && (lit.value === 0 || lit.value === 1)) return lit.value === 1;
			if (lit.kind === 'string' && /^(true|false|0|1)$/i.test(lit.value.trim())) return /^(true|1)$/i.test(lit.value.trim());
			return fail();
		case 'date': {
			// notes §4.3: ISO date strings compared as instants
			const ms = lit.kind === 'string' ? parseTimestamp(lit.value) : NaN;
			return Number.isNaN(ms) ? fail() : ms;
		}
		case 'text':
			return lit.kind === 'string' ? lit.value.toLowerCase() : String(lit.value).toLowerCase();
		case 'dynamic':
			return lit.kind === 'string' ? lit.value.toLowerCase() : lit.value;
	}
}

function compare(a: Scalar, b: Scalar): number | null {
	if (a === null || b === null) return null;
	if (typeof a === 'boolean' || typeof b === 'boolean') {
		const x = typeof a === 'boolean' ? Number(a) : Number(a);
		const y = typeof b === 'boolean' ? Number(b) : Number(b);
		return Number.isNaN(x) || Number.isNaN(y) ? null : x - y;
	}
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a);
	const y = String(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

/** SQL LIKE: `%` any run, `_` one character; everything else literal; case-insensitive. */
export function likeToRegExp(pattern: string): RegExp {
	let source = '';
	for (const ch of pattern) {
		if (ch === '%') source += '.*';
		else if (ch === '_') source += '.';
		else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	return new RegExp(`^${source}$`, 'is');
}

/** `order=<field>[ ASC|DESC][, ...]`, descending by default (notes §4.4). Ties break on id in the same direction. */
export function compileOrder(def: EntityDef, order: string): (a: Row, b: Row) => number {
	const keys = order
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.id)?(?:\s+(asc|desc))?$/i.exec(part);
			if (!m) throw badQuery(`Invalid order '${part}'`);
			const field = isExtraField(m[1]) ? m[1] : resolveFieldName(def, m[1]);
			if (!field) throw badQuery(`Unknown order field '${m[1]}' for ${def.name}`);
			const kind = fieldDef(def, field)?.type;
			if (kind === 'json') throw badQuery(`Field '${m[1]}' cannot be ordered`);
			return { field, dir: (m[2] ?? 'desc').toLowerCase() === 'asc' ? 1 : -1, date: kind === 'datetime' };
		});
	if (keys.length === 0) return (a, b) => a.id - b.id;
	return (a, b) => {
		for (const key of keys) {
			const c = nullsFirst(sortValue(a[key.field], key.date), sortValue(b[key.field], key.date));
			if (c !== 0) return c * key.dir;
		}
		return (a.id - b.id) * keys[0].dir;
	};
}

function sortValue(value: unknown, date: boolean): string | number | null {
	if (value === null || value === undefined) return null;
	if (date && typeof value === 'string') return parseTimestamp(value);
	if (typeof value === 'boolean') return Number(value);
	if (typeof value === 'number') return value;
	return String(value).toLowerCase();
}

/** SQL Server sorts NULL lowest. */
function nullsFirst(a: string | number | null, b: string | number | null): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
