// Value comparison for upserts, independent of either system. Two values are "the same" when a
// person would say so: a lookup `{id, value}` equals its id, 12 equals "12", " a " equals "a",
// null equals "" and undefined, and two ISO timestamps for the same instant are equal.
import { lookupWriteForm } from '../forcemanager/lookupFields';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function normaliseValue(value: unknown): Plain {
	const v = lookupWriteForm(value);
	if (v === undefined || v === null) return null;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
	if (typeof v === 'string') {
		const t = v.trim();
		return t === '' ? null : t;
	}
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'boolean') return v;
	if (typeof v === 'bigint') return Number(v);
	if (Array.isArray(v)) return v.map(normaliseValue);
	if (isRecord(v)) {
		const out: { [k: string]: Plain } = {};
		for (const k of Object.keys(v).sort()) out[k] = normaliseValue(v[k]);
		return out;
	}
	return String(v);
}

function scalarEqual(a: Plain, b: Plain): boolean {
	if (a === b) return true;
	if (a === null || b === null) return false;
	// number vs numeric string: compare as numbers, only when one side really is a number.
	if (typeof a === 'number' && typeof b === 'string' && NUMERIC.test(b)) return a === Number(b);
	if (typeof b === 'number' && typeof a === 'string' && NUMERIC.test(a)) return b === Number(a);
	// boolean vs "true"/"false"/1/0
	if (typeof a === 'boolean' || typeof b === 'boolean') {
		const asBool = (x: Plain) =>
			x === true || x === 'true' || x === 1 || x === '1'
				? true
				: x === false || x === 'false' || x === 0 || x === '0'
					? false
					: undefined;
		const [x, y] = [asBool(a), asBool(b)];
		return x !== undefined && x === y;
	}
	if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
		const [x, y] = [Date.parse(a), Date.parse(b)];
		return !Number.isNaN(x) && x === y;
	}
	return false;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
	return plainEqual(normaliseValue(a), normaliseValue(b));
}

function plainEqual(a: Plain, b: Plain): boolean {
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((x, i) => plainEqual(x, b[i]));
	}
	if (isRecord(a) || isRecord(b)) {
		if (!isRecord(a) || !isRecord(b)) return false;
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const k of keys) if (!plainEqual(a[k] ?? null, b[k] ?? null)) return false;
		return true;
	}
	return scalarEqual(a, b);
}
