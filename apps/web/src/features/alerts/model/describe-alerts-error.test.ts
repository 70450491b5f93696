import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeAlertsError } from './describe-alerts-error';

describe('describeAlertsError', () => {
  it('says which setting is missing when Telegram or email is not configured', () => {
    const telegram = new ApiError(400, 'TELEGRAM_NOT_CONFIGURED', 'Telegram is not configured on this server: set …');
    expect(describeAlertsError(telegram).message).toMatch(/Telegram is not set up.*MARKETLENS_TELEGRAM__BOT_TOKEN/);
    const email = new ApiError(400, 'EMAIL_NOT_CONFIGURED', 'no smtp');
    expect(describeAlertsError(email)).toEqual({
      message: expect.stringMatching(/Email is not set up.*MARKETLENS_EMAIL__SMTP_URL/),
      details: [],
    });
  });

  it('explains a refused webhook URL and keeps the server’s reason', () => {
    const error = new ApiError(400, 'WEBHOOK_URL_REFUSED', '127.0.0.1 is a loopback address');
    expect(describeAlertsError(error)).toEqual({
      message: expect.stringMatching(/^This webhook URL is not allowed/),
      details: ['127.0.0.1 is a loopback address.'],
    });
  });

  it('names an invalid param by the editor’s label', () => {
    const error = new ApiError(400, 'INVALID_ALERT_PARAMS', 'price_move: pct: Too big: expected number to be <=10', {
      issues: [{ path: 'params.pct', message: 'Too big: expected number to be <=10' }],
    });
    expect(describeAlertsError(error, { pct: 'Move (%)' }).message).toBe('Move (%) must be at most 10.');
  });

  it('names an invalid request field by the form’s label', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
      { location: 'body', path: 'url', message: 'must be an http(s) URL' },
    ]);
    expect(describeAlertsError(error).message).toBe('Webhook URL must be an http(s) URL.');
  });

  it('passes any other message on as a sentence', () => {
    expect(describeAlertsError(new ApiError(500, 'INTERNAL', 'the server failed')).message).toBe('The server failed.');
    expect(describeAlertsError(new Error('offline')).message).toBe('offline');
  });
});
