/**
 * A throw-away certificate authority and a server certificate it signs, so
 * clients verify the fake server the way they verify a real one: with the
 * cluster's CA bundle, never by turning verification off.
 */
import { generate } from 'selfsigned';

/** PEM material of one server. @public */
export interface FakeKubeCertificates {
  /** The CA certificate clients trust (PEM). */
  caPem: string;
  /** The server certificate, signed by the CA, for 127.0.0.1 and localhost. */
  certPem: string;
  /** The server certificate's private key (PEM). */
  keyPem: string;
}

const HOUR = 60 * 60 * 1000;

/**
 * Generates a CA and a server certificate for 127.0.0.1, ::1 and localhost.
 * EC keys keep this to a few milliseconds.
 * @public
 */
export async function generateCertificates(
  commonName: string = 'fake-kube-apiserver',
): Promise<FakeKubeCertificates> {
  // Allow for clock skew between the generator and the client.
  const notBeforeDate = new Date(Date.now() - HOUR);
  const notAfterDate = new Date(Date.now() + 7 * 24 * HOUR);
  const ca = await generate(
    [{ name: 'commonName', value: `${commonName}-ca` }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          keyCertSign: true,
          cRLSign: true,
          digitalSignature: true,
          critical: true,
        },
      ],
    },
  );
  const server = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
