import { GOSS_DEFAULTS, type ResourceSchema } from '../declared.js';
import { assert, option, text } from './common.js';

const d = GOSS_DEFAULTS.http;

/** goss resource/http.go: one request; `status` gates the header and body checks. */
export const http: ResourceSchema = {
  type: 'http',
  name: 'HTTP',
  key: 'the URL to request',
  target: 'url',
  gate: 'status',
  skippable: true,
  attributes: [
    option('url', 'string', 'the URL to request when it differs from the key'),
    option('method', 'string', 'request method', { default: d.method }),
    option('request-headers', 'string-list', "request headers, each 'Name: value'"),
    option('request-body', 'string', 'request body'),
    option('timeout', 'int', 'milliseconds for the whole request', { default: d.timeout }),
    option('allow-insecure', 'bool', 'skip TLS verification', { default: d['allow-insecure'] }),
    option('no-follow-redirects', 'bool', 'report the redirect itself', {
      default: d['no-follow-redirects'],
    }),
    option('username', 'string', 'basic auth user'),
    option('password', 'string', 'basic auth password'),
    option('ca-file', 'string', 'CA bundle (PEM) to trust'),
    option('cert-file', 'string', 'client certificate (with key-file)'),
    option('key-file', 'string', 'client key (with cert-file)'),
    option('proxy', 'string', 'proxy URL (else the http_proxy environment applies)'),
    assert('status', 'int', 'response status code', { required: true }),
    text('headers', "response headers, one 'Name: value' line each", { result: 'Headers' }),
    text('body', 'response body', { result: 'Body' }),
  ],
};
