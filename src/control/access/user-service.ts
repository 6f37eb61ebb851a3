import { GatewayError } from '../../spec/index.js';
import { SessionRepository, UserRepository, type UserRecord } from '../../store/index.js';
import { alreadyExists, insertUnique, notFound, type ControlContext } from '../control-context.js';
import { parseInput } from '../inputs.js';
import { newId } from '../new-id.js';
import {
  passwordChangeSchema,
  userInputSchema,
  userUpdateSchema,
  type PasswordChangeInput,
  type UserInput,
  type UserUpdate,
} from './access-inputs.js';
import { toUserView, type UserView } from './access-views.js';
import { hashPassword, verifyPassword } from './password-hash.js';

export interface UserService {
  list(): Promise<UserView[]>;
  create(input: UserInput): Promise<UserView>;
  /** A new password or disabling signs the user out everywhere. */
  update(email: string, input: UserUpdate): Promise<UserView>;
  /** Removes the user with their memberships and sessions. */
  remove(email: string): Promise<void>;
  /** A person changing their own password proves the current one first; their other sessions end. */
  changeOwnPassword(userId: string, currentSessionId: string, input: PasswordChangeInput): Promise<void>;
}

export function createUserService(context: ControlContext): UserService {
  const users = new UserRepository(context.db);
  const sessions = new SessionRepository(context.db);

  const requireUser = async (email: string): Promise<UserRecord> => {
    const user = await users.findByEmail(email);
    if (user === undefined) throw notFound(`There is no user with the email '${email}'.`, 'email');
    return user;
  };

  return {
    async list() {
      return (await users.list()).map(toUserView);
    },

    async create(input) {
      const parsed = parseInput(userInputSchema, input);
      const exists = () => alreadyExists(`A user with the email '${parsed.email}' already exists.`, 'email');
      if ((await users.findByEmail(parsed.email)) !== undefined) throw exists();
      const record: UserRecord = {
        id: newId('usr'),
        email: parsed.email,
        displayName: parsed.name ?? null,
        passwordHash: await hashPassword(parsed.password),
        platformAdmin: parsed.platform_admin ?? false,
        createdAt: Date.now(),
        disabledAt: null,
      };
      await insertUnique(() => users.insert(record), exists);
      return toUserView(record);
    },

    async update(email, input) {
      const parsed = parseInput(userUpdateSchema, input);
      const user = await requireUser(email);
      const disabledAt =
        parsed.disabled === undefined ? undefined : parsed.disabled ? (user.disabledAt ?? Date.now()) : null;
      const changes = {
        ...(parsed.password === undefined ? {} : { passwordHash: await hashPassword(parsed.password) }),
        ...(parsed.name === undefined ? {} : { displayName: parsed.name }),
        ...(parsed.platform_admin === undefined ? {} : { platformAdmin: parsed.platform_admin }),
        ...(disabledAt === undefined ? {} : { disabledAt }),
      };
      await users.update(user.id, changes);
      if (parsed.password !== undefined || parsed.disabled === true) await sessions.deleteByUser(user.id);
      return toUserView({ ...user, ...changes });
    },

    async remove(email) {
      const user = await requireUser(email);
      await users.delete(user.id);
    },

    async changeOwnPassword(userId, currentSessionId, input) {
      const parsed = parseInput(passwordChangeSchema, input);
      const user = await users.findById(userId);
      if (user === undefined) throw notFound('Your user no longer exists.', 'email');
      if (!(await verifyPassword(parsed.current_password, user.passwordHash))) {
        throw new GatewayError('invalid_credentials', 'current_password is not your current password.', {
          param: 'current_password',
        });
      }
      await users.update(user.id, { passwordHash: await hashPassword(parsed.new_password) });
      // Other devices must sign in again with the new password; this one stays signed in.
      await sessions.deleteByUser(user.id, currentSessionId);
    },
  };
}
