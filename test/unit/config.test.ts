import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { defaultModelConfig, modelVersion } from '../../src/domain/scoring/index.ts';

describe('configuration from the environment', () => {
  it('has working defaults for the demo (embedded database, port 8787, Shanghai time)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      dataDir: './data',
      port: 8787,
      demo: false,
      logLevel: 'info',
      allowPrivateNetworks: [],
    });
    expect(c.bodyLimitBytes).toBe(200 * 1024 * 1024);
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/d',
      QIANSHAO_DATA_DIR: '/var/q',
      PORT: '9000',
      QIANSHAO_SECRET_KEY: 'k'.repeat(32),
      QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8, ::1/128',
      QIANSHAO_DEMO: '1',
      LOG_LEVEL: 'warn',
      QIANSHAO_SCHEDULE_OVERRIDES: '{"session-cleanup":"*/5 * * * *"}',
      QIANSHAO_TRUST_PROXY: 'true',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u@h:5432/d',
      dataDir: '/var/q',
      port: 9000,
      demo: true,
      logLevel: 'warn',
      allowPrivateNetworks: ['127.0.0.0/8', '::1/128'],
      scheduleOverrides: { 'session-cleanup': '*/5 * * * *' },
      trustProxy: true,
    });
  });

  it("reads each digest recipient's language (en:address), Chinese by default", () => {
    const c = loadConfig({
      QIANSHAO_DIGEST_TO: 'boss@bureau.example, en:advisor@partner.example,zh:deputy@bureau.example',
    });
    expect(c.digestMail.to).toEqual([
      { lang: 'zh', address: 'boss@bureau.example' },
      { lang: 'en', address: 'advisor@partner.example' },
      { lang: 'zh', address: 'deputy@bureau.example' },
    ]);
    expect(() => loadConfig({ QIANSHAO_DIGEST_TO: 'fr:x@y.example' })).toThrow(/QIANSHAO_DIGEST_TO/);
  });

  it.each([
    [{ PORT: 'eighty' }, /^invalid configuration: PORT: /],
    [{ PORT: '70000' }, /^invalid configuration: PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^invalid configuration: DATABASE_URL: expected a postgres/],
    [{ QIANSHAO_SECRET_KEY: 'short' }, /^invalid configuration: QIANSHAO_SECRET_KEY: must be at least 32/],
    [{ QIANSHAO_ALLOW_PRIVATE_NETWORKS: '10.0.0.1' }, /^invalid configuration: QIANSHAO_ALLOW_PRIVATE_NETWORKS/],
    [{ LOG_LEVEL: 'loud' }, /^invalid configuration: LOG_LEVEL: /],
    [{ QIANSHAO_DEMO: 'maybe' }, /^invalid configuration: QIANSHAO_DEMO: /],
    [
      { QIANSHAO_SCHEDULE_OVERRIDES: 'not json' },
      /^invalid configuration: QIANSHAO_SCHEDULE_OVERRIDES: expected a JSON object/,
    ],
    [{ NODE_ENV: 'production' }, /^invalid configuration: QIANSHAO_SECRET_KEY: required when NODE_ENV=production/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      const lines = (e as Error).message.split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });

  it('names each bad variable on its own line when several are wrong', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT: [^\n]*\ninvalid configuration: LOG_LEVEL/);
  });

  it('takes the risk model from QIANSHAO_SCORING_CONFIG (a file or inline JSON), merged over the defaults; its hash changes the model version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qianshao-model-'));
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify({ levels: { red: 85 } }));
    const fromFile = loadConfig({ QIANSHAO_SCORING_CONFIG: path }).model;
    expect(fromFile.levels).toEqual({ ...defaultModelConfig.levels, red: 85 });
    expect(modelVersion(fromFile)).not.toBe(modelVersion(defaultModelConfig));
    expect(loadConfig({ QIANSHAO_SCORING_CONFIG: '{"halfLifeDays":{"opinion":3}}' }).model.halfLifeDays.opinion).toBe(
      3,
    );
    expect(loadConfig({}).model).toBe(defaultModelConfig);
  });

  it('refuses a bad model config naming the parameter, and a missing file naming the path', () => {
    expect(() => loadConfig({ QIANSHAO_SCORING_CONFIG: '{"levels":{"orange":90}}' })).toThrow(ConfigError);
    expect(() => loadConfig({ QIANSHAO_SCORING_CONFIG: '{"levels":{"orange":90}}' })).toThrow(
      /QIANSHAO_SCORING_CONFIG: .*levels\.orange: must be below red/,
    );
    expect(() => loadConfig({ QIANSHAO_SCORING_CONFIG: '/nonexistent/model.json' })).toThrow(
      /cannot read \/nonexistent\/model\.json/,
    );
    expect(() => loadConfig({ QIANSHAO_SCORING_CONFIG: '{oops' })).toThrow(/not JSON/);
  });

  it('reads alert settings: SLA overrides (JSON), quiet hours (empty for none) and the delivery lease', () => {
    const c = loadConfig({
      QIANSHAO_SLA_CONFIG:
        '{"deadlines":[{"level":"orange","rule":null,"ack":{"kind":"minutes","minutes":120},"handle":null}]}',
      QIANSHAO_QUIET_HOURS: '23:00-07:00',
      QIANSHAO_DELIVERY_LEASE_S: '5',
    });
    expect(c.sla.deadlines.find((d) => d.level === 'orange' && d.rule === null)).toMatchObject({
      ack: { kind: 'minutes', minutes: 120 },
    });
    expect(c.quietHours).toEqual({ from: '23:00', to: '07:00' });
    expect(c.deliveryLeaseMs).toBe(5000);
    expect(loadConfig({}).deliveryLeaseMs).toBe(30_000);
    expect(loadConfig({ QIANSHAO_QUIET_HOURS: '' }).quietHours).toBeNull();
    expect(loadConfig({}).quietHours).toEqual({ from: '22:00', to: '08:00' });
    expect(() => loadConfig({ QIANSHAO_QUIET_HOURS: '10pm-8am' })).toThrow(
      /QIANSHAO_QUIET_HOURS: expected HH:MM-HH:MM/,
    );
    expect(() => loadConfig({ QIANSHAO_SLA_CONFIG: '{"deadlines":[{"level":"purple"}]}' })).toThrow(
      /QIANSHAO_SLA_CONFIG: /,
    );
  });

  it("takes the credit-list parameters from QIANSHAO_CREDIT_CONFIG (a file or inline JSON), merged over the defaults and the model's crime amounts", () => {
    const base = loadConfig({}).credit;
    expect(base).toMatchObject({
      statementWorkingDays: 5,
      termYears: 3,
      objectionMarkWorkingDays: 1,
      objectionDecideWorkingDays: 5,
    });
    expect(base.crimeAmountSingle).toBe(defaultModelConfig.triggers.overdueWageOrder.crimeAmountSingle);
    const dir = mkdtempSync(join(tmpdir(), 'qianshao-credit-'));
    const path = join(dir, 'credit.json');
    writeFileSync(path, JSON.stringify({ statementWorkingDays: 7, defaultAuthority: '某区人社局' }));
    expect(loadConfig({ QIANSHAO_CREDIT_CONFIG: path }).credit).toEqual({
      ...base,
      statementWorkingDays: 7,
      defaultAuthority: '某区人社局',
    });
    expect(loadConfig({ QIANSHAO_CREDIT_CONFIG: '{"crimeAmountSingle":5000}' }).credit).toEqual({
      ...base,
      crimeAmountSingle: 5000,
    });
    // The model's figure is the base the credit config overrides.
    expect(
      loadConfig({ QIANSHAO_SCORING_CONFIG: '{"triggers":{"overdueWageOrder":{"crimeAmountSingle":8000}}}' }).credit
        .crimeAmountSingle,
    ).toBe(8000);
    expect(() => loadConfig({ QIANSHAO_CREDIT_CONFIG: '{"statementWorkingDays":-1}' })).toThrow(
      /^invalid configuration: QIANSHAO_CREDIT_CONFIG: .*statementWorkingDays/,
    );
    expect(() => loadConfig({ QIANSHAO_CREDIT_CONFIG: '{"nope":1}' })).toThrow(ConfigError);
    expect(() => loadConfig({ QIANSHAO_CREDIT_CONFIG: '/nonexistent/credit.json' })).toThrow(
      /QIANSHAO_CREDIT_CONFIG: cannot read/,
    );
  });
});
