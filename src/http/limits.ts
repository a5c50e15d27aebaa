// Rate limits on login and registration, per client IP and per account.
// Windows follow common practice (Synapse, Mattermost): bursts allowed,
// sustained guessing not.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../domain/errors.js';

export interface RateLimits {
  login(ip: string, login: string): Promise<void>;
  register(ip: string, name: string, email: string): Promise<void>;
}

const limiter = (points: number, duration: number, keyPrefix: string) => new RateLimiterMemory({ points, duration, keyPrefix });

async function consume(l: RateLimiterMemory, key: string): Promise<void> {
  try {
    await l.consume(key);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const err = new AppError('rate_limited', 'Too many attempts; try again later');
    err.retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw err;
  }
}

export function createRateLimits(enabled: boolean): RateLimits {
  if (!enabled) return { login: async () => {}, register: async () => {} };
  const loginByIp = limiter(30, 60, 'login-ip');
  const loginByAccount = limiter(10, 60, 'login-account');
  const registerByIp = limiter(10, 600, 'register-ip');
  const registerByAccount = limiter(3, 600, 'register-account');
  return {
    async login(ip, login) {
      await consume(loginByIp, ip);
      await consume(loginByAccount, login.toLowerCase());
    },
    async register(ip, name, email) {
      await consume(registerByIp, ip);
      await consume(registerByAccount, name.toLowerCase());
      await consume(registerByAccount, email.toLowerCase());
    },
  };
}
