import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the workspace to <scaffolder.localPublish.directory>/acme/web instead of pushing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:local',
          name: 'Write to the local folder',
          input: { repoUrl: 'github.com?owner=acme&repo=web' },
        },
      ],
    }),
  },
  {
    description:
      'Publish locally or to GitHub depending on a parameter, with the same repository location',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-github',
          if: "${{ parameters.publishTo === 'github' }}",
          action: 'publish:github',
          input: { repoUrl: '${{ parameters.repoUrl }}' },
        },
        {
          id: 'publish-local',
          if: "${{ parameters.publishTo === 'local' }}",
          action: 'publish:local',
          input: { repoUrl: '${{ parameters.repoUrl }}' },
        },
      ],
    }),
  },
];
