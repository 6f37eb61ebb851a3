import { nullableText, text, time, type Operations, type Schema } from './openapi-parts.js';

const role = { enum: ['reader', 'contributor', 'owner'] };
const email = { type: 'string', format: 'email' };
const password = { type: 'string', minLength: 12, maxLength: 1024, writeOnly: true };

/** Schemas of sign-in, users and project members. */
export const ACCESS_SCHEMAS: Record<string, Schema> = {
  Deleted: {
    type: 'object',
    required: ['object', 'deleted'],
    description: 'What a removal answers: the kind of object and the names that identified it.',
    properties: { object: text, project: text, name: text, model: text, email: text, deleted: { const: true } },
  },
  SignInInput: {
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email, password: { type: 'string', writeOnly: true } },
  },
  Session: {
    type: 'object',
    required: ['token', 'expires_at', 'user'],
    properties: { token: text, expires_at: time, user: { $ref: '#/components/schemas/User' } },
  },
  SignedOut: { type: 'object', properties: { object: { const: 'session' }, signed_out: { const: true } } },
  Me: {
    type: 'object',
    required: ['kind', 'platform_admin', 'projects'],
    properties: {
      object: { const: 'principal' },
      kind: { enum: ['operator', 'user', 'key'] },
      email: nullableText,
      key: nullableText,
      platform_admin: { type: 'boolean' },
      projects: {
        type: 'array',
        items: { type: 'object', required: ['project', 'role'], properties: { project: text, role } },
      },
    },
  },
  PasswordChange: {
    type: 'object',
    required: ['current_password', 'new_password'],
    additionalProperties: false,
    properties: { current_password: { type: 'string', writeOnly: true }, new_password: password },
  },
  UserInput: {
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email, password, name: nullableText, platform_admin: { type: 'boolean', default: false } },
  },
  UserUpdate: {
    type: 'object',
    additionalProperties: false,
    properties: {
      password,
      name: nullableText,
      platform_admin: { type: 'boolean' },
      disabled: { type: 'boolean', description: 'A disabled user cannot sign in; their sessions end.' },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'email', 'platform_admin', 'disabled', 'created_at'],
    properties: {
      id: text,
      email: text,
      name: nullableText,
      platform_admin: { type: 'boolean' },
      disabled: { type: 'boolean' },
      created_at: time,
    },
  },
  MemberInput: { type: 'object', required: ['role'], additionalProperties: false, properties: { role } },
  Member: {
    type: 'object',
    required: ['project', 'email', 'role', 'added_at'],
    properties: { project: text, email: text, name: nullableText, role, added_at: time },
  },
};

/** Sign-in, who-am-I, users (platform admins) and members (project owners). */
export const ACCESS_OPERATIONS: Operations = {
  '/admin/sessions': {
    post: {
      access: 'public',
      summary: 'Sign in with email and password; the answer holds a session token',
      body: 'SignInInput',
      responses: { '201': 'Session' },
    },
  },
  '/admin/sessions/current': {
    delete: { access: 'person', summary: 'Sign out: the token stops working', responses: { '200': 'SignedOut' } },
  },
  '/admin/me': {
    get: { access: 'signed-in', summary: 'Who is calling, and their role on each project', responses: { '200': 'Me' } },
  },
  '/admin/me/password': {
    put: {
      access: 'person',
      summary: 'Change your own password; your other sessions end',
      body: 'PasswordChange',
      responses: { '200': 'User' },
    },
  },
  '/admin/users': {
    get: { access: 'platform-admin', summary: 'List users', responses: { '200': 'list:User' } },
    post: { access: 'platform-admin', summary: 'Add a user', body: 'UserInput', responses: { '201': 'User' } },
  },
  '/admin/users/{email}': {
    patch: {
      access: 'platform-admin',
      summary: 'Reset a password, disable, or make a platform admin',
      body: 'UserUpdate',
      responses: { '200': 'User' },
    },
    delete: {
      access: 'platform-admin',
      summary: 'Remove a user and their memberships',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects/{project}/members': {
    get: {
      access: { project: 'reader' },
      summary: "A project's members and roles",
      responses: { '200': 'list:Member' },
    },
  },
  '/admin/projects/{project}/members/{email}': {
    put: {
      access: { project: 'owner' },
      summary: 'Add a user to the project, or change their role',
      body: 'MemberInput',
      responses: { '200': 'Member' },
    },
    delete: { access: { project: 'owner' }, summary: 'Remove a member', responses: { '200': 'Deleted' } },
  },
};
