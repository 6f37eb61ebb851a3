import { randomBytes } from 'node:crypto';
import { GatewayError } from '../../spec/index.js';
import { ProjectMemberRepository, SessionRepository, UserRepository } from '../../store/index.js';
import { hashApiKey } from '../api-key-secret.js';
import type { ControlContext } from '../control-context.js';
import { parseInput } from '../inputs.js';
import { newId } from '../new-id.js';
import { signInSchema, type SignInInput } from './access-inputs.js';
import { storedRole, toUserView, type UserView } from './access-views.js';
import { decoyPasswordHash, verifyPassword } from './password-hash.js';
import type { Principal } from './principal.js';
import type { ProjectRole } from './project-role.js';
import { SignInThrottle } from './sign-in-throttle.js';

/** Session tokens start so; project keys start `hgr_`, so the admin API knows which to look up. */
export const SESSION_TOKEN_PREFIX = 'hgs_';

export interface SignedIn {
  /** The session token, shown this once; send it as `Authorization: Bearer <token>`. */
  token: string;
  expires_at: string;
  user: UserView;
}

export interface SessionService {
  signIn(input: SignInInput): Promise<SignedIn>;
  /** The signed-in person behind a token, with their project roles; undefined when it is not a live session. */
  authenticate(token: string): Promise<Principal | undefined>;
  signOut(sessionId: string): Promise<void>;
}

export interface SessionServiceOptions {
  /** How long a session lasts from sign-in. */
  sessionTtlMs: number;
}

export function createSessionService(context: ControlContext, options: SessionServiceOptions): SessionService {
  const users = new UserRepository(context.db);
  const sessions = new SessionRepository(context.db);
  const members = new ProjectMemberRepository(context.db);
  const throttle = new SignInThrottle();

  return {
    async signIn(input) {
      const parsed = parseInput(signInSchema, input);
      const waitMs = throttle.waitMs(parsed.email);
      if (waitMs > 0) {
        throw new GatewayError(
          'rate_limit_exceeded',
          `Too many wrong passwords for '${parsed.email}'; try again in ${Math.ceil(waitMs / 60_000)} min.`,
          { retryAfterMs: waitMs },
        );
      }
      const user = await users.findByEmail(parsed.email);
      // The decoy makes an unknown email cost as much as a known one, so timing does not reveal accounts.
      const matches = await verifyPassword(parsed.password, user?.passwordHash ?? (await decoyPasswordHash()));
      if (user === undefined || !matches || user.disabledAt !== null) {
        throttle.fail(parsed.email);
        throw new GatewayError('invalid_credentials', 'The email or password is not right, or the user is disabled.', {
          param: 'password',
        });
      }
      throttle.succeed(parsed.email);
      const now = Date.now();
      const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const expiresAt = now + options.sessionTtlMs;
      await sessions.insert({
        id: newId('ses'),
        userId: user.id,
        tokenHash: hashApiKey(token),
        createdAt: now,
        expiresAt,
      });
      // Expired sessions are refused on sight; clearing them here keeps the table small without a timer.
      await sessions.deleteExpired(now);
      return { token, expires_at: new Date(expiresAt).toISOString(), user: toUserView(user) };
    },

    async authenticate(token) {
      if (!token.startsWith(SESSION_TOKEN_PREFIX)) return undefined;
      const session = await sessions.findByTokenHash(hashApiKey(token));
      if (session === undefined || session.expiresAt <= Date.now()) return undefined;
      const user = await users.findById(session.userId);
      if (user === undefined || user.disabledAt !== null) return undefined;
      const roles = new Map<string, ProjectRole>();
      for (const membership of await members.listByUser(user.id)) {
        roles.set(membership.projectName, storedRole(membership.role));
      }
      return {
        kind: 'user',
        userId: user.id,
        email: user.email,
        sessionId: session.id,
        platformAdmin: user.platformAdmin,
        roles,
      };
    },

    async signOut(sessionId) {
      await sessions.delete(sessionId);
    },
  };
}
