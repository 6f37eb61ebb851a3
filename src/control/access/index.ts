export { PROJECT_ROLES, isProjectRole, roleCovers, roleTitle, type ProjectRole } from './project-role.js';
export { describePrincipal, isPlatformAdmin, roleOnProject, type Principal } from './principal.js';
export { MINIMUM_PASSWORD_LENGTH } from './access-inputs.js';
export type { MemberInput, PasswordChangeInput, SignInInput, UserInput, UserUpdate } from './access-inputs.js';
export type { MemberView, UserView } from './access-views.js';
export { storedRole } from './access-views.js';
export { createUserService, type UserService } from './user-service.js';
export { createMemberService, type MemberService } from './member-service.js';
export {
  createSessionService,
  SESSION_TOKEN_PREFIX,
  type SessionService,
  type SessionServiceOptions,
  type SignedIn,
} from './session-service.js';
