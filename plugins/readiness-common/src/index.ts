/**
 * The readiness engine shared by the backend, the CLI, the scaffolder action
 * and the UI: the check catalogue, the evaluation of Kubernetes objects and
 * catalog entities, scoring and levels, exemptions, configuration,
 * permissions and annotation names.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './annotations';
export * from './permissions';
export {
  CHECK_DEFINITIONS,
  CHECK_IDS,
  getCheckDefinition,
  isCheckId,
} from './checks/definitions';
export {
  DEFAULT_READINESS_CONFIG,
  isMatchExemption,
  parseReadinessConfig,
  ReadinessConfigError,
} from './config';
export type {
  CheckConfig,
  EntityExemptionConfig,
  ExemptionConfig,
  ExemptionMatch,
  MatchExemptionConfig,
  ParseReadinessConfigOptions,
  ReadinessConfig,
} from './config';
// Custom checks: CEL from configuration, or TypeScript from backend modules.
export { CheckCatalogue } from './checks/CheckCatalogue';
export { catalogueOf } from './customChecks/catalogueOf';
export { customCheckDefinition } from './customChecks/definition';
export type { CustomCheckSpec } from './customChecks/definition';
export type {
  CheckOutcome,
  CheckVariables,
  CustomCheckConfig,
  CustomCheckDefinition,
  PodTemplate,
  ReadinessCheck,
  RelatedObjects,
} from './customChecks/types';
export { checkReferenceUrl } from './checkReferenceUrl';
export type { PackageSource } from './checkReferenceUrl';
export { evaluateReadiness } from './engine/evaluate';
export type { EvaluationInput } from './engine/evaluate';
export {
  CHECK_STATUSES,
  emptyStatusCounts,
  isAtLeastLevel,
  ScoreAccumulator,
  scoreResults,
} from './engine/scoring';
export {
  DEFAULT_NAMESPACE,
  KINDS_LEFT_TO_CONTROLLERS,
  LONG_RUNNING_KINDS,
  REPLICATED_KINDS,
  WORKLOAD_KINDS,
  workloadKindOf,
} from './model/workloads';
export type { WorkloadKind } from './model/workloads';
export {
  imagePinning,
  normalizeRegistry,
  parseImageReference,
} from './model/images';
export type { ImagePinning, ImageReference } from './model/images';
export {
  containsPrivateKey,
  decodeBase64,
  findCredentialFormat,
  findEmbeddedSecrets,
  findSecretsInConfigValue,
  isEmbeddedFile,
  isSecretLookingValue,
  isSensitiveName,
  SECRET_KIND_LABELS,
  secretMaterial,
} from './model/sensitive';
export type {
  ConfigValueSecrets,
  CredentialFormat,
  EmbeddedSecret,
  SecretKind,
} from './model/sensitive';
export * from './manifests';
export * from './api/types';
export * from './api/campaigns';
// Entity-to-workload matching, shared with the backend so both read the
// Kubernetes annotations the same way.
export { entityLabelSelector } from './engine/entityScope';
export { selectorMatches } from './model/selectors';
export type { CompiledSelector } from './model/selectors';
export { objectNamespace } from './model/workloads';
// Platform readiness: clusters scored as services are (spec: platform-checks.md).
export type {
  ClusterSnapshot,
  PlatformReport,
  ServerVersion,
  UnreadKind,
} from './platform/types';
export {
  CLUSTER_RESOURCE_TYPE,
  clusterNameOfEntity,
  isClusterEntity,
} from './platform/clusterEntity';
export { evaluatePlatform } from './platform/evaluatePlatform';
export type { PlatformEvaluationInput } from './platform/evaluatePlatform';
export { clusterSnapshotFromObjects } from './platform/snapshot';
export type { ClusterSnapshotOptions } from './platform/snapshot';
export {
  PLATFORM_CHECK_DEFINITIONS,
  PLATFORM_CHECK_IDS,
} from './platform/catalogue';
export { PLATFORM_SNAPSHOT_KINDS } from './platform/kinds';
export type { PlatformSnapshotKind } from './platform/kinds';
export { PLATFORM_SIGNATURES } from './platform/signatures';
export { SYSTEM_NAMESPACES } from './platform/clusterIndex';
export type { PlatformSignature } from './platform/signatures';
export { KUBERNETES_RELEASES } from './platform/releases';
export type { KubernetesRelease } from './platform/releases';
export { DEFAULT_PLATFORM_CONFIG } from './platform/platformConfig';
export type { PlatformConfig } from './platform/platformConfig';
// Drift between an entity's workloads in Git and in a cluster.
export { detectDrift } from './drift/detectDrift';
export type { DriftDifference, WorkloadDrift } from './drift/types';
export { workloadDriftKey } from './drift/types';
export { quantityValue } from './drift/quantity';
