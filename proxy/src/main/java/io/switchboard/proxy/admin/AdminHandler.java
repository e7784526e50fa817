package io.switchboard.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.proxy.poller.Poller;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.routing.checksum.ChecksumVerifier;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.Stores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scalelite's REST admin API, {@code /scalelite/api/*} (spec §10.1): routes the server, tenant and tenant-setting
 * endpoints (the tenant ones answer 412 once the checksum passed while multitenancy is off) and Switchboard's own
 * meeting, recording and server-sync endpoints; requires {@code application/json} on a POST with a body (§3.2),
 * verifies the checksum with the load-balancer secrets over the call name and the raw query only — the JSON body is not
 * hashed (§3.3) — and answers JSON. Checksum, content-type and routing failures are BBB XML with HTTP 200, as in
 * Scalelite. Every other path goes on to the next handler. Answers are written on the connection's event loop; the
 * connection reads nothing more until the answer is written.
 */
@Sharable
public final class AdminHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  static final String PREFIX = "/scalelite/api/";
  private static final BbbError UNEXPECTED = BbbError.internalError("Switchboard could not answer this request.");

  /** Each endpoint's one method (Scalelite's routes; another method falls to the catch-all). */
  private static final Map<String, HttpMethod> ROUTES = Map.ofEntries(
      Map.entry("getServers", HttpMethod.GET),
      Map.entry("getServerInfo", HttpMethod.GET),
      Map.entry("addServer", HttpMethod.POST),
      Map.entry("updateServer", HttpMethod.POST),
      Map.entry("deleteServer", HttpMethod.POST),
      Map.entry("panicServer", HttpMethod.POST),
      Map.entry("pollServers", HttpMethod.POST),
      Map.entry("getMeetings", HttpMethod.GET),
      Map.entry("getMeetingInfo", HttpMethod.GET),
      Map.entry("endMeeting", HttpMethod.POST),
      Map.entry("publishRecordings", HttpMethod.POST),
      Map.entry("deleteRecordings", HttpMethod.POST),
      Map.entry("syncServers", HttpMethod.POST),
      Map.entry("getTenants", HttpMethod.GET),
      Map.entry("getTenantInfo", HttpMethod.GET),
      Map.entry("addTenant", HttpMethod.POST),
      Map.entry("updateTenant", HttpMethod.POST),
      Map.entry("deleteTenant", HttpMethod.POST),
      Map.entry("getTenantSettings", HttpMethod.GET),
      Map.entry("addTenantSetting", HttpMethod.POST),
      Map.entry("deleteTenantSetting", HttpMethod.POST));

  private final ChecksumVerifier verifier;
  private final List<String> secrets;
  private final ServersAdmin servers;
  private final TenantsAdmin tenants;
  private final MeetingsAdmin meetings;
  private final RecordingsAdmin recordings;
  private final ServersSync sync;

  AdminHandler(ChecksumVerifier verifier, List<String> secrets, ServersAdmin servers, TenantsAdmin tenants,
      MeetingsAdmin meetings, RecordingsAdmin recordings, ServersSync sync) {
    this.verifier = verifier;
    this.secrets = List.copyOf(secrets);
    this.servers = servers;
    this.tenants = tenants;
    this.meetings = meetings;
    this.recordings = recordings;
    this.sync = sync;
  }

  /**
   * The admin API of a running Switchboard, with the load-balancer secrets and accepted algorithms of its config;
   * {@code recordingsApi} is the one the BBB API answers with, so both change the recordings the same way.
   */
  public static AdminHandler create(SwitchboardConfig config, Stores stores, BbbBackend backend, Poller poller,
      RecordingsApi recordingsApi) {
    return new AdminHandler(ChecksumVerifier.accepting(config.api().acceptedAlgorithms()), config.api().secrets(),
        new ServersAdmin(stores, backend, poller, config.serverIdIsHostname()),
        new TenantsAdmin(stores.tenants(), config.tenants().enabled()), new MeetingsAdmin(stores, backend),
        new RecordingsAdmin(recordingsApi, stores.recordings(), config.recordings().enabled()),
        new ServersSync(stores, backend));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !pathOf(request.uri()).startsWith(PREFIX)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      // One request at a time, as the API handler does: pipelined requests wait until this one is answered.
      ctx.channel().config().setAutoRead(false);
      CompletionStage<AdminResponse> answer;
      try {
        answer = handle(ctx, request);
      } catch (RuntimeException bug) {
        log.error("admin request {} failed before answering", request.uri(), bug);
        write(ctx, AdminResponse.xml(UNEXPECTED));
        return;
      }
      answer.whenComplete((response, failure) -> {
        AdminResponse reply = response;
        if (failure != null) {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          log.warn("admin request failed: {}", cause.toString());
          log.debug("admin request failed", failure);
          reply = AdminResponse.error(500, "Switchboard could not answer this request: " + cause.getMessage());
        }
        AdminResponse finalReply = reply;
        if (ctx.executor().inEventLoop()) {
          write(ctx, finalReply);
        } else {
          ctx.executor().execute(() -> write(ctx, finalReply));
        }
      });
    } finally {
      ReferenceCountUtil.release(request);
    }
  }

  private CompletionStage<AdminResponse> handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    String uri = request.uri();
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String rawQuery = question < 0 ? "" : uri.substring(question + 1);
    String call = path.substring(PREFIX.length());
    if (call.endsWith("/")) {
      call = call.substring(0, call.length() - 1);
    }
    HttpMethod method = ROUTES.get(call);
    if (method == null || !method.equals(request.method())) {
      return done(AdminResponse.xml(BbbError.UNSUPPORTED_REQUEST));
    }
    boolean post = HttpMethod.POST.equals(request.method());
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (post && request.content().isReadable()
        && !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      return done(AdminResponse.xml(BbbError.UNSUPPORTED_CONTENT_TYPE));
    }
    if (verifier.verify(call, rawQuery, null, secrets).isEmpty()) {
      return done(AdminResponse.xml(BbbError.CHECKSUM_ERROR));
    }
    if (call.contains("Tenant") && !tenants.enabled()) {
      return done(TenantsAdmin.disabled());
    }
    ObjectNode body;
    if (post && request.content().isReadable()) {
      try {
        JsonNode parsed = AdminResponse.MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
        if (parsed == null || !parsed.isObject()) {
          return done(AdminResponse.error(400, "The request body must be a JSON object"));
        }
        body = (ObjectNode) parsed;
      } catch (JsonProcessingException invalid) {
        return done(AdminResponse.error(400, "Invalid JSON: " + invalid.getOriginalMessage()));
      }
    } else {
      body = AdminResponse.MAPPER.createObjectNode();
    }
    Params query = Params.parse(rawQuery);
    return switch (call) {
      case "getServers" -> servers.getServers(truthy(query.get("verbose").orElse(null)));
      case "getServerInfo" -> servers.getServerInfo(id(body, query), truthy(query.get("verbose").orElse(null)));
      case "addServer" -> {
        @Nullable JsonNode envelope = envelope(body, "server");
        yield envelope == null ? done(ServersAdmin.missingEnvelope("server")) : servers.addServer(envelope);
      }
      case "updateServer" -> servers.updateServerOrMissing(id(body, query), envelope(body, "server"));
      case "deleteServer" -> servers.deleteServer(id(body, query));
      case "panicServer" -> servers.panicServer(id(body, query), present(body, query, "keep_state"),
          present(body, query, "skip_end_calls"), ctx.channel().eventLoop());
      case "pollServers" -> servers.pollServers();
      case "getMeetings" -> meetings.getMeetings(query.nonBlank("server_id").orElse(null));
      case "getMeetingInfo" -> meetings.getMeetingInfo(id(body, query), ctx.channel().eventLoop());
      case "endMeeting" -> meetings.endMeeting(id(body, query), ctx.channel().eventLoop());
      case "publishRecordings" -> recordings.publishRecordings(body);
      case "deleteRecordings" -> recordings.deleteRecordings(body);
      case "syncServers" -> sync.sync(body, ctx.channel().eventLoop());
      case "getTenants" -> tenants.getTenants();
      case "getTenantInfo" -> tenants.getTenantInfo(tenantId(body, query, "tenant"));
      case "addTenant" -> tenants.addTenant(envelope(body, "tenant"));
      case "updateTenant" -> tenants.updateTenantOrMissing(tenantId(body, query, "tenant"), envelope(body, "tenant"));
      case "deleteTenant" -> tenants.deleteTenant(tenantId(body, query, "tenant"));
      case "getTenantSettings" -> tenants.getTenantSettings(query.get("tenant_id").orElse(""));
      case "addTenantSetting" -> tenants.addTenantSetting(envelope(body, "tenant_setting"));
      case "deleteTenantSetting" -> tenants.deleteTenantSetting(tenantId(body, query, "tenant_setting"));
      default -> throw new IllegalStateException("routed but not handled: " + call);
    };
  }

  /**
   * Scalelite's parameter wrapping: the {@code key} object of the body, or — when the body has none — the body itself;
   * null when that is empty (Rails' {@code params.require} fails).
   */
  static @Nullable JsonNode envelope(ObjectNode body, String key) {
    JsonNode wrapped = body.get(key);
    JsonNode envelope = wrapped != null && wrapped.isObject() ? wrapped : body;
    return envelope.isEmpty() ? null : envelope;
  }

  /** The {@code id} from the JSON body, else from the query (Rails merges both into params, the body winning). */
  private static String id(ObjectNode body, Params query) {
    String id = ServersAdmin.text(body, "id");
    if (id == null) {
      id = query.get("id").orElse(null);
    }
    return id == null ? "" : id;
  }

  /**
   * The {@code id} of a tenant or tenant-setting call: from the body, else from its {@code key} envelope (where
   * Scalelite's {@code tenant_params} reads it), else from the query.
   */
  private static String tenantId(ObjectNode body, Params query, String key) {
    String id = ServersAdmin.text(body, "id");
    JsonNode wrapped = body.get(key);
    if (id == null && wrapped != null && wrapped.isObject()) {
      id = ServersAdmin.text(wrapped, "id");
    }
    if (id == null) {
      id = query.get("id").orElse(null);
    }
    return id == null ? "" : id;
  }

  /**
   * Scalelite's {@code params[:keep_state].presence}: true, or any non-empty string (even "false"), is set. Switchboard's
   * {@code skip_end_calls} of panicServer follows the same rule, as rake's argument of that name does.
   */
  private static boolean present(ObjectNode body, Params query, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      String fromQuery = query.get(field).orElse(null);
      return fromQuery != null && !fromQuery.isEmpty();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return !value.isNull() && !value.asText().isEmpty();
  }

  private static boolean truthy(@Nullable String value) {
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }

  private static String pathOf(String uri) {
    int question = uri.indexOf('?');
    return question < 0 ? uri : uri.substring(0, question);
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return java.util.concurrent.CompletableFuture.completedFuture(response);
  }

  private static void write(ChannelHandlerContext ctx, AdminResponse reply) {
    if (!ctx.channel().isActive()) {
      return;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    ctx.writeAndFlush(response).addListener(written -> {
      if (written.isSuccess()) {
        ctx.channel().config().setAutoRead(true);
      }
    });
  }
}
