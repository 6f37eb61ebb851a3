export type { AdminRoutesOptions } from './register-admin-routes.js';
export { registerAdminRoutes } from './register-admin-routes.js';
export { sendAdminError } from './send-admin-error.js';
