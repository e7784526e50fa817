package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers playback requests on one connection (spec §9.10–§9.12), in place of Scalelite's PlaybackController and its
 * NGINX: recording files from the published tree after the published/format/cookie checks, one-time-token links that
 * set the access cookie and redirect, the player apps with their single-page fallback, and NGINX's rewrites. Sits
 * after the aggregator and flow control and before the API handler; every request that is not playback's is passed on
 * untouched. With multitenancy on, recording routes first resolve the tenant of the request's host (cached, never
 * blocking) and refuse recordings of other tenants; player files stay public. Store answers and disk calls complete
 * elsewhere; everything that touches the pipeline runs on the connection's event loop. Refusals of any kind are
 * Scalelite's 404 page (where Scalelite answers an unknown tenant with its checksumError XML).
 *
 * <p>Like the API handler, it answers one request at a time: auto-read goes off when it takes a request, so pipelined
 * requests wait in the FlowControlHandler, and is put back as it was found once the answer's last write succeeded
 * (the proxy's pipeline has it on whenever a request arrives).
 */
public final class RecordingsHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RecordingsHandler.class);
  private static final String PLAYER_SPA = "presentation/2.3/";
  private static final String PLAYER_SPA_INDEX = PLAYER_SPA + FileLookup.INDEX;

  private final RecordingsServing serving;

  public RecordingsHandler(RecordingsServing serving) {
    this.serving = requireNonNull(serving, "serving");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    @Nullable Route route = serving.route(request.method(), request.uri());
    if (route == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    Exchange exchange;
    try {
      exchange = Exchange.begin(ctx, request, serving.tls());
    } finally {
      request.release();
    }
    if (route instanceof Route.Resource resource) {
      serveResource(ctx, exchange, resource);
    } else if (route instanceof Route.Play play) {
      play(ctx, exchange, play);
    } else if (route instanceof Route.Player player) {
      servePlayer(ctx, exchange, player);
    } else if (route instanceof Route.Redirect redirect) {
      exchange.redirect(redirect.status(), redirect.location(), null);
    } else {
      exchange.notFound();
    }
  }

  private void serveResource(ChannelHandlerContext ctx, Exchange exchange, Route.Resource resource) {
    exchange.reportTo(serving.servedListener(), resource.format());
    whenDone(ctx, exchange, serving.scope(exchange.hostLabel()), scope -> {
      if (scope.isEmpty()) {
        exchange.notFound();
        return;
      }
      whenDone(ctx, exchange, serving.store().get(resource.recordId()), recording -> {
        if (!serving.mayServe(recording, resource.format(), exchange.cookies(), scope.get())) {
          exchange.notFound();
          return;
        }
        FilePolicy policy = FilePolicy.forRecording(resource.format(), recording.get().protectedRecording());
        whenDone(ctx, exchange, serving.publishedTrees(recording.get()), roots ->
            blocking(ctx, exchange, () -> lookupFirst(exchange, roots, resource.relativePath()),
                found -> answer(exchange, found, policy)));
      });
    });
  }

  private void play(ChannelHandlerContext ctx, Exchange exchange, Route.Play play) {
    whenDone(ctx, exchange, serving.scope(exchange.hostLabel()), scope -> {
      if (scope.isEmpty()) {
        exchange.notFound();
        return;
      }
      whenDone(ctx, exchange, serving.store().get(play.recordId()),
          recording -> play(ctx, exchange, play, recording, scope.get()));
    });
  }

  private void play(ChannelHandlerContext ctx, Exchange exchange, Route.Play play, Optional<Recording> recording,
      String scope) {
    Optional<PlaybackFormat> format = serving.playableFormat(recording, play.format(), scope);
    if (format.isEmpty()) {
      exchange.notFound();
      return;
    }
    String location = format.get().url();
    if (!recording.get().protectedRecording()) {
      exchange.redirect(HttpResponseStatus.TEMPORARY_REDIRECT, location, null);
      return;
    }
    Optional<String> token = play.token().filter(RecordingsServing::wellFormedToken);
    if (token.isEmpty()) {
      exchange.notFound();
      return;
    }
    Grant wanted = new Grant(play.recordId(), play.format());
    whenDone(ctx, exchange, serving.tokens().consume(token.get()), grant -> {
      if (!grant.equals(Optional.of(wanted))) {
        exchange.notFound();
        return;
      }
      exchange.redirect(HttpResponseStatus.TEMPORARY_REDIRECT, location,
          serving.setCookie(play.format(), play.recordId(), exchange.secure()));
    });
  }

  private void servePlayer(ChannelHandlerContext ctx, Exchange exchange, Route.Player player) {
    Optional<Path> root = serving.playerDir();
    if (root.isEmpty()) {
      exchange.notFound();
      return;
    }
    String path = player.relativePath();
    blocking(ctx, exchange, () -> {
      FileLookup found = lookup(exchange, root.get(), path);
      // NGINX's try_files for the 2.3 player: any path that is no file is a route of the single-page app.
      if (found instanceof FileLookup.Missing && path.startsWith(PLAYER_SPA)) {
        return lookup(exchange, root.get(), PLAYER_SPA_INDEX);
      }
      return found;
    }, found -> answer(exchange, found, FilePolicy.PUBLIC_INLINE));
  }

  private static FileLookup lookup(Exchange exchange, Path root, String rawPath) {
    return FileLookup.blockingLookup(root, rawPath, exchange.conditions(), !exchange.head());
  }

  /** The first of {@code roots} that has something at {@code rawPath}, each confined to its own root. */
  private static FileLookup lookupFirst(Exchange exchange, List<Path> roots, String rawPath) {
    for (Path root : roots) {
      FileLookup found = lookup(exchange, root, rawPath);
      if (!(found instanceof FileLookup.Missing)) {
        return found;
      }
    }
    return FileLookup.MISSING;
  }

  private static void answer(Exchange exchange, FileLookup lookup, FilePolicy policy) {
    if (lookup instanceof FileLookup.Found found) {
      exchange.file(found, policy);
    } else if (lookup instanceof FileLookup.AddSlash) {
      exchange.addSlash();
    } else {
      exchange.notFound();
    }
  }

  /** Runs {@code then} on the event loop with the stage's value; a failed store call answers 500. */
  private static <T> void whenDone(ChannelHandlerContext ctx, Exchange exchange, CompletionStage<T> stage,
      Consumer<T> then) {
    stage.whenComplete(onLoop(ctx, (value, failure) -> {
      if (failure != null) {
        log.warn("recording store failed", failure);
        exchange.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        return;
      }
      try {
        then.accept(value);
      } catch (RuntimeException bug) {
        log.error("playback request failed", bug);
        exchange.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
      }
    }, value -> {}));
  }

  /**
   * Runs the blocking {@code lookup} on the blocking executor, then {@code then} on the event loop; a file opened for
   * a connection that closed meanwhile is closed. A full executor answers 503, a failing lookup 500.
   */
  private void blocking(ChannelHandlerContext ctx, Exchange exchange, Supplier<FileLookup> lookup,
      Consumer<FileLookup> then) {
    CompletableFuture<FileLookup> done;
    try {
      done = CompletableFuture.supplyAsync(lookup, serving.blockingExecutor());
    } catch (RejectedExecutionException e) {
      exchange.status(HttpResponseStatus.SERVICE_UNAVAILABLE);
      return;
    }
    done.whenComplete(onLoop(ctx, (found, failure) -> {
      if (failure != null) {
        log.error("file lookup failed", failure);
        exchange.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
      } else if (!exchange.connected()) {
        found.discard();
      } else {
        then.accept(found);
      }
    }, found -> {
      if (found != null) {
        found.discard();
      }
    }));
  }

  /**
   * {@code action} on the connection's event loop (at once when already there); {@code orphaned} instead when the
   * loop no longer takes tasks (shutdown), so an open file is still closed.
   */
  private static <T> BiConsumer<T, @Nullable Throwable> onLoop(ChannelHandlerContext ctx,
      BiConsumer<T, @Nullable Throwable> action, Consumer<@Nullable T> orphaned) {
    return (value, failure) -> {
      if (ctx.executor().inEventLoop()) {
        action.accept(value, failure);
        return;
      }
      try {
        ctx.executor().execute(() -> action.accept(value, failure));
      } catch (RejectedExecutionException e) {
        orphaned.accept(value);
      }
    };
  }
}
