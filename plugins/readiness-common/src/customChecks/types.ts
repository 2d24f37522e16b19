/**
 * The shapes of custom checks: the checks a platform team adds to the
 * built-in catalogue, as CEL rules in configuration or as TypeScript in a
 * backend module. Both implement {@link ReadinessCheck}, so the engine runs
 * them the same way.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  CheckDefinition,
  CheckScope,
  Finding,
  KubeObject,
  Severity,
} from '../types';

/**
 * The objects the engine relates to a workload, as read.
 * @public
 */
export interface RelatedObjects {
  /** Services in the workload's namespace whose selector matches its pods. */
  services: KubeObject[];
  /** PodDisruptionBudgets that select its pods. */
  pdbs: KubeObject[];
  /** HorizontalPodAutoscalers whose `scaleTargetRef` names it. */
  hpas: KubeObject[];
  /** NetworkPolicies that select its pods. */
  networkPolicies: KubeObject[];
  /** Ingresses that route to one of its Services. */
  ingresses: KubeObject[];
  /** ServiceMonitors that select one of its Services. */
  serviceMonitors: KubeObject[];
  /** PodMonitors that select its pods. */
  podMonitors: KubeObject[];
  /** ConfigMaps its pod template references (env, envFrom, volumes). */
  configMaps: KubeObject[];
  /** The ServiceAccount its pods run as, when it is among the inputs. */
  serviceAccount: KubeObject | null;
}

/**
 * The pod template of a workload, wherever its kind keeps it.
 * @public
 */
export interface PodTemplate {
  /** The pods' labels and annotations. */
  metadata?: Record<string, any>;
  /** The pod spec: containers, volumes, security context, ... */
  spec?: Record<string, any>;
  /** Anything else the manifest holds (a Pod is its own template). */
  [key: string]: unknown;
}

/**
 * What a check sees. Which variables are set depends on the check's scope:
 *
 * | variable | scopes |
 * |---|---|
 * | `object`, `namespaceObject` | workload, container, object |
 * | `podTemplate`, `podSpec`, `related` | workload, container |
 * | `container` | container |
 * | `objects`, `cluster` | cluster |
 * | `entity`, `now` | all |
 *
 * The engine may compute variables on first read, so read them as
 * properties rather than copying the object with a spread.
 * @public
 */
export interface CheckVariables {
  /** The workload or object as read. */
  readonly object?: KubeObject;
  /** The workload's pod template (`metadata`, `spec`). */
  readonly podTemplate?: PodTemplate;
  /** `podTemplate.spec`. */
  readonly podSpec?: Record<string, any>;
  /** The container being checked (containers, init containers, native sidecars). */
  readonly container?: Record<string, any>;
  /** The objects the engine related to the workload. */
  readonly related?: RelatedObjects;
  /**
   * The object's Namespace when it is among the inputs, else
   * `{ metadata: { name } }`. Not `namespace`: CEL reserves that word.
   */
  readonly namespaceObject?: KubeObject;
  /**
   * Every object read from the cluster, by kind (`objects.Namespace`,
   * `objects.CustomResourceDefinition`); a kind with no object is absent.
   */
  readonly objects?: Readonly<Record<string, readonly KubeObject[]>>;
  /** The cluster: its name and its `major.minor` version, e.g. `1.31` (empty when unknown). */
  readonly cluster?: { readonly name: string; readonly version: string };
  /** The catalog entity, or null when there is none (the CLI without an entity). */
  readonly entity: Entity | null;
  /** The evaluation time. */
  readonly now: Date;
}

/**
 * The verdict of a custom check on one subject. In container scope, the
 * engine calls the check once per container and names the failing
 * containers in findings; paths of findings the check returns are then
 * relative to the container (e.g. `image`).
 * @public
 */
export interface CheckOutcome {
  /** `error` when the check could not judge this subject; the message says why. */
  status: 'pass' | 'fail' | 'skip' | 'error';
  /** One sentence for the people who read the report. */
  message: string;
  /** Where it failed: field paths and messages, never secret values. */
  findings?: Finding[];
}

/**
 * The definition of a custom check: a {@link CheckDefinition} that always
 * says what it runs on.
 * @public
 */
export interface CustomCheckDefinition extends CheckDefinition {
  /** Always `custom`. */
  origin: 'custom';
  /** What the check runs on. */
  scope: CheckScope;
}

/**
 * A check the engine runs besides the built-in ones: a CEL check from
 * configuration, or one a backend module writes in TypeScript. Results go
 * through the same severity overrides, `enabled: false`, exemptions,
 * scoring and levels as built-in results.
 * @public
 */
export interface ReadinessCheck {
  /** Its id, title, category, severity, scope and kinds; see `customCheckDefinition`. */
  readonly definition: CustomCheckDefinition;
  /**
   * Judges one subject. May throw: the engine turns an exception into an
   * `error` result for this subject only.
   */
  evaluate(variables: CheckVariables): CheckOutcome;
}

/**
 * A custom check as written in configuration (`customChecks` in the CLI's
 * config file, `readiness.customChecks` in app-config), after validation.
 * @public
 */
export interface CustomCheckConfig {
  /** Lower-kebab-case, unique, not a built-in id. */
  id: string;
  /** What the check asks for, as a statement; the message of a pass. */
  title: string;
  /** A built-in category, or a new lower-kebab-case one. */
  category: string;
  /** Default severity; `checks.<id>.severity` overrides it. */
  severity: Severity;
  /** What the rule runs on. */
  scope: CheckScope;
  /** Required for `object`; for workload and container, default every workload kind. */
  kinds?: string[];
  /** CEL; false skips the check, saying so. */
  when?: string;
  /** CEL; true passes, false fails. */
  rule: string;
  /** Shown on failure. */
  message: string;
  /** CEL giving the failure message; `message` is the fallback. */
  messageExpression?: string;
  /** Markdown, shown with the failure. */
  remediation?: string;
  /** The team's own documentation of the check. */
  docsUrl?: string;
}
