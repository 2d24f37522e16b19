import { assertValidClusterConnection } from './clusters';

// The shape of a PEM bundle, base64 encoded as `caData` holds it.
const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

describe('assertValidClusterConnection', () => {
  const valid = {
    name: 'prod-eu',
    url: 'https://127.0.0.1:6443',
    caData: CA_DATA,
    token: 'secret-token',
  };

  it('accepts an https cluster with a token and a CA', () => {
    expect(() => assertValidClusterConnection(valid)).not.toThrow();
    expect(() =>
      assertValidClusterConnection({ ...valid, caData: undefined }),
    ).not.toThrow();
  });

  it('names the cluster and the problem', () => {
    expect(() =>
      assertValidClusterConnection({ ...valid, name: 'prod eu' }),
    ).toThrow(/"prod eu".*letters, digits/);
    expect(() =>
      assertValidClusterConnection({ ...valid, url: 'not a url' }),
    ).toThrow(
      `Invalid readiness cluster "prod-eu": url "not a url" is not a URL`,
    );
    expect(() =>
      assertValidClusterConnection({ ...valid, token: ' ' }),
    ).toThrow('Invalid readiness cluster "prod-eu": it has no token');
    expect(() =>
      assertValidClusterConnection({ ...valid, caData: 'LS0tLS1CRUdJTg==' }),
    ).toThrow(/caData is not the base64 encoding of a PEM/);
  });

  it('refuses plain http unless TLS verification is off', () => {
    const http = { ...valid, url: 'http://127.0.0.1:8080' };
    expect(() => assertValidClusterConnection(http)).toThrow(/must be https/);
    expect(() =>
      assertValidClusterConnection({ ...http, skipTLSVerify: true }),
    ).not.toThrow();
  });
});
