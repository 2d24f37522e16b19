/**
 * An example of a readiness check written in TypeScript: what CEL cannot
 * say easily (here, comparing two memory quantities) a backend module can
 * add through `readinessChecksExtensionPoint`. Its results go where the
 * built-in ones go: the entity tab, the overview, `GET /checks`.
 */
import {
  customCheckDefinition,
  ReadinessCheck,
} from '@prodready/backstage-plugin-readiness-common';
import { memoryBytes } from './memoryQuantity';

/** How far a container's memory limit may exceed what it requests. */
export const MAX_MEMORY_BURST_RATIO = 2;

/**
 * A container whose memory limit is far above its request is scheduled on
 * what it requests but may use much more; when the node runs short, the
 * kernel kills the containers furthest above their requests first.
 */
export const memoryBurstRatioCheck: ReadinessCheck = {
  definition: customCheckDefinition({
    id: 'memory-burst-ratio',
    title: `Memory limit at most ${MAX_MEMORY_BURST_RATIO}× the request`,
    category: 'resources',
    severity: 'low',
    scope: 'container',
    rationale:
      'The scheduler places a pod by what it requests. A container allowed ' +
      'to use far more memory than it requested is the first one killed ' +
      'when its node runs short, and takes its neighbours down with it.',
    remediation:
      'Raise `resources.requests.memory` to what the container uses under ' +
      `normal load, and keep \`resources.limits.memory\` within ${MAX_MEMORY_BURST_RATIO}× of it.`,
  }),
  evaluate({ container }) {
    const resources = container?.resources ?? {};
    const request = resources.requests?.memory;
    const limit = resources.limits?.memory;
    // memory-requests and memory-limits already fail a missing value.
    if (request === undefined || limit === undefined) {
      return {
        status: 'skip',
        message: 'No memory request and limit to compare.',
      };
    }
    // A value that is not a quantity throws: an `error` result saying so.
    const ratio = memoryBytes(limit) / memoryBytes(request);
    if (ratio <= MAX_MEMORY_BURST_RATIO) {
      return {
        status: 'pass',
        message: `The memory limit (${limit}) is within ${MAX_MEMORY_BURST_RATIO}× the request (${request}).`,
      };
    }
    return {
      status: 'fail',
      message: `The memory limit (${limit}) is ${ratio.toFixed(
        1,
      )}× the request (${request}), more than ${MAX_MEMORY_BURST_RATIO}×.`,
      findings: [
        {
          path: 'resources.limits.memory',
          message: `At most ${MAX_MEMORY_BURST_RATIO}× resources.requests.memory (${request}).`,
        },
      ],
    };
  },
};
