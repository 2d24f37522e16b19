import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { KUBERNETES_MAPPING_ANNOTATIONS } from '@prodready/backstage-plugin-readiness-common';

const EXAMPLE = `metadata:
  annotations:
    # the workloads carry the label backstage.io/kubernetes-id: <this value>
    backstage.io/kubernetes-id: my-service
`;

/**
 * The entity has a scorecard, but no annotation links it to workloads:
 * only its catalog-level checks ran. Says how to fix that.
 */
export function MissingWorkloadsNotice() {
  return (
    <Alert severity="info">
      <AlertTitle>No Kubernetes workloads are linked to this entity</AlertTitle>
      Only the operations checks (owner, runbook, on-call, dashboard, docs,
      source) were scored. Add one of the annotations{' '}
      {KUBERNETES_MAPPING_ANNOTATIONS.map((name, index) => (
        <span key={name}>
          {index > 0 &&
            (index === KUBERNETES_MAPPING_ANNOTATIONS.length - 1
              ? ' or '
              : ', ')}
          <code>{name}</code>
        </span>
      ))}{' '}
      to the entity so that its probes, resources, security and the rest are
      scored too.
      <Box mt={1}>
        <CodeSnippet text={EXAMPLE} language="yaml" />
      </Box>
    </Alert>
  );
}
