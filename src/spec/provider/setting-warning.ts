/** A request setting the backend could not honour, reported to the client in `x-hangar-warnings`. */
export interface SettingWarning {
  type: 'dropped' | 'changed';
  /** The wire name of the parameter. */
  param: string;
  detail: string;
}

export function describeWarning(warning: SettingWarning): string {
  return `${warning.type} ${warning.param}: ${warning.detail}`;
}
