// Stable error vocabulary of the bridge contract (openapi.yaml, components.schemas.Error).
// Adapters throw BridgeError with a code; the HTTP layer derives status and retryability from it,
// so a Windows adapter only has to translate SDO error numbers into these codes.

export type ErrorCode =
	| 'VALIDATION_FAILED'
	| 'REQUIRED_FIELD'
	| 'FIELD_TOO_LONG'
	| 'ACCOUNT_REF_INVALID'
	| 'ACCOUNT_REF_EXISTS'
	| 'ACCOUNT_REF_IMMUTABLE'
	| 'REGISTERED_ADDRESS_EXISTS'
	| 'ORDER_NUMBER_EXISTS'
	| 'EXTERNAL_REF_EXISTS'
	| 'ACCOUNT_ON_HOLD'
	| 'ACCOUNT_INACTIVE'
	| 'UNKNOWN_ACCOUNT'
	| 'UNKNOWN_STOCK_CODE'
	| 'UNKNOWN_TAX_CODE'
	| 'UNKNOWN_ADDRESS'
	| 'INVALID_QUOTE_STATUS'
	| 'READ_ONLY'
	| 'IDEMPOTENCY_KEY_REQUIRED'
	| 'IDEMPOTENCY_KEY_REUSED'
	| 'IDEMPOTENCY_KEY_IN_FLIGHT'
	| 'UNAUTHORIZED'
	| 'NOT_FOUND'
	| 'SAGE_BUSY'
	| 'USER_IN_USE'
	| 'EXCLUSIVE_MODE'
	| 'RECORD_LOCKED'
	| 'SAGE_UNAVAILABLE'
	| 'INTERNAL_ERROR';

interface CodeInfo {
	status: number;
	retryable: boolean;
	/** Default SDO error number (Appendix A of sage50-notes.md) when Sage itself raises it. */
	sageErrorCode?: number;
}

export const ERROR_CODES: Record<ErrorCode, CodeInfo> = {
	VALIDATION_FAILED: { status: 400, retryable: false },
	REQUIRED_FIELD: { status: 400, retryable: false },
	FIELD_TOO_LONG: { status: 400, retryable: false, sageErrorCode: 18 },
	ACCOUNT_REF_INVALID: { status: 400, retryable: false, sageErrorCode: 86 },
	ACCOUNT_REF_EXISTS: { status: 409, retryable: false, sageErrorCode: 84 },
	ACCOUNT_REF_IMMUTABLE: { status: 422, retryable: false },
	REGISTERED_ADDRESS_EXISTS: { status: 409, retryable: false, sageErrorCode: 45 },
	ORDER_NUMBER_EXISTS: { status: 409, retryable: false },
	EXTERNAL_REF_EXISTS: { status: 409, retryable: false },
	ACCOUNT_ON_HOLD: { status: 422, retryable: false, sageErrorCode: 70 },
	ACCOUNT_INACTIVE: { status: 422, retryable: false, sageErrorCode: 71 },
	UNKNOWN_ACCOUNT: { status: 422, retryable: false, sageErrorCode: 17 },
	UNKNOWN_STOCK_CODE: { status: 422, retryable: false, sageErrorCode: 17 },
	UNKNOWN_TAX_CODE: { status: 422, retryable: false, sageErrorCode: 18 },
	UNKNOWN_ADDRESS: { status: 422, retryable: false, sageErrorCode: 17 },
	INVALID_QUOTE_STATUS: { status: 422, retryable: false, sageErrorCode: 18 },
	/** A bridge on a real Sage company without Sage Data Objects (ODBC only) cannot write. */
	READ_ONLY: { status: 501, retryable: false },
	IDEMPOTENCY_KEY_REQUIRED: { status: 400, retryable: false },
	IDEMPOTENCY_KEY_REUSED: { status: 409, retryable: false },
	IDEMPOTENCY_KEY_IN_FLIGHT: { status: 409, retryable: true },
	UNAUTHORIZED: { status: 401, retryable: false },
	NOT_FOUND: { status: 404, retryable: false },
	SAGE_BUSY: { status: 503, retryable: true, sageErrorCode: 48 },
	USER_IN_USE: { status: 503, retryable: true, sageErrorCode: 23 },
	EXCLUSIVE_MODE: { status: 503, retryable: true, sageErrorCode: 24 },
	RECORD_LOCKED: { status: 503, retryable: true, sageErrorCode: 93 },
	/** The bridge cannot log on to Sage (SDO missing or refused: data path, user, version, licence) or lost the logon. */
	SAGE_UNAVAILABLE: { status: 503, retryable: true },
	INTERNAL_ERROR: { status: 500, retryable: false },
};

export interface ErrorBody {
	code: ErrorCode;
	message: string;
	retryable: boolean;
	sageErrorCode?: number;
	field?: string;
	record?: string;
}

/** A value as error messages quote it: its first 40 characters. */
export function excerpt(value: string): string {
	return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

export class BridgeError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details: { field?: string; record?: string; sageErrorCode?: number } = {},
	) {
		super(message);
		this.name = 'BridgeError';
	}

	get status(): number {
		return ERROR_CODES[this.code].status;
	}

	get retryable(): boolean {
		return ERROR_CODES[this.code].retryable;
	}

	toBody(): ErrorBody {
		const body: ErrorBody = { code: this.code, message: this.message, retryable: this.retryable };
		const sageErrorCode = this.details.sageErrorCode ?? ERROR_CODES[this.code].sageErrorCode;
		if (sageErrorCode !== undefined) body.sageErrorCode = sageErrorCode;
		if (this.details.field !== undefined) body.field = this.details.field;
		if (this.details.record !== undefined) body.record = this.details.record;
		return body;
	}
}
