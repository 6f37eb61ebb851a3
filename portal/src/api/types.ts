/** The admin API's answers the portal reads; GET /openapi.json is the full contract. */
export type ProjectRole = 'Owner' | 'Contributor' | 'Reader';

export interface Me {
  kind: 'operator' | 'user' | 'key';
  email: string | null;
  platform_admin: boolean;
  /** Roles as the API spells them (`reader`, `contributor`, `owner`); useSession().roleOn names them. */
  projects: { project: string; role: string }[];
}

export interface Session {
  token: string;
  expires_at: string;
  user: { email: string };
}

export interface Project {
  id: string;
  name: string;
  created_at: string;
}
