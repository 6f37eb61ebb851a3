export type { AuthenticatedCaller, Registry, ResolvedDeployment, SharedCapacity } from './registry-types.js';
export type { ControlPlane, ControlPlaneOptions } from './control-plane.js';
export { createControlPlane } from './control-plane.js';
export { CHANGE_CHANNEL, createRedisChangeNotices, type ChangeNotices } from './change-notices.js';
export type { ConnectionService } from './connection-service.js';
export type { ProjectService } from './project-service.js';
export type { CreatedKey, KeyService } from './key-service.js';
export type { DeploymentService } from './deployment-service.js';
export type { QuotaGrantService, QuotaGrantView } from './quota-grants.js';
export type {
  ConnectionInput,
  ConnectionUpdate,
  DeploymentInput,
  DeploymentUpdate,
  KeyInput,
  ProjectInput,
} from './inputs.js';
export type { ConnectionView, DeploymentView, KeyView, ProjectView } from './views.js';
export { generateApiKey, hashApiKey } from './api-key-secret.js';
// The key files live with the store's other secrets; re-exported so the composition root finds them here.
export type { ResolvedKey } from '../store/index.js';
export { resolveAdminKey, resolveSecretKey } from '../store/index.js';
export type {
  MemberInput,
  MemberView,
  MemberService,
  PasswordChangeInput,
  Principal,
  ProjectRole,
  SessionService,
  SignedIn,
  SignInInput,
  UserInput,
  UserService,
  UserUpdate,
  UserView,
} from './access/index.js';
export {
  describePrincipal,
  isPlatformAdmin,
  isProjectRole,
  MINIMUM_PASSWORD_LENGTH,
  PROJECT_ROLES,
  roleCovers,
  roleOnProject,
  roleTitle,
  SESSION_TOKEN_PREFIX,
} from './access/index.js';
