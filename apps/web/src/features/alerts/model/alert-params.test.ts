import { describe, expect, it } from 'vitest';
import { defaultValues, kindForm, toParams, valuesOf } from './alert-params';

// The params schemas exactly as GET /alerts/kinds sends them (zod's toJSONSchema of the server's kinds).
const PRICE_MOVE = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    pct: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    windowBars: { type: 'integer', minimum: 1, maximum: 1000 },
    direction: { default: 'either', type: 'string', enum: ['up', 'down', 'either'] },
  },
  required: ['pct', 'windowBars'],
  additionalProperties: false,
};
const FORECAST_BAND = {
  type: 'object',
  properties: {
    horizon: { default: 1, type: 'integer', minimum: 1, maximum: 30 },
    field: { default: 'logReturn', type: 'string', enum: ['logReturn', 'probUp'] },
    below: { type: 'number' },
    above: { type: 'number' },
    extra: { type: 'object' },
  },
};
const REGIME_CHANGE = {
  type: 'object',
  properties: {
    regime: { type: 'string', minLength: 1, maxLength: 64 },
    minProbability: { default: 0.6, type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
  required: ['regime'],
};

describe('kindForm', () => {
  it('renders a field per param with its type, choices, requiredness and bounds', () => {
    const { fields, unsupported } = kindForm('price_move', PRICE_MOVE);
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['pct', 'number', true],
      ['windowBars', 'integer', true],
      ['direction', 'enum', false],
    ]);
    expect(fields[2]?.options).toEqual(['up', 'down', 'either']);
    expect(fields[1]?.min).toEqual({ value: 1, exclusive: false });
    expect(unsupported).toEqual([]);
  });

  it('shows a fraction param as percent, bounds included, and says so in its label', () => {
    const pct = kindForm('price_move', PRICE_MOVE).fields[0]!;
    expect(pct.percent).toBe(true);
    expect(pct.label).toBe('Move (%)');
    expect(pct.max).toEqual({ value: 1000, exclusive: false });
    const probability = kindForm('regime_change', REGIME_CHANGE).fields[1]!;
    expect(probability.defaultText, 'the default 0.6 reads as 60%').toBe('60');
  });

  it('keeps a number that is not listed as a fraction as typed', () => {
    const below = kindForm('forecast_band', FORECAST_BAND).fields.find((f) => f.name === 'below')!;
    expect(below.percent, 'a log return is not a percentage').toBe(false);
  });

  it('lists params of a type it cannot edit instead of inventing an input', () => {
    expect(kindForm('forecast_band', FORECAST_BAND).unsupported).toEqual(['extra']);
  });
});

describe('toParams', () => {
  const form = kindForm('price_move', PRICE_MOVE);

  it('sends a percent as a fraction and an integer as a number', () => {
    expect(toParams(form, { pct: '5', windowBars: '3', direction: 'up' })).toEqual({
      ok: true,
      params: { pct: 0.05, windowBars: 3, direction: 'up' },
    });
  });

  it('says what to fix, in the units typed', () => {
    const result = toParams(form, { pct: '0', windowBars: '2.5', direction: 'sideways' });
    expect(result).toEqual({
      ok: false,
      problems: [
        'Move (%) must be more than 0.',
        'Window (bars) must be a whole number.',
        expect.stringMatching(/^Direction must be one of up, down, either/),
      ],
    });
  });

  it('requires the required params and leaves empty optional ones to the server', () => {
    expect(toParams(form, { pct: '', windowBars: '', direction: '' })).toEqual({
      ok: false,
      problems: ['Move (%) is required.', 'Window (bars) is required.'],
    });
    const band = kindForm('forecast_band', FORECAST_BAND);
    expect(toParams(band, { ...defaultValues(band), below: '-0.02', above: '' })).toEqual({
      ok: true,
      params: { horizon: 1, field: 'logReturn', below: -0.02 },
    });
  });

  it('reads a saved rule back as it was typed', () => {
    const values = valuesOf(form, { pct: 0.07, windowBars: 5, direction: 'down' });
    expect(values, '0.07 shows as 7, not 7.000000000000001').toEqual({ pct: '7', windowBars: '5', direction: 'down' });
    expect(toParams(form, values)).toEqual({ ok: true, params: { pct: 0.07, windowBars: 5, direction: 'down' } });
  });
});
