/** goss resource/http.go; observed by check/system/http.ts. */
import { assert, defaultOf, observedValues, option, text } from './attributes.js';
import type { ResourceModule } from './module.js';

const attributes = [
  option('url', 'string', 'the URL to request when it differs from the key'),
  option('method', 'string', 'request method', { default: 'GET' }),
  option('request-headers', 'string-list', "request headers, each 'Name: value'"),
  option('request-body', 'string', 'request body'),
  option('timeout', 'int', 'milliseconds for the whole request', { default: 5_000 }),
  option('allow-insecure', 'bool', 'skip TLS verification', { default: false }),
  option('no-follow-redirects', 'bool', 'report the redirect itself', { default: false }),
  option('username', 'string', 'basic auth user'),
  option('password', 'string', 'basic auth password'),
  option('ca-file', 'string', 'CA bundle (PEM) to trust'),
  option('cert-file', 'string', 'client certificate (with key-file)'),
  option('key-file', 'string', 'client key (with cert-file)'),
  option('proxy', 'string', 'proxy URL (else the http_proxy environment applies)'),
  assert('status', 'int', 'response status code', { required: true }),
  text('headers', "response headers, one 'Name: value' line each", { result: 'Headers' }),
  text('body', 'response body', { result: 'Body' }),
];

/** One request; `status` gates the header and body checks. */
export const http: ResourceModule = {
  type: 'http',
  name: 'HTTP',
  key: 'the URL to request',
  target: 'url',
  gate: 'status',
  skippable: true,
  attributes,
  add: {
    observes: ['status'],
    write(observed, name) {
      const { status } = observedValues(observed, (error) => `http '${name}': ${error}`);
      const setting = (s: string) => defaultOf(attributes, s);
      return {
        status,
        'allow-insecure': setting('allow-insecure'),
        'no-follow-redirects': setting('no-follow-redirects'),
        timeout: setting('timeout'),
        body: [],
      };
    },
  },
};
