package io.switchboard.routing.api;

/**
 * The two HTTP methods the BBB API routes accept (spec §2). Our own enum so that routing stays free of Netty; anything
 * else (PUT, HEAD, …) falls to the catch-all {@code unsupportedRequest} answer.
 */
public enum HttpMethodName {
  GET,
  POST
}
