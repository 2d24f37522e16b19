import {
  containsPrivateKey,
  findCredentialFormat,
  findEmbeddedSecrets,
  findSecretsInConfigValue,
  isEmbeddedFile,
  isSecretLookingValue,
  isSensitiveName,
  nameWords,
  secretMaterial,
} from './sensitive';

// Made-up credentials in the real shapes; none of them was ever valid.
const GITHUB_TOKEN = `ghp_${'R8kq2LmZ0tW4vXy7Pn3Hs9DfGb1Jc6Ae5Uo2'}`;
const FINE_GRAINED_PAT = `github_pat_11ABCDEFG0${'q'.repeat(20)}_${'Z9'.repeat(
  20,
)}`;
const GITLAB_TOKEN = 'glpat-x3Yq9sL2mN8vB4cK7pR1';
const SLACK_TOKEN = 'xoxb-2048163859-4096327718-Qm7Rt2Wx9Lp4Ks8Vn3Bc6Hd1';
const STRIPE_KEY = 'sk_live_51Hx2Lm9Qp4Rs7Tu0Vw3Xy6Za8Bc1De';
const GOOGLE_KEY = 'AIzaSyD-3kq9Lm2Wx8Rt4Vn7Bc1Hd6Js0Pf5Gqx';
const JWT_VALUE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaS1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW5vdC1yZWFs';
const PEM = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');
const GENERATED_32 = 'q7Vt2Lx9Rk4Wm8Zp3Hs6Bn1Yc5Dj0Fg2';

describe('nameWords', () => {
  it.each([
    ['DB_PASSWORD', ['db', 'password']],
    ['camelCaseApiKey', ['camel', 'case', 'api', 'key']],
    ['APIKey', ['apikey']],
    ['spring.datasource.password', ['spring', 'datasource', 'password']],
    ['x-api-key', ['x', 'api', 'key']],
    ['__weird__.name', ['weird', 'name']],
    ['', []],
  ])('%s → %j', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe('isSensitiveName', () => {
  it.each([
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'passwd',
    'GPG_PASSPHRASE',
    'OAUTH_CLIENT_SECRET',
    'GITHUB_TOKEN',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'credential',
    'AUTH_BEARER',
    'apikey',
    'APIKey',
    'X_API_KEY',
    'camelCaseApiKey',
    'PRIVATE_KEY',
    'privateKey',
    'AWS_SECRET_ACCESS_KEY',
    'accessKey',
    'secretKey',
    'SECRET_KEY_BASE',
    'spring.datasource.password',
  ])('%s is sensitive', name => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each([
    // Whole words only.
    'MAX_TOTAL_TOKENS',
    'TOKENIZER',
    'TOKENIZERS_PARALLELISM',
    'PASSWORDLESS_LOGIN',
    'PGPASSWORD',
    'K8S_SECRETS',
    // The last word says the name points at a secret.
    'DB_PASSWORD_FILE',
    'GITHUB_TOKEN_PATH',
    'SECRETS_DIR',
    'SECRET_NAME',
    'accessKeyId',
    'AWS_ACCESS_KEY_ID',
    'API_KEY_VERSION',
    'secretRef',
    'SECRET_ARN',
    'TOKEN_URL',
    'MAX_TOKEN_COUNT',
    'PASSWORD_MIN_LENGTH',
    'TOKEN_CACHE_SIZE',
    'TOKEN_TTL',
    'TOKEN_TIMEOUT',
    'BASIC_AUTH_PASSWORD_ENABLED',
    // A key, but not one of the listed pairs.
    'SIGNING_KEY',
    'ENCRYPTION_KEY',
    'tls.key',
    'KEYCLOAK_REALM',
    '',
  ])('%s is not sensitive', name => {
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('isSecretLookingValue', () => {
  it.each([
    '',
    '   ',
    '1',
    '3600',
    '-2',
    '0.75',
    '1e6',
    'yes',
    'Yes',
    'YES',
    'no',
    'on',
    'Off',
    'y',
    'N',
    'true',
    'False',
    '/run/secrets/db',
    '/var/secrets/google/key.json',
    'file:///etc/app/token',
    '$(API_KEY_FROM_SECRET)',
    '$(DB_USER) $(DB_PASSWORD)',
    '${DB_PASSWORD}',
    '${spring.datasource.password}',
    1,
    true,
    null,
    undefined,
    { nested: 'hunter2' },
  ])('%j does not look like a secret', value => {
    expect(isSecretLookingValue(value)).toBe(false);
  });

  it.each([
    'changeme',
    'hunter2',
    'yEs',
    '12ab',
    '0x4c0883a69102937d6231',
    'relative/path/key.json',
    '$(DB_USER):hunter2',
    '${DB_PASSWORD:hunter2}',
    '/one\n/two',
  ])('%j looks like a secret', value => {
    expect(isSecretLookingValue(value)).toBe(true);
  });
});

describe('findCredentialFormat', () => {
  it.each([
    [PEM, 'private-key'],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
      'private-key',
    ],
    ['---BEGIN EC PRIVATE KEY---', 'private-key'],
    ['-------- BEGIN ENCRYPTED PRIVATE KEY --------', 'private-key'],
    // A service account JSON keeps the key on one line with escaped newlines.
    ['{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n"}', 'private-key'],
    [GITHUB_TOKEN, 'github-token'],
    [FINE_GRAINED_PAT, 'github-token'],
    [
      `https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app`,
      'github-token',
    ],
    [GITLAB_TOKEN, 'gitlab-token'],
    [SLACK_TOKEN, 'slack-token'],
    [STRIPE_KEY, 'stripe-key'],
    [`rk_live_${'a1B2c3D4e5F6'}`, 'stripe-key'],
    [GOOGLE_KEY, 'google-api-key'],
    [JWT_VALUE, 'jwt'],
    [`Authorization: Bearer ${JWT_VALUE}`, 'jwt'],
  ])('%s → %s', (text, format) => {
    expect(findCredentialFormat(text)).toBe(format);
  });

  it.each([
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----',
    // BEGIN and PRIVATE KEY on different lines is not an armour line.
    '-----BEGIN\nPRIVATE KEY-----',
    'PRIVATE KEY -----BEGIN',
    'ghp_',
    'mythoughts_ghp_R8kq2LmZ0tW4vXy7Pn3H',
    'sk_test_51Hx2Lm9Qp4Rs7Tu0Vw3Xy6Za8Bc1De',
    // 34 and 36 characters after AIza.
    `AIza${'x'.repeat(34)}`,
    `AIza${'x'.repeat(36)}`,
    'eyJhbGciOiJIUzI1NiJ9.bm90LWEtand0.c2ln',
    'hunter2',
  ])('%s is no known format', text => {
    expect(findCredentialFormat(text)).toBeUndefined();
  });

  it('containsPrivateKey answers for PEM armour only', () => {
    expect(containsPrivateKey(PEM)).toBe(true);
    expect(containsPrivateKey(GITHUB_TOKEN)).toBe(false);
  });
});

describe('secretMaterial', () => {
  it.each([
    // Known formats, whatever the name.
    ['BUILD_INFO', GITHUB_TOKEN, 'github-token'],
    ['MAX_TOTAL_TOKENS', SLACK_TOKEN, 'slack-token'],
    ['DB_PASSWORD_FILE', PEM, 'private-key'],
    // Sensitive names with secret-looking values.
    ['OAUTH_CLIENT_SECRET', 'changeme', 'sensitive-name'],
    ['camelCaseApiKey', 'abc123', 'sensitive-name'],
    ['DB_PASSWORD', 'hunter2', 'sensitive-name'],
    // Generated keys under a `key` name.
    ['ENCRYPTION_KEY', GENERATED_32, 'generated-key'],
    ['cookieSigningKey', 'Zx9'.repeat(8), 'generated-key'],
    ['key', GENERATED_32, 'generated-key'],
  ])('%s with %j → %s', (name, value, kind) => {
    expect(secretMaterial(name, value)).toBe(kind);
  });

  it.each([
    ['MAX_TOTAL_TOKENS', '4096'],
    ['MYSQL_ALLOW_EMPTY_PASSWORD', '1'],
    ['MARIADB_ALLOW_EMPTY_PASSWORD', 'yes'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_TTL', '3600'],
    ['API_KEY', '$(API_KEY_FROM_SECRET)'],
    ['API_KEY', '${API_KEY}'],
    ['DB_PASSWORD', ''],
    ['accessKeyId', 'AKIAEXAMPLEEXAMPLE12'],
    ['TOKENIZER', 'bert-base-uncased'],
    // `signing key` is not a listed pair, and `abc` is no generated key.
    ['SIGNING_KEY', 'abc'],
    // Too short, whitespace, or not mixing upper, lower and digits.
    ['ENCRYPTION_KEY', 'q7Vt2Lx9Rk4Wm8Zp3Hs6Bn1'],
    ['ENCRYPTION_KEY', 'q7Vt2Lx9Rk4Wm8Z p3Hs6Bn1Yc5Dj0Fg2'],
    ['ENCRYPTION_KEY', 'a3f9c2e87b1d4f6a9c0e2b5d7f8a1c3e'],
    ['ENCRYPTION_KEY', 'A3F9C2E87B1D4F6A9C0E2B5D7F8A1C3E'],
    // The last word is not `key`.
    ['KEY_ID', GENERATED_32],
    ['MONKEY_BUSINESS', GENERATED_32],
    ['LOG_LEVEL', 'debug'],
  ])('%s with %j is not secret material', (name, value) => {
    expect(secretMaterial(name, value)).toBeUndefined();
  });

  it('judges only literal strings', () => {
    expect(secretMaterial('DB_PASSWORD', 1234)).toBeUndefined();
    expect(secretMaterial('DB_PASSWORD', true)).toBeUndefined();
    expect(secretMaterial('DB_PASSWORD', undefined)).toBeUndefined();
  });
});

describe('embedded config files', () => {
  it('is a file only with several lines', () => {
    expect(isEmbeddedFile('a=1\nb=2')).toBe(true);
    expect(isEmbeddedFile('a=1\r\nb=2\r\n')).toBe(true);
    expect(isEmbeddedFile('password=hunter2\n')).toBe(false);
    expect(isEmbeddedFile('\npassword=hunter2\n\n')).toBe(false);
  });

  it('finds assignments to sensitive keys in application.properties', () => {
    const properties = [
      '# datasource',
      'spring.datasource.url=jdbc:postgresql://db:5432/orders',
      'spring.datasource.username=orders',
      'spring.datasource.password=hunter2',
      'spring.datasource.password-file=/run/secrets/db',
      'app.jwt.secret = s3cr3t-signing',
      'app.max-tokens=4096',
    ].join('\n');
    expect(findEmbeddedSecrets(properties)).toEqual([
      { line: 4, kind: 'sensitive-name', key: 'spring.datasource.password' },
      { line: 6, kind: 'sensitive-name', key: 'app.jwt.secret' },
    ]);
  });

  it('reads .env, INI, YAML and JSON assignments, quotes stripped', () => {
    const dotenv = [
      'export STRIPE_SECRET="rk_test_abc"',
      "SMTP_PASSWORD='mail-pw'",
      'REDIS_PASSWORD=',
      'API_TOKEN=$(TOKEN_FROM_SECRET)',
    ].join('\n');
    expect(findEmbeddedSecrets(dotenv).map(s => [s.line, s.key])).toEqual([
      [1, 'STRIPE_SECRET'],
      [2, 'SMTP_PASSWORD'],
    ]);

    const ini = ['[database]', 'host = db', 'password = "hunter2"'].join('\n');
    expect(findEmbeddedSecrets(ini)).toEqual([
      { line: 3, kind: 'sensitive-name', key: 'password' },
    ]);

    const yaml = [
      'database:',
      '  password: hunter2 # rotate me',
      '  passwordFile: /run/secrets/db',
      '  token: # set by the operator',
      '  secret: null',
      'cache:',
      '  token: |',
      '    abc-def',
      '- apiKey: "k-123"',
    ].join('\n');
    expect(findEmbeddedSecrets(yaml).map(s => [s.line, s.key])).toEqual([
      [2, 'password'],
      [7, 'token'],
      [9, 'apiKey'],
    ]);

    const json = ['{', '  "password": "hunter2",', '  "retries": 3', '}'].join(
      '\n',
    );
    expect(findEmbeddedSecrets(json).map(s => [s.line, s.key])).toEqual([
      [2, 'password'],
    ]);
  });

  it('counts only the listed words: requirepass in redis.conf is not one', () => {
    const redis = ['port 6379', 'requirepass foobared', 'masterauth foobared'];
    expect(findEmbeddedSecrets(redis.join('\n'))).toEqual([]);
  });

  it('finds credential formats on any line and generated keys under key names', () => {
    const text = [
      'webhook:',
      `  url: https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app`,
      `encryption.key=${GENERATED_32}`,
      'tls.key: |',
      '  -----BEGIN EC PRIVATE KEY-----',
      '  MHcCAQEE',
      '  -----END EC PRIVATE KEY-----',
    ].join('\n');
    expect(findEmbeddedSecrets(text)).toEqual([
      { line: 2, kind: 'github-token' },
      { line: 3, kind: 'generated-key', key: 'encryption.key' },
      { line: 5, kind: 'private-key' },
    ]);
  });

  it('judges a ConfigMap value whole by its key, and a file line by line', () => {
    expect(findSecretsInConfigValue('DB_PASSWORD', 'hunter2')).toEqual({
      whole: 'sensitive-name',
      lines: [],
    });
    expect(findSecretsInConfigValue('LOG_LEVEL', 'info')).toEqual({
      lines: [],
    });
    expect(
      findSecretsInConfigValue('credentials.json', '{\n  "type": "x"\n}'),
    ).toEqual({ whole: 'sensitive-name', lines: [] });
    expect(
      findSecretsInConfigValue('app.properties', 'a=1\npassword=hunter2'),
    ).toEqual({
      lines: [{ line: 2, kind: 'sensitive-name', key: 'password' }],
    });
    // A one-line value is not a file: judged whole under its own key.
    expect(
      findSecretsInConfigValue('app.properties', 'password=hunter2'),
    ).toEqual({ lines: [] });
  });
});
