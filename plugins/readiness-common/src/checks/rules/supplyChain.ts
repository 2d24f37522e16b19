/** Rules of the supply-chain category: pinned images from allowed registries. */
import {
  imagePinning,
  normalizeRegistry,
  parseImageReference,
} from '../../model/images';
import {
  checkContainers,
  constantPass,
  constantSkip,
  containerFinding,
  ContainerTest,
  WorkloadRule,
} from './outcome';

const IMAGES_PINNED = constantPass(
  'Every image is pinned to a version tag or digest.',
);
const NO_ALLOWED_REGISTRIES = constantSkip(
  'No allowed registries are configured (allowedRegistries).',
);

const testImageTag: ContainerTest = (container, findings) => {
  const image = container.spec.image;
  const pinning = typeof image === 'string' ? imagePinning(image) : 'empty';
  if (pinning === 'digest' || pinning === 'tag') return;
  findings.push(
    containerFinding(
      container,
      `${container.path}.image`,
      {
        empty: 'No image is named.',
        latest: `Image ${image} uses the latest tag.`,
        untagged: `Image ${image} has no tag, which means latest.`,
      }[pinning],
    ),
  );
};

export const imageTag: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testImageTag,
    IMAGES_PINNED,
    'Some images are not pinned to a version.',
  );

const REGISTRIES_ALLOWED = constantPass(
  'Every image comes from an allowed registry.',
);

// Built once per configured list, not once per workload.
const allowedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function allowedRegistrySet(allowed: readonly string[]): ReadonlySet<string> {
  let set = allowedSets.get(allowed);
  if (!set) {
    set = new Set(allowed.map(normalizeRegistry));
    allowedSets.set(allowed, set);
  }
  return set;
}

// The allowed set of the evaluation in progress; evaluation is synchronous.
let currentAllowed: ReadonlySet<string> = new Set();

const testImageRegistry: ContainerTest = (container, findings) => {
  const image = container.spec.image;
  const reference =
    typeof image === 'string' ? parseImageReference(image) : undefined;
  if (reference && currentAllowed.has(reference.registry)) return;
  findings.push(
    containerFinding(
      container,
      `${container.path}.image`,
      reference
        ? `Registry ${reference.registry} is not allowed.`
        : 'No image is named.',
    ),
  );
};

export const imageRegistry: WorkloadRule = ({ workload, config }) => {
  const allowed = config.allowedRegistries;
  if (!allowed) return NO_ALLOWED_REGISTRIES;
  currentAllowed = allowedRegistrySet(allowed);
  return checkContainers(
    workload,
    workload.allContainers,
    testImageRegistry,
    REGISTRIES_ALLOWED,
    'Some images come from registries outside the allowed list.',
  );
};
