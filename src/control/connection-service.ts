import { GatewayError } from '../spec/index.js';
import {
  ConnectionRepository,
  DeploymentRepository,
  inTransaction,
  isForeignKeyViolation,
  type ConnectionChanges,
  type SecretBox,
} from '../store/index.js';
import { alreadyExists, insertUnique, notFound, type ControlContext } from './control-context.js';
import {
  connectionInputSchema,
  connectionUpdateSchema,
  parseInput,
  type ConnectionInput,
  type ConnectionUpdate,
  type ParsedConnectionInput,
  type ParsedConnectionUpdate,
} from './inputs.js';
import { newId } from './new-id.js';
import { checkCapacityCoversReservations } from './provisioned-capacity.js';
import { toConnectionView, type ConnectionView } from './views.js';

export interface ConnectionService {
  create(input: ConnectionInput): Promise<ConnectionView>;
  list(): Promise<ConnectionView[]>;
  /**
   * Changes the fields `changes` names and keeps the others; `null` or an empty string clears a field. The
   * id stays, so every deployment using the connection uses the new values from the next request on.
   */
  update(name: string, changes: ConnectionUpdate): Promise<ConnectionView>;
  remove(name: string): Promise<void>;
}

export function createConnectionService(context: ControlContext): ConnectionService {
  return {
    async create(input) {
      const parsed = parseInput(connectionInputSchema, input);
      const repository = new ConnectionRepository(context.db);
      const exists = () =>
        alreadyExists(`Connection '${parsed.name}' already exists; remove it first or pick another name.`);
      if ((await repository.findByName(parsed.name)) !== undefined) throw exists();
      const record = {
        id: newId('con'),
        name: parsed.name,
        createdAt: Date.now(),
        ...toConnectionChanges(parsed, context.secretBox),
      };
      await insertUnique(() => repository.insert(record), exists);
      await context.reload();
      return toConnectionView(record);
    },

    async list() {
      return (await new ConnectionRepository(context.db).list()).map(toConnectionView);
    },

    async update(name, changes) {
      const parsed = parseInput(connectionUpdateSchema, changes);
      const updated = await inTransaction(context.db, async (transaction) => {
        const repository = new ConnectionRepository(transaction);
        const existing = await repository.findByName(name);
        if (existing === undefined) throw notFound(`Connection '${name}' does not exist.`);
        const record = { ...existing, ...toConnectionPatch(parsed, context.secretBox) };
        if (record.capacityTpm !== existing.capacityTpm) {
          await checkCapacityCoversReservations(transaction, record, record.capacityTpm);
        }
        await repository.update(record.id, record);
        return record;
      });
      await context.reload();
      return toConnectionView(updated);
    },

    async remove(name) {
      const repository = new ConnectionRepository(context.db);
      const connection = await repository.findByName(name);
      if (connection === undefined) throw notFound(`Connection '${name}' does not exist.`);
      const users = await new DeploymentRepository(context.db).listUsingConnection(connection.id);
      const inUse = (list: string) =>
        new GatewayError(
          'invalid_request',
          `Connection '${name}' is used by deployment(s) ${list}; remove them or change their backends first.`,
          { param: 'name' },
        );
      if (users.length > 0) {
        throw inUse(users.map((user) => `${user.projectName}/${user.deploymentName}`).join(', '));
      }
      try {
        await repository.deleteByName(name);
      } catch (error) {
        // A deployment created between the check and the delete.
        if (isForeignKeyViolation(error)) throw inUse('created just now');
        throw error;
      }
      await context.reload();
    },
  };
}

/** Validated input → stored fields, with the API key encrypted. Empty strings mean "not set". */
export function toConnectionChanges(input: ParsedConnectionInput, secretBox: SecretBox): ConnectionChanges {
  const unset = {
    baseUrl: null,
    apiKeyEncrypted: null,
    apiVersion: null,
    headers: null,
    timeoutMs: null,
    capacityTpm: null,
  };
  return { ...unset, ...toConnectionPatch(input, secretBox), provider: input.provider };
}

/** Only the fields the input names, so an update keeps the others; `null` and empty values clear a field. */
function toConnectionPatch(input: ParsedConnectionUpdate, secretBox: SecretBox): Partial<ConnectionChanges> {
  const text = (value: string | null) => (value === null || value === '' ? null : value);
  const patch: Partial<ConnectionChanges> = {};
  if (input.provider !== undefined) patch.provider = input.provider;
  if (input.base_url !== undefined) patch.baseUrl = text(input.base_url);
  if (input.api_key !== undefined) {
    const apiKey = text(input.api_key);
    patch.apiKeyEncrypted = apiKey === null ? null : secretBox.encrypt(apiKey);
  }
  if (input.api_version !== undefined) patch.apiVersion = text(input.api_version);
  if (input.headers !== undefined) {
    patch.headers = input.headers === null || Object.keys(input.headers).length === 0 ? null : input.headers;
  }
  if (input.timeout_ms !== undefined) patch.timeoutMs = input.timeout_ms;
  if (input.capacity_tpm !== undefined) patch.capacityTpm = input.capacity_tpm;
  return patch;
}
