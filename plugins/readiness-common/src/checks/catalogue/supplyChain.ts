import { define } from './define';

/** Supply chain: is it clear which code runs, and where it came from? */
export const SUPPLY_CHAIN_CHECKS = [
  define({
    id: 'image-tag',
    category: 'supply-chain',
    severity: 'high',
    target: 'workload',
    title: 'Images are pinned to a version',
    rationale:
      'An image without a tag, or tagged latest, can change under a running service: the next pod restart pulls different code than what was tested. Rollbacks cannot return to a known version and incidents cannot say what was running.',
    remediation:
      'Reference every image by an explicit version tag, or better by digest (@sha256:...).',
    remediationSnippet: `image: registry.example.com/web:1.4.2
# or, immutable:
# image: registry.example.com/web@sha256:<digest>`,
  }),
  define({
    id: 'image-registry',
    category: 'supply-chain',
    severity: 'high',
    target: 'workload',
    title: 'Images come from an allowed registry',
    rationale:
      'Registries the organisation controls are where images are scanned, signed and kept available. Images pulled from elsewhere bypass those controls and may vanish or change when a third party decides.',
    remediation:
      'Pull images from a registry listed in readiness.allowedRegistries; mirror third-party images there first. An entry is a registry host (ghcr.io, registry.example.com:5000) or a host and path prefix matched on whole path segments (ghcr.io/acme allows ghcr.io/acme/web, not ghcr.io/acmecorp/web); Docker Hub images count as docker.io/library/... for official images.',
    remediationSnippet: `image: registry.example.com/mirror/nginx:1.27.0`,
  }),
];
