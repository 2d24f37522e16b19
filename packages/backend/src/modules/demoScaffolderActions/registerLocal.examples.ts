import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info.yaml that publish:local wrote, and wait until the catalog has it',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'catalog:register:local',
          name: 'Register in the catalog',
          input: {
            repoContentsUrl:
              "${{ steps['publish-local'].output.repoContentsUrl }}",
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
