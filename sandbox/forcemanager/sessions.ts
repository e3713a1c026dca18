// Sessions (notes §2: POST /login -> {token}; X-Session-Key on every other call; TTL configurable, default 1 h)
// and the per-key token-bucket rate limiter (notes §6.2: 4 or 13 req/s depending on plan; 429 assumed).
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock';

export interface ApiKey {
	publicKey: string;
	privateKey: string;
	userId: number;
}

export interface Session {
	token: string;
	key: ApiKey;
	expiresAtMs: number;
}

export class Sessions {
	private sessions = new Map<string, Session>();

	constructor(
		private readonly clock: SimClock,
		private readonly keys: () => ApiKey[],
		private readonly ttlSeconds: () => number,
	) {}

	findKey(publicKey: unknown): ApiKey | undefined {
		return this.keys().find((k) => k.publicKey === publicKey);
	}

	login(username: unknown, password: unknown): Session | undefined {
		const key = this.findKey(username);
		if (!key || key.privateKey !== password) return undefined;
		// notes §2.2: the real token is opaque (securecookie-like); any random string is faithful enough.
		const token = randomBytes(24).toString('base64url');
		const session = { token, key, expiresAtMs: this.clock.nowMs() + this.ttlSeconds() * 1000 };
		this.sessions.set(token, session);
		return session;
	}

	/** Expiry uses the simulator clock, so `POST /__admin/clock {advanceSeconds}` can expire sessions in tests. */
	resolve(token: string | undefined): Session | undefined {
		if (!token) return undefined;
		const session = this.sessions.get(token);
		if (!session) return undefined;
		if (this.clock.nowMs() >= session.expiresAtMs) {
			this.sessions.delete(token);
			return undefined;
		}
		return session;
	}

	expireAll(): void {
		this.sessions.clear();
	}
}

/** Token bucket per public key: capacity = rate (one second of burst), refilled continuously. Real time, not the sim clock. */
export class RateLimiter {
	private buckets = new Map<string, { tokens: number; at: number }>();

	constructor(private readonly rate: () => number) {}

	/** Returns 0 when allowed, else the whole seconds to wait (for `Retry-After`). */
	take(key: string): number {
		const rate = this.rate();
		if (!rate || rate <= 0) return 0;
		const capacity = Math.max(1, rate);
		const now = performance.now();
		const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
		bucket.at = now;
		this.buckets.set(key, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
	}

	reset(): void {
		this.buckets.clear();
	}
}
