/**
 * `readiness`: production-readiness checks for Kubernetes manifests, as a
 * CI gate.
 *
 * @packageDocumentation
 */

export { main, run } from './main';
export type { CliIo, OutputStream } from './io';
