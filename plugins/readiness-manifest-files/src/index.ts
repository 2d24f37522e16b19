/**
 * Reading Kubernetes manifest files and folders from disk, with errors that
 * name the file: shared by the readiness CLI, backend and scaffolder action.
 * Node.js only, with no Backstage backend dependency, so the CLI installs
 * small.
 *
 * @packageDocumentation
 */

export * from './manifestFiles';
