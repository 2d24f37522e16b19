/** Rules of the supply-chain category: pinned images from allowed registries. */
import {
  imageMatchesEntry,
  imagePinning,
  parseImageReference,
  parseRegistryEntry,
  RegistryEntry,
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
  'Every image comes from an allowed registry or path.',
);

// Built once per configured list, not once per workload.
const allowedEntries = new WeakMap<readonly string[], RegistryEntry[]>();

function allowedRegistryEntries(allowed: readonly string[]): RegistryEntry[] {
  let entries = allowedEntries.get(allowed);
  if (!entries) {
    entries = allowed
      .filter(entry => typeof entry === 'string' && entry.trim())
      .map(parseRegistryEntry);
    allowedEntries.set(allowed, entries);
  }
  return entries;
}

// The allowed entries of the evaluation in progress; evaluation is synchronous.
let currentAllowed: readonly RegistryEntry[] = [];

const testImageRegistry: ContainerTest = (container, findings) => {
  const image = container.spec.image;
  const reference =
    typeof image === 'string' ? parseImageReference(image) : undefined;
  if (
    reference &&
    currentAllowed.some(entry => imageMatchesEntry(reference, entry))
  ) {
    return;
  }
  findings.push(
    containerFinding(
      container,
      `${container.path}.image`,
      reference
        ? `Image ${reference.registry}/${reference.repository} is not under an allowed registry or path.`
        : 'No image is named.',
    ),
  );
};

export const imageRegistry: WorkloadRule = ({ workload, config }) => {
  const allowed = config.allowedRegistries;
  if (!allowed) return NO_ALLOWED_REGISTRIES;
  currentAllowed = allowedRegistryEntries(allowed);
  return checkContainers(
    workload,
    workload.allContainers,
    testImageRegistry,
    REGISTRIES_ALLOWED,
    'Some images come from registries or paths outside the allowed list.',
  );
};
