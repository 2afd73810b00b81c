/**
 * The AWS SDK for JavaScript v3's documented switch for its Node.js end-of-support notice
 * (`NodeVersionSupportWarning`, printed once per process on Node < 22; aws/aws-sdk-js-v3#7983). Read when
 * the first SDK client is constructed; only the exact value `true` disables it, and nothing else.
 */
export const SDK_NODE_VERSION_WARNING_ENV = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
