/**
 * Evaluates YAML manifests written the way teams write them, so tests read
 * like the inputs users have. Test support only; not exported.
 */
import { parseAllDocuments } from 'yaml';
import { ReadinessConfig, parseReadinessConfig } from '../config';
import { evaluateReadiness, EvaluationInput } from '../engine/evaluate';
import {
  CheckResult,
  KubeObject,
  ObjectReport,
  ReadinessReport,
  SourcedObject,
  WorkloadReport,
} from '../types';
import { NOW } from './fixtures';

/** The objects of a multi-document YAML text, each with its file and line. */
export function readYaml(
  text: string,
  file = 'manifests.yaml',
): SourcedObject[] {
  const objects: SourcedObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (!('contents' in document) || !document.contents) continue;
    const offset = document.contents.range?.[0] ?? 0;
    const line = text.slice(0, offset).split('\n').length;
    objects.push({ object: document.toJS() as KubeObject, file, line });
  }
  return objects;
}

/** Evaluates YAML texts, keyed by file name. */
export function evaluateYaml(
  files: Record<string, string>,
  options: Omit<EvaluationInput, 'objects' | 'config'> & {
    config?: unknown;
  } = {},
): ReadinessReport {
  const config: ReadinessConfig = parseReadinessConfig(options.config);
  const objects = Object.entries(files).flatMap(([file, text]) =>
    readYaml(text, file),
  );
  return evaluateReadiness({ now: NOW, ...options, config, objects });
}

/** A workload's report by kind and name. */
export function workloadReport(
  report: ReadinessReport,
  kind: string,
  name: string,
): WorkloadReport {
  const found = report.workloads.find(w => w.kind === kind && w.name === name);
  if (!found) {
    const present = report.workloads.map(w => `${w.kind}/${w.name}`);
    throw new Error(`no ${kind}/${name} among ${present.join(', ')}`);
  }
  return found;
}

/** One check's result on a report subject. */
export function resultOf(
  subject: WorkloadReport | ObjectReport,
  checkId: string,
): CheckResult {
  const found = subject.results.find(r => r.check === checkId);
  if (!found) throw new Error(`no result for ${checkId}`);
  return found;
}

/** Status of every check of a subject, by id. */
export function statuses(
  subject: WorkloadReport | ObjectReport,
): Record<string, string> {
  return Object.fromEntries(subject.results.map(r => [r.check, r.status]));
}

/**
 * A production-shaped Deployment `web` in namespace `shop` (pods labelled
 * `app: web`) that passes every container and pod check on its own.
 */
export const WEB_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
      annotations:
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      priorityClassName: production
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: web
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: ghcr.io/acme/web:2.3.1
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /healthz, port: http }
          resources:
            requests: { cpu: 100m, memory: 256Mi }
            limits: { cpu: "1", memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`;
