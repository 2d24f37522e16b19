import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Gate a new service on the silver level over its Kubernetes manifests and catalog entity',
    example: yaml.stringify({
      steps: [
        {
          id: 'readiness',
          action: 'readiness:check',
          name: 'Check production readiness',
          input: {
            paths: ['./kubernetes'],
            entityPath: './catalog-info.yaml',
            minLevel: 'silver',
          },
        },
      ],
    }),
  },
  {
    description: 'Require gold and a perfect score from a golden-path template',
    example: yaml.stringify({
      steps: [
        {
          id: 'readiness',
          action: 'readiness:check',
          name: 'Check production readiness',
          input: { minLevel: 'gold', minScore: 100 },
        },
      ],
    }),
  },
];
