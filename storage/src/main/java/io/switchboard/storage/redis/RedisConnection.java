package io.switchboard.storage.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce connection the Redis stores share (thread-safe, multiplexed), opened lazily and never waited on:
 * {@link RedisStores#open} returns at once even when Redis is down, and every call fails fast until it is back.
 *
 * <ul>
 *   <li>While the first connection has not been made, a call waits for the attempt under way (bounded by the connect
 *       timeout, the command timeout) or, when the last attempt failed, starts a new one at most once per
 *       {@link #RETRY_INTERVAL} and otherwise fails at once with the last failure.
 *   <li>Once connected, Lettuce's auto-reconnect takes over: commands issued while it is disconnected are rejected at
 *       once ({@code REJECT_COMMANDS}) instead of queueing, commands in flight time out after the command timeout, and
 *       the connection is re-established in the background (with Sentinel, on whichever node is master by then),
 *       retrying at most {@link #MAX_RECONNECT_DELAY} apart.
 * </ul>
 */
final class RedisConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
  static final int REQUEST_QUEUE_SIZE = 10_000;

  /** The longest wait between two reconnection attempts (exponential from 1 ms): back within a second of Redis. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI redisUri;
  private final String description;
  private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
      new AtomicReference<>();
  private volatile long lastAttemptNanos;
  private volatile boolean closed;

  /** @param namespace shown in the connection's client name, {@code switchboard:<namespace>} */
  RedisConnection(ConnectionSpec spec, String namespace) {
    this.redisUri = spec.redisUri(clientName(namespace));
    this.description = spec.description();
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ZERO, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources);
    client.setOptions(clientOptions(spec.commandTimeout()));
    connection.set(connect());
  }

  /** {@code switchboard:<namespace>}, with any character Redis would refuse in a client name replaced by {@code _}. */
  static String clientName(String namespace) {
    return ("switchboard:" + namespace).replaceAll("[^A-Za-z0-9_.:\\-]", "_");
  }

  static ClientOptions clientOptions(Duration commandTimeout) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
        .build();
  }

  /** Runs one command on the shared connection. */
  <T> CompletionStage<T> call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
    return connection().thenCompose(connected -> command.apply(connected.async()));
  }

  /** Runs a Lua script by its digest, sending its source only when Redis does not know it yet (NOSCRIPT). */
  <T> CompletionStage<T> eval(Script script, ScriptOutputType type, String[] keys, String... args) {
    return connection().thenCompose(connected -> {
      RedisAsyncCommands<String, String> commands = connected.async();
      CompletionStage<T> bySha = commands.<T>evalsha(script.sha1(), type, keys, args);
      return bySha.handle((value, failure) -> {
        if (failure == null) {
          return CompletableFuture.completedStage(value);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof RedisNoScriptException) {
          return commands.<T>eval(script.source(), type, keys, args);
        }
        return CompletableFuture.<T>failedStage(cause);
      }).thenCompose(Function.identity());
    });
  }

  private CompletionStage<StatefulRedisConnection<String, String>> connection() {
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
    if (closed) {
      return CompletableFuture.failedStage(new IllegalStateException("the Redis stores are closed"));
    }
    if (!current.isCompletedExceptionally()) {
      return current; // connected, or the attempt under way
    }
    if (System.nanoTime() - lastAttemptNanos >= RETRY_INTERVAL.toNanos()) {
      CompletableFuture<StatefulRedisConnection<String, String>> next = new CompletableFuture<>();
      if (connection.compareAndSet(current, next)) {
        connect().whenComplete((connected, failure) -> {
          if (failure == null) {
            next.complete(connected);
          } else {
            next.completeExceptionally(failure);
          }
        });
        return next;
      }
      return connection.get();
    }
    return current;
  }

  private CompletableFuture<StatefulRedisConnection<String, String>> connect() {
    lastAttemptNanos = System.nanoTime();
    CompletableFuture<StatefulRedisConnection<String, String>> attempt;
    try {
      attempt = client.connectAsync(StringCodec.UTF8, redisUri).toCompletableFuture();
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    return attempt.handle((connected, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        log.warn("cannot connect to Redis at {}: {}", description, cause.toString());
        throw new CompletionException(cause instanceof RedisConnectionException ? cause
            : new RedisConnectionException("cannot connect to Redis at " + description, cause));
      }
      if (closed) {
        connected.closeAsync();
        throw new CompletionException(new IllegalStateException("the Redis stores are closed"));
      }
      log.info("connected to Redis at {}", description);
      return connected;
    });
  }

  @Override
  public String toString() {
    return description;
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
    if (current.isDone() && !current.isCompletedExceptionally()) {
      current.join().close();
    }
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      try {
        resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("the Redis client's threads did not stop: {}", e.toString());
      }
    }
  }

  /** A Lua script and its SHA-1, for {@code EVALSHA}. */
  record Script(String source, String sha1) {
    static Script of(String source) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        return new Script(source, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is missing from this JVM", e);
      }
    }
  }
}
