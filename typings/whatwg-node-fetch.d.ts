// Stands in for @whatwg-node/fetch's own declarations when type checking (tsconfig.json `paths`).
// Those begin with `/// <reference lib="dom" />`, which puts the browser's fetch types in place of
// Node's for the whole program (the gateway's subgraph fetcher and our tests then no longer type
// check). The package reaches us only through the types of @graphql-hive/gateway and graphql-yoga,
// used by the tests and examples/; at run time it is Node's fetch API all the same.
type NodeFetchAPI = {
  fetch: typeof globalThis.fetch;
  Request: typeof globalThis.Request;
  Response: typeof globalThis.Response;
  Headers: typeof globalThis.Headers;
  FormData: typeof globalThis.FormData;
  ReadableStream: typeof globalThis.ReadableStream;
  WritableStream: typeof globalThis.WritableStream;
  TransformStream: typeof globalThis.TransformStream;
  CompressionStream: typeof globalThis.CompressionStream;
  DecompressionStream: typeof globalThis.DecompressionStream;
  TextDecoderStream: typeof globalThis.TextDecoderStream;
  TextEncoderStream: typeof globalThis.TextEncoderStream;
  Blob: typeof globalThis.Blob;
  File: typeof globalThis.File;
  crypto: typeof globalThis.crypto;
  btoa: typeof globalThis.btoa;
  TextEncoder: typeof globalThis.TextEncoder;
  TextDecoder: typeof globalThis.TextDecoder;
  URL: typeof globalThis.URL;
  URLSearchParams: typeof globalThis.URLSearchParams;
};

export declare const fetch: NodeFetchAPI['fetch'];
export declare const Request: NodeFetchAPI['Request'];
export declare const Response: NodeFetchAPI['Response'];
export declare const Headers: NodeFetchAPI['Headers'];
export declare const ReadableStream: NodeFetchAPI['ReadableStream'];
export declare const URL: NodeFetchAPI['URL'];
export declare const URLSearchParams: NodeFetchAPI['URLSearchParams'];
export declare const crypto: NodeFetchAPI['crypto'];
export declare function createFetch(options?: { useNodeFetch?: boolean; skipPonyfill?: boolean }): NodeFetchAPI;
