/**
 * The checks of one configuration: the built-in catalogue, then the custom
 * checks in the order they were given. Everything that lists, looks up or
 * validates check ids goes through one of these once custom checks may
 * exist; `CHECK_DEFINITIONS` stays the built-ins alone.
 */
import { CHECK_CATEGORY_TITLES } from '../api/types';
import type { ReadinessCheck } from '../customChecks/types';
import { CheckDefinition } from '../types';
import { PLATFORM_CHECK_DEFINITIONS } from '../platform/catalogue';
import { CHECK_DEFINITIONS } from './definitions';

/**
 * The checks of a configuration, in report order: built-in checks, then
 * custom ones. Get it from a parsed configuration (`config.catalogue`, or
 * `catalogueOf(config)` for a copy) or use {@link CheckCatalogue.builtIn}.
 *
 * Its compiled checks are held in private fields, so a `structuredClone`
 * of a configuration copies the definitions and never fails on code.
 * @public
 */
export class CheckCatalogue {
  /** The built-in checks alone. */
  static readonly builtIn: CheckCatalogue = new CheckCatalogue([]);

  /** Every definition, built-in first, then custom in configuration order. */
  readonly definitions: readonly CheckDefinition[];
  /** Every id, in the order of {@link CheckCatalogue.definitions}. */
  readonly ids: readonly string[];
  /**
   * The checks a cluster is scored on: the built-in platform checks, then
   * the custom checks of scope `cluster` (which are also in
   * {@link CheckCatalogue.definitions}).
   */
  readonly platformDefinitions: readonly CheckDefinition[];
  /** Every id, in the order of {@link CheckCatalogue.platformDefinitions}. */
  readonly platformIds: readonly string[];
  /**
   * Every check, for listings such as `GET /checks`: the built-in workload
   * checks, the built-in platform checks, then the custom checks.
   */
  readonly allDefinitions: readonly CheckDefinition[];
  readonly #customChecks: readonly ReadinessCheck[];
  readonly #byId: ReadonlyMap<string, CheckDefinition>;

  /**
   * Builds a catalogue of the built-ins and these custom checks, whose ids
   * must already be validated (unique, not built-in), as
   * `parseReadinessConfig` does.
   */
  constructor(customChecks: readonly ReadinessCheck[]) {
    this.#customChecks = Object.freeze([...customChecks]);
    this.definitions = Object.freeze([
      ...CHECK_DEFINITIONS,
      ...customChecks.map(check => check.definition),
    ]);
    this.ids = Object.freeze(this.definitions.map(definition => definition.id));
    this.platformDefinitions = Object.freeze([
      ...PLATFORM_CHECK_DEFINITIONS,
      ...customChecks
        .map(check => check.definition)
        .filter(definition => definition.scope === 'cluster'),
    ]);
    this.platformIds = Object.freeze(
      this.platformDefinitions.map(definition => definition.id),
    );
    this.allDefinitions = Object.freeze([
      ...CHECK_DEFINITIONS,
      ...PLATFORM_CHECK_DEFINITIONS,
      ...customChecks.map(check => check.definition),
    ]);
    this.#byId = new Map(
      this.allDefinitions.map(definition => [definition.id, definition]),
    );
  }

  /** The custom checks, in configuration order (module checks last). */
  get customChecks(): readonly ReadinessCheck[] {
    return this.#customChecks;
  }

  /** The definition of a check (workload or platform), or undefined for an unknown id. */
  get(id: string): CheckDefinition | undefined {
    return this.#byId.get(id);
  }

  /** True when the id names a check of this catalogue, workload or platform. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * Categories in display order: the built-in ones, then the new
   * categories of custom checks in the order they first appear.
   */
  get categories(): string[] {
    const categories = Object.keys(CHECK_CATEGORY_TITLES);
    for (const check of this.#customChecks) {
      const category = check.definition.category;
      if (!categories.includes(category)) categories.push(category);
    }
    return categories;
  }
}
