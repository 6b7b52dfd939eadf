import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { RequestError } from '../errors.ts';

/** How many wrong passwords, and for how long, before sign-in waits. */
export const signInLimits = {
  /** Wrong passwords in a row for one account from one address before it must wait. */
  consecutiveFailures: 5,
  /** The first wait; each further lock-out of the same account and address doubles it… */
  firstLockoutSeconds: 60,
  /** …up to this. */
  longestLockoutSeconds: 60 * 60,
  /** Wrong passwords from one address in a day, whatever the account, before it must wait an hour. */
  failuresPerAddressPerDay: 100,
} as const;

/**
 * Slows down password guessing: wrong passwords are counted per account and address (so one
 * person's typos do not lock out the office) and per address (so one machine cannot try many
 * accounts). A lock-out answers 429 with Retry-After, even for the right password, and doubles
 * each time. Counts live in this process's memory: a restart forgets them, which is the cost of
 * having no other service to run.
 */
export function createSignInGuard(limits = signInLimits) {
  const day = 24 * 60 * 60;
  const byAccountAndAddress = new RateLimiterMemory({ keyPrefix: 'sign-in-account', points: limits.consecutiveFailures, duration: day });
  const lockouts = new RateLimiterMemory({ keyPrefix: 'sign-in-lockouts', points: 1_000, duration: day });
  const byAddress = new RateLimiterMemory({ keyPrefix: 'sign-in-address', points: limits.failuresPerAddressPerDay, duration: day, blockDuration: 60 * 60 });
  const accountKey = (username: string, address: string) => `${username.toLowerCase()}|${address}`;
  const isSpent = (state: RateLimiterRes | null) => state !== null && state.remainingPoints <= 0 && state.msBeforeNext > 0;

  return {
    /** Throws 429 while this account from this address, or this address, must wait. */
    async check(username: string, address: string): Promise<void> {
      const [account, anyAccount] = await Promise.all([byAccountAndAddress.get(accountKey(username, address)), byAddress.get(address)]);
      const waiting = [account, anyAccount].filter(isSpent).map((state) => state!.msBeforeNext);
      if (waiting.length > 0) throw tooManyAttempts(Math.ceil(Math.max(...waiting) / 1000));
    },
    /** Counts a wrong password; the one that spends the allowance starts a lock-out twice as long as the last. */
    async recordFailure(username: string, address: string): Promise<void> {
      const key = accountKey(username, address);
      await byAddress.penalty(address, 1);
      const account = await byAccountAndAddress.penalty(key, 1);
      if (account.remainingPoints <= 0) {
        const lockout = await lockouts.penalty(key, 1);
        const seconds = Math.min(limits.firstLockoutSeconds * 2 ** (lockout.consumedPoints - 1), limits.longestLockoutSeconds);
        await byAccountAndAddress.block(key, seconds);
      }
    },
    /** The right password: the account's count of wrong ones in a row starts again. */
    async recordSuccess(username: string, address: string): Promise<void> {
      await byAccountAndAddress.delete(accountKey(username, address));
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;

function tooManyAttempts(seconds: number): RequestError {
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  const waitZh = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  return new RequestError(429, 'TooManySignInAttempts',
    `Too many wrong passwords: try again in ${wait}, or ask an admin to check the account`,
    `密码错误次数过多：请 ${waitZh}后重试，或请管理员核查该账号`, {}, { 'Retry-After': String(seconds) });
}
