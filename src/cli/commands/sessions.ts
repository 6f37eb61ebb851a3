import { SIGN_IN_PATH } from '../admin-client.js';
import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, text, type Command } from '../command.js';
import { readPassword } from '../read-password.js';

export const login: Command = {
  usage: 'login --email EMAIL [--password-stdin]',
  summary: 'Sign in and print a session token to use as HANGAR_TOKEN',
  options: [...CLIENT_OPTIONS, 'email', 'password-stdin'],
  async run(context) {
    const email = context.values.email;
    if (email === undefined || email === '') throw usageError('--email is required');
    const password = await readPassword(context.values, context.io);
    const session = await context.client().send('POST', SIGN_IN_PATH, { email, password });
    return output(context, session, () => {
      const answer = asObject(session);
      return (
        `${text(answer, 'token') ?? ''}\n` +
        `Signed in as ${email} until ${text(answer, 'expires_at') ?? '?'}. ` +
        'Use it with `export HANGAR_TOKEN=<token>`; `hangar logout` ends it.\n'
      );
    });
  },
};

export const logout: Command = {
  usage: 'logout',
  summary: 'End the session in HANGAR_TOKEN (or --admin-key)',
  options: CLIENT_OPTIONS,
  async run(context) {
    const answer = await context.client().send('DELETE', '/admin/sessions/current');
    return output(context, answer, () => 'Signed out; the token no longer works.\n');
  },
};

export const whoami: Command = {
  usage: 'whoami',
  summary: 'Who the credential belongs to, and its role on each project',
  options: CLIENT_OPTIONS,
  async run(context) {
    const answer = await context.client().send('GET', '/admin/me');
    return output(context, answer, () => {
      const me = asObject(answer);
      const who = text(me, 'email') ?? (text(me, 'key') === null ? 'the admin key' : `key ${text(me, 'key') ?? ''}`);
      const roles = listItems({ data: me.projects ?? [] })
        .map((item) => `  ${text(item, 'project') ?? ''}: ${text(item, 'role') ?? ''}`)
        .join('\n');
      return `${who}${me.platform_admin === true ? ' (platform admin)' : ''}\n` + (roles === '' ? '' : `${roles}\n`);
    });
  },
};
