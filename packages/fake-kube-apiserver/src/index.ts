/**
 * A Kubernetes-API-compatible HTTPS server on loopback, for tests and
 * benchmarks of code that reads clusters: discovery, paged lists with label
 * and field selectors, bearer-token auth, TLS with its own CA, and fault
 * injection (error statuses, Retry-After, slow replies, dropped connections).
 *
 * @packageDocumentation
 */

export { startFakeKubeApiServer } from './server';
export type {
  FakeKubeApiServer,
  FakeKubeApiServerOptions,
  FakeKubeRequest,
  FakeKubeRequestFilter,
} from './server';
export type { FakeKubeObject } from './store';
export type { FaultHandle, FaultSpec } from './faults';
export { OPTIONAL_CRDS, RESOURCE_TYPES } from './resources';
export type {
  CrdToServe,
  CustomCrdSpec,
  OptionalCrdName,
  ResourceType,
} from './resources';
export { generateCertificates } from './certificates';
export type { FakeKubeCertificates } from './certificates';
export {
  labelMatcher,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
export type {
  FieldRequirement,
  LabelMatcher,
  LabelRequirement,
} from './selectors';
export { statusObject } from './status';
export type { KubeStatus } from './status';
export { syntheticClusterObjects, syntheticPlatformObjects } from './synthetic';
export type {
  SyntheticClusterOptions,
  SyntheticPlatformOptions,
} from './synthetic';
