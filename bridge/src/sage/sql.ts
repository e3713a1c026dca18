// Sage's ODBC dialect, as the adapter speaks it (sage50-notes.md §3.2): `SELECT TOP n … WHERE key > …
// ORDER BY key`, no LIMIT/OFFSET/FETCH, no DISTINCT, and no bound parameters at all — the driver
// fails bound strings (HY004) and integer `? = ?` (22018), and the npm `odbc` package cannot bind a
// Date — so every value is a literal, built by the functions below and nowhere else.
import { BridgeError } from '../errors';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** One ODBC connection to the Sage company (production: odbcConnection.ts; tests: through a dialect guard). */
export interface SqlConnection {
	query(sql: string): Promise<SqlRow[]>;
	close(): Promise<void>;
}

/**
 * THE string literal of the adapter (audited): single quotes doubled, everything else verbatim —
 * Sage's SQL, like standard SQL, gives backslashes no meaning. Control characters are refused (a NUL
 * would end the string early in the driver's C code; no Sage key or text holds them).
 */
export function sqlString(value: string): string {
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
		throw new BridgeError('VALIDATION_FAILED', 'A value sent to Sage contains a control character', { record: value.replace(/[^\x20-\x7e]/g, '?').slice(0, 40) });
	}
	return `'${value.replace(/'/g, "''")}'`;
}

/** An integer literal (document numbers, codes); anything else is refused rather than interpolated. */
export function sqlInt(value: number): string {
	if (!Number.isSafeInteger(value)) throw new BridgeError('VALIDATION_FAILED', `${String(value)} is not a whole number`);
	return String(value);
}

/** An ODBC timestamp literal for a Sage local wall-clock time `YYYY-MM-DD HH:MM:SS`. */
export function sqlTimestamp(local: string): string {
	if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(local)) throw new BridgeError('INTERNAL_ERROR', `Not a Sage timestamp: ${local}`);
	return `{ts '${local}'}`;
}

/**
 * `(col = 'a' OR col = 'b')` for a list of keys: OR is what the v34 probe confirmed (IN was not
 * tried). Callers keep lists short (the contract allows at most 100 keys; batches of 100).
 */
export function sqlIn(column: string, values: readonly (string | number)[]): string {
	if (values.length === 0) throw new BridgeError('INTERNAL_ERROR', `Empty key list for ${column}`);
	return `(${values.map((v) => `${column} = ${typeof v === 'number' ? sqlInt(v) : sqlString(v)}`).join(' OR ')})`;
}
