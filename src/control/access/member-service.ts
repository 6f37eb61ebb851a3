import { GatewayError } from '../../spec/index.js';
import { ProjectMemberRepository, UserRepository, type ProjectRecord } from '../../store/index.js';
import { notFound, requireProject, type ControlContext } from '../control-context.js';
import { parseInput } from '../inputs.js';
import { memberInputSchema, type MemberInput } from './access-inputs.js';
import { toMemberView, type MemberView } from './access-views.js';

export interface MemberService {
  list(project: string): Promise<MemberView[]>;
  /** Adds a user to the project with a role, or changes their role. */
  set(project: string, email: string, input: MemberInput): Promise<MemberView>;
  remove(project: string, email: string): Promise<void>;
}

export function createMemberService(context: ControlContext): MemberService {
  const members = new ProjectMemberRepository(context.db);
  const users = new UserRepository(context.db);

  const requireUser = async (email: string) => {
    const user = await users.findByEmail(email);
    if (user === undefined) {
      throw notFound(`There is no user with the email '${email}'; a platform admin adds users first.`, 'email');
    }
    return user;
  };

  /** A project that had an owner keeps one, so someone can always manage its members without the operator. */
  const keepAnOwner = async (project: ProjectRecord, userId: string) => {
    const current = await members.find(project.id, userId);
    if (current?.role === 'owner' && (await members.countRole(project.id, 'owner')) === 1) {
      throw new GatewayError(
        'invalid_request',
        `This is the last owner of project '${project.name}'; make another member owner first.`,
        { param: 'role' },
      );
    }
  };

  return {
    async list(projectName) {
      const project = await requireProject(context.db, projectName);
      return (await members.listByProject(project.id)).map(toMemberView);
    },

    async set(projectName, email, input) {
      const parsed = parseInput(memberInputSchema, input);
      const project = await requireProject(context.db, projectName);
      const user = await requireUser(email);
      if (parsed.role !== 'owner') await keepAnOwner(project, user.id);
      await members.upsert({ projectId: project.id, userId: user.id, role: parsed.role, createdAt: Date.now() });
      const listed = (await members.listByProject(project.id)).find((member) => member.userId === user.id);
      if (listed === undefined) throw notFound(`User '${email}' was removed while being added.`, 'email');
      return toMemberView(listed);
    },

    async remove(projectName, email) {
      const project = await requireProject(context.db, projectName);
      const user = await requireUser(email);
      await keepAnOwner(project, user.id);
      if (!(await members.delete(project.id, user.id))) {
        throw notFound(`'${email}' is not a member of project '${project.name}'.`, 'email');
      }
    },
  };
}
