// Synthetic error bodies (notes §6.1 "simulator proposal"): `{error, code, message}` with the HTTP status;
// the real bodies are unknown. 401 uses `code: "2"` (a string), as ForceManager's fm-bridge expects (notes §2.4).
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: number | string,
		message: string,
		readonly field?: string,
	) {
		super(message);
	}

	body(): Record<string, unknown> {
		const out: Record<string, unknown> = { error: STATUS_NAMES[this.status] ?? 'Error', code: this.code, message: this.message };
		if (this.field) out.field = this.field;
		return out;
	}
}

const STATUS_NAMES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	404: 'Not Found',
	405: 'Method Not Allowed',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
};

/** 400 naming the offending field (writes). */
export const badField = (field: string, message: string): ApiError => new ApiError(400, 400, message, field);
/** 400 code 901 "SQL not generated correctly" for bad `where`/`order` (notes §4.3, §6.1). */
export const badQuery = (message: string): ApiError => new ApiError(400, 901, message);
/** 400 code 910 "Resource not exist" for unknown ids (notes §5: 400, not 404; §6.1 code table). */
export const notFound = (entity: string, id: unknown): ApiError =>
	new ApiError(400, 910, `${entity} ${String(id)} does not exist`);
export const sessionError = (message = 'Invalid or expired session'): ApiError => new ApiError(401, '2', message);
