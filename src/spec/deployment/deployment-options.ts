/**
 * How a deployment is served, after Azure's deployment types. `global-standard` is Azure's default; `provisioned`
 * reserves its TPM of its primary connection's capacity; `managed` runs on this Hangar's own engine.
 */
export const DEPLOYMENT_TYPE_OPTIONS = ['global-standard', 'standard', 'provisioned', 'managed'] as const;
export type DeploymentTypeOption = (typeof DEPLOYMENT_TYPE_OPTIONS)[number];
export const DEFAULT_DEPLOYMENT_TYPE: DeploymentTypeOption = 'global-standard';

/** Azure's `versionUpgradeOption`, in kebab-case: when a deployment moves to a newer model version. */
export const VERSION_UPGRADE_OPTIONS = ['on-new-default', 'on-expiry', 'none'] as const;
export type VersionUpgradeOption = (typeof VERSION_UPGRADE_OPTIONS)[number];
export const DEFAULT_VERSION_UPGRADE: VersionUpgradeOption = 'on-new-default';

/** A backend's relative share among backends of the same priority. */
export const MINIMUM_BACKEND_WEIGHT = 1;
export const MAXIMUM_BACKEND_WEIGHT = 1000;
