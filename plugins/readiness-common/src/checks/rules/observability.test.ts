import { KubeObject } from '../../types';
import { check, workload } from '../../testing/fixtures';

const unannotated = (namespace?: string) =>
  workload({
    namespace,
    podAnnotations: { 'prometheus.io/scrape': undefined },
  });

const service = (
  labels: Record<string, string>,
  selector: Record<string, string>,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', labels, ...(namespace ? { namespace } : {}) },
  spec: { selector },
});

const monitor = (
  kind: 'PodMonitor' | 'ServiceMonitor',
  spec: Record<string, unknown>,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind,
  metadata: { name: 'm', ...(namespace ? { namespace } : {}) },
  spec,
});

describe('metrics-scraped', () => {
  it('passes with the prometheus.io/scrape annotation', () => {
    expect(check('metrics-scraped', workload()).status).toBe('pass');
    expect(
      check(
        'metrics-scraped',
        workload({ podAnnotations: { 'prometheus.io/scrape': 'false' } }),
      ).status,
    ).toBe('fail');
  });

  it('passes with a PodMonitor selecting the pods in its namespace', () => {
    const selector = { matchLabels: { app: 'web' } };
    expect(
      check('metrics-scraped', unannotated(), [
        monitor('PodMonitor', { selector }),
      ]).status,
    ).toBe('pass');
    expect(
      check('metrics-scraped', unannotated('apps'), [
        monitor('PodMonitor', { selector }, 'monitoring'),
      ]).status,
    ).toBe('fail');
    expect(
      check('metrics-scraped', unannotated('apps'), [
        monitor(
          'PodMonitor',
          { selector, namespaceSelector: { matchNames: ['apps'] } },
          'monitoring',
        ),
      ]).status,
    ).toBe('pass');
    expect(
      check('metrics-scraped', unannotated('apps'), [
        monitor(
          'PodMonitor',
          { selector, namespaceSelector: { any: true } },
          'monitoring',
        ),
      ]).status,
    ).toBe('pass');
  });

  it('passes with a ServiceMonitor selecting a Service that selects the pods', () => {
    const serviceMonitor = monitor('ServiceMonitor', {
      selector: { matchLabels: { team: 'web' } },
    });
    expect(
      check('metrics-scraped', unannotated(), [
        service({ team: 'web' }, { app: 'web' }),
        serviceMonitor,
      ]).status,
    ).toBe('pass');
    expect(
      check('metrics-scraped', unannotated(), [
        service({ team: 'web' }, { app: 'other' }),
        serviceMonitor,
      ]).status,
    ).toBe('fail');
    expect(
      check('metrics-scraped', unannotated(), [
        service({ team: 'api' }, { app: 'web' }),
        serviceMonitor,
      ]).status,
    ).toBe('fail');
  });

  it('fails with nothing scraping and skips Jobs', () => {
    expect(check('metrics-scraped', unannotated()).status).toBe('fail');
    expect(
      check(
        'metrics-scraped',
        workload({
          kind: 'Job',
          podAnnotations: { 'prometheus.io/scrape': undefined },
        }),
      ).status,
    ).toBe('skip');
  });
});
