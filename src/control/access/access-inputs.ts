import { z } from 'zod';
import { PROJECT_ROLES } from './project-role.js';

/** Long enough to resist guessing without rules about symbols, as NIST SP 800-63B advises. */
export const MINIMUM_PASSWORD_LENGTH = 12;

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an email address such as ada@example.com' }))
  .transform((value) => value.toLowerCase());
const password = z
  .string()
  .min(MINIMUM_PASSWORD_LENGTH, { error: `must be at least ${MINIMUM_PASSWORD_LENGTH} characters long` })
  .max(1024);
const displayName = z.string().trim().min(1).max(200).nullish();

export const userInputSchema = z
  .object({ email, password, name: displayName, platform_admin: z.boolean().optional() })
  .strict();
export type UserInput = z.input<typeof userInputSchema>;

/** What a platform admin may change about a user; an absent field stays as it is. */
export const userUpdateSchema = z
  .object({
    password: password.optional(),
    name: displayName,
    platform_admin: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserUpdate = z.input<typeof userUpdateSchema>;

export const signInSchema = z.object({ email, password: z.string().min(1).max(1024) }).strict();
export type SignInInput = z.input<typeof signInSchema>;

export const passwordChangeSchema = z
  .object({ current_password: z.string().min(1).max(1024), new_password: password })
  .strict();
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;

export const memberInputSchema = z
  .object({ role: z.enum(PROJECT_ROLES, { error: `must be one of ${PROJECT_ROLES.join(', ')}` }) })
  .strict();
export type MemberInput = z.input<typeof memberInputSchema>;
