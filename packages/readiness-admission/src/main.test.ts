import { readSettings } from './main';

describe('readSettings', () => {
  it('takes the defaults the manifests rely on', () => {
    expect(readSettings([], {})).toEqual({
      configFile: undefined,
      certFile: '/tls/tls.crt',
      keyFile: '/tls/tls.key',
      port: 8443,
      budgetMs: 2000,
      onTimeout: 'allow',
      workers: 2,
      kubeconfig: undefined,
    });
  });

  it('prefers flags to the environment', () => {
    const settings = readSettings(
      ['--budget-ms=500', '--on-timeout', 'deny', '--config', 'flag.yaml'],
      {
        READINESS_ADMISSION_BUDGET_MS: '900',
        READINESS_ADMISSION_CONFIG: 'env.yaml',
        READINESS_ADMISSION_WORKERS: '4',
      },
    );
    expect(settings).toMatchObject({
      budgetMs: 500,
      onTimeout: 'deny',
      configFile: 'flag.yaml',
      workers: 4,
    });
  });

  it('rejects what it cannot use', () => {
    expect(() => readSettings(['--on-timeout=maybe'], {})).toThrow(
      '--on-timeout must be allow or deny, not maybe',
    );
    expect(() => readSettings(['--budget-ms=0'], {})).toThrow(
      '--budget-ms must be a positive integer, not 0',
    );
    expect(() => readSettings(['--budget'], {})).toThrow();
  });
});
