import { ProjectRepository } from '../store/index.js';
import { alreadyExists, insertUnique, notFound, type ControlContext } from './control-context.js';
import { parseInput, projectInputSchema, type ProjectInput } from './inputs.js';
import { newId } from './new-id.js';
import { toProjectView, type ProjectView } from './views.js';

export interface ProjectService {
  create(input: ProjectInput): Promise<ProjectView>;
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
      await context.reload();
      return toProjectView(record);
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
