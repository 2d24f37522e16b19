/**
 * The plugin's actions in Backstage's actions registry, which the MCP
 * actions backend offers to AI clients as tools and other plugins call
 * through the actions service. Each checks what the matching route checks.
 */
import { registerEntityActions, EntityActionsOptions } from './entityActions';
import { registerEvaluateManifestsAction } from './evaluateManifestsAction';
import { registerExplainCheckAction } from './explainCheckAction';
import { EvaluatePool } from '../service/EvaluatePool';

export function registerReadinessActions(
  options: EntityActionsOptions & {
    evaluate: { pool: Pick<EvaluatePool, 'run'>; maxBytes: number };
  },
) {
  registerEntityActions(options);
  registerEvaluateManifestsAction({
    registry: options.registry,
    ...options.evaluate,
  });
  registerExplainCheckAction(options);
}
