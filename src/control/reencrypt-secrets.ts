import type { Kysely } from 'kysely';
import {
  BudgetRepository,
  ConnectionRepository,
  ContentFilterPolicyRepository,
  type SecretBox,
  type Tables,
} from '../store/index.js';

/**
 * Re-encrypts, with the current secret key, every stored vendor credential (budget webhook secrets and content-filter
 * policies' Azure AI Content Safety keys too) that only a previous key opens.
 * Runs at each start; after one start with both keys on every replica, the previous key can be removed.
 * Returns how many credentials it re-encrypted.
 */
export async function reencryptSecrets(db: Kysely<Tables>, secretBox: SecretBox): Promise<number> {
  const repository = new ConnectionRepository(db);
  let reencrypted = 0;
  for (const connection of await repository.list()) {
    const stored = connection.apiKeyEncrypted;
    if (stored === null || secretBox.isCurrent(stored)) continue;
    const { id, name, createdAt: _createdAt, ...changes } = connection;
    let plaintext: string;
    try {
      plaintext = secretBox.decrypt(stored);
    } catch (error) {
      // Starting with keys that open nothing must stop the start, saying which connection and what to do.
      throw new Error(`Connection '${name}': ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    await repository.update(id, { ...changes, apiKeyEncrypted: secretBox.encrypt(plaintext) });
    reencrypted += 1;
  }
  const budgets = new BudgetRepository(db);
  for (const budget of await budgets.listNamed()) {
    const stored = budget.webhookSecretEncrypted;
    if (stored === null || secretBox.isCurrent(stored)) continue;
    await budgets.setWebhookSecret(budget.id, secretBox.encrypt(secretBox.decrypt(stored)));
    reencrypted += 1;
  }
  const policies = new ContentFilterPolicyRepository(db);
  for (const policy of await policies.listAll()) {
    const stored = policy.apiKeyCiphertext;
    if (stored === null || secretBox.isCurrent(stored)) continue;
    let plaintext: string;
    try {
      plaintext = secretBox.decrypt(stored);
    } catch (error) {
      throw new Error(
        `Content-filter policy '${policy.name}': ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    await policies.setApiKeyCiphertext(policy.id, secretBox.encrypt(plaintext));
    reencrypted += 1;
  }
  return reencrypted;
}
