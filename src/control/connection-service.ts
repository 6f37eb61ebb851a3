import { GatewayError } from '../spec/index.js';
import {
  ConnectionRepository,
  DeploymentRepository,
  isForeignKeyViolation,
  type ConnectionChanges,
  type SecretBox,
} from '../store/index.js';
import { alreadyExists, insertUnique, notFound, type ControlContext } from './control-context.js';
import { connectionInputSchema, parseInput, type ConnectionInput, type ParsedConnectionInput } from './inputs.js';
import { newId } from './new-id.js';
import { toConnectionView, type ConnectionView } from './views.js';

export interface ConnectionService {
  create(input: ConnectionInput): Promise<ConnectionView>;
  list(): Promise<ConnectionView[]>;
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
  const text = (value: string | null | undefined) =>
    value === undefined || value === null || value === '' ? null : value;
  const apiKey = text(input.api_key);
  return {
    provider: input.provider,
    baseUrl: text(input.base_url),
    apiKeyEncrypted: apiKey === null ? null : secretBox.encrypt(apiKey),
    apiVersion: text(input.api_version),
    headers:
      input.headers === undefined || input.headers === null || Object.keys(input.headers).length === 0
        ? null
        : input.headers,
    timeoutMs: input.timeout_ms ?? null,
  };
}
