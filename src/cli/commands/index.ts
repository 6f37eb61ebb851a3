import type { Command } from '../command.js';
import { catalogList, catalogShow } from './catalog.js';
import { connectionsAdd, connectionsList, connectionsRemove, connectionsUpdate } from './connections.js';
import { deploymentsAdd, deploymentsList, deploymentsRemove, deploymentsUpdate } from './deployments.js';
import {
  engineCancelPull,
  engineLoad,
  engineModels,
  enginePs,
  enginePull,
  enginePulls,
  engineUnload,
} from './engine.js';
import { keysCreate, keysList, keysRegenerate, keysRevoke } from './keys.js';
import { modelsAdd, modelsList, modelsPull, modelsRemove, modelsShow } from './models.js';
import { quotasList, quotasRemove, quotasSet } from './quotas.js';
import { projectsAdd, projectsList, projectsRemove } from './projects.js';
import { serve } from './serve.js';
import { membersList, membersRemove, membersSet } from './members.js';
import { login, logout, whoami } from './sessions.js';
import { usersAdd, usersList, usersRemove, usersUpdate } from './users.js';
import { usage } from './usage.js';
import { budgetsEvents, budgetsList, budgetsRemove, budgetsSet } from './budgets.js';
import { pricesList, pricesRemove, pricesSet, pricesShow } from './prices.js';
import { invoicesClose, invoicesList, invoicesShow } from './invoices.js';
import { sla, slo } from './service-levels.js';
import {
  contentFiltersDelete,
  contentFiltersEvents,
  contentFiltersList,
  contentFiltersSet,
  contentFiltersShow,
} from './content-filters.js';
import { blocklistsDelete, blocklistsList, blocklistsSet, blocklistsShow } from './blocklists.js';
import { safetyEval } from './safety.js';

/** Every command by its words; `help` is handled by run-cli.ts since it lists these. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  serve,
  login,
  logout,
  whoami,
  'users list': usersList,
  'users add': usersAdd,
  'users update': usersUpdate,
  'users remove': usersRemove,
  'members list': membersList,
  'members set': membersSet,
  'members remove': membersRemove,
  'connections add': connectionsAdd,
  'connections list': connectionsList,
  'connections update': connectionsUpdate,
  'connections remove': connectionsRemove,
  'projects add': projectsAdd,
  'projects list': projectsList,
  'projects remove': projectsRemove,
  'keys create': keysCreate,
  'keys list': keysList,
  'keys revoke': keysRevoke,
  'keys regenerate': keysRegenerate,
  'deployments add': deploymentsAdd,
  // `create`, as Azure's CLI says it; help lists the command once, as `add`.
  'deployments create': deploymentsAdd,
  'deployments update': deploymentsUpdate,
  'deployments list': deploymentsList,
  'deployments remove': deploymentsRemove,
  'quotas list': quotasList,
  'quotas set': quotasSet,
  'quotas remove': quotasRemove,
  'budgets list': budgetsList,
  'budgets set': budgetsSet,
  'budgets remove': budgetsRemove,
  'budgets events': budgetsEvents,
  'prices list': pricesList,
  'prices show': pricesShow,
  'prices set': pricesSet,
  'prices remove': pricesRemove,
  'invoices list': invoicesList,
  'invoices show': invoicesShow,
  'invoices close': invoicesClose,
  'content-filters list': contentFiltersList,
  'content-filters show': contentFiltersShow,
  'content-filters set': contentFiltersSet,
  'content-filters delete': contentFiltersDelete,
  'content-filters events': contentFiltersEvents,
  'blocklists list': blocklistsList,
  'blocklists show': blocklistsShow,
  'blocklists set': blocklistsSet,
  'blocklists delete': blocklistsDelete,
  'models pull': modelsPull,
  'models add': modelsAdd,
  'models list': modelsList,
  'models show': modelsShow,
  'models rm': modelsRemove,
  catalog: catalogList,
  'catalog list': catalogList,
  'catalog show': catalogShow,
  'engine ps': enginePs,
  'engine models': engineModels,
  'engine load': engineLoad,
  'engine unload': engineUnload,
  'engine pull': enginePull,
  'engine pulls': enginePulls,
  'engine cancel-pull': engineCancelPull,
  usage,
  slo,
  sla,
  'safety eval': safetyEval,
};
