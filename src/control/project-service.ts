import { ProjectRepository } from '../store/index.js';
import { alreadyExists, insertUnique, notFound, type ControlContext } from './control-context.js';
import { parseInput, projectInputSchema, type ProjectInput } from './inputs.js';
import { createKeyPair } from './key-service.js';
import { newId } from './new-id.js';
import { toProjectView, type ProjectView } from './views.js';

/** A project just created, with the secrets of its key1 and key2, shown this once. */
export type CreatedProject = ProjectView & { keys: Record<string, string> };

export interface ProjectService {
  /** Creates the project with its two rotating keys, key1 and key2. */
  create(input: ProjectInput): Promise<CreatedProject>;
  list(): Promise<ProjectView[]>;
  /** Removes the project with its keys and deployments. */
  remove(name: string): Promise<void>;
}

export function createProjectService(context: ControlContext): ProjectService {
  return {
    async create(input) {
      const parsed = parseInput(projectInputSchema, input);
      const repository = new ProjectRepository(context.db);
      const exists = () => alreadyExists(`Project '${parsed.name}' already exists; pick another name.`);
      if ((await repository.findByName(parsed.name)) !== undefined) throw exists();
      const record = { id: newId('prj'), name: parsed.name, createdAt: Date.now() };
      await insertUnique(() => repository.insert(record), exists);
      const keys = await createKeyPair(context.db, record);
      await context.reload();
      return { ...toProjectView(record), keys };
    },

    async list() {
      return (await new ProjectRepository(context.db).list()).map(toProjectView);
    },

    async remove(name) {
      const removed = await new ProjectRepository(context.db).deleteByName(name);
      if (!removed) throw notFound(`Project '${name}' does not exist.`);
      await context.reload();
    },
  };
}
