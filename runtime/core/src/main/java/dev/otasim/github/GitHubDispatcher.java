package dev.otasim.github;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Routes each request by its {@code Host} header to the GitHub service it names, applies the rules
 * every GitHub host shares, and records the exchange.
 *
 * <p>It never waits: a request nothing matches gets GitHub's 404 at once and is recorded as
 * unexpected, so a test fails with a message instead of hanging.
 */
final class GitHubDispatcher extends Dispatcher {
  static final String NO_USER_AGENT =
      "Request forbidden by administrative rules. Please make sure your request has a User-Agent"
          + " header";

  private final FakeGitHub github;
  private final ApiRoutes api;
  private final RawRoutes raw;
  private final CodeloadRoutes codeload;
  private final GitHubComRoutes site;
  private final ObjectsRoutes objects;
  private final FaultInjector faults;
  private final AtomicInteger sequence;

  /** The server of one's own this dispatcher serves, or null for GitHub's hosts. */
  private final Origin origin;

  GitHubDispatcher(FakeGitHub github, FaultInjector faults) {
    this(github, faults, null, new AtomicInteger());
  }

  /**
   * A dispatcher for {@code origin}'s own server, numbering its requests in {@code sequence} with
   * GitHub's, so that the exchanges of every server share one order.
   */
  GitHubDispatcher(FakeGitHub github, FaultInjector faults, Origin origin, AtomicInteger sequence) {
    this.github = github;
    this.faults = faults;
    this.api = new ApiRoutes(github);
    this.raw = new RawRoutes(github);
    this.codeload = new CodeloadRoutes(github);
    this.site = new GitHubComRoutes(github);
    this.objects = new ObjectsRoutes(github);
    this.origin = origin;
    this.sequence = sequence;
  }

  /** The counter behind the request ids, to share with the origins' dispatchers. */
  AtomicInteger sequenceCounter() {
    return sequence;
  }

  /** How many requests have been dispatched: the last request id's number. */
  int sequence() {
    return sequence.get();
  }

  /** Continues the request ids after {@code n} (a restored run). */
  void setSequence(int n) {
    sequence.set(n);
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    Request request = origin == null ? Request.of(recorded) : Request.of(recorded).at(origin);
    String requestId = requestId(sequence.incrementAndGet());
    Reply[] served = new Reply[1];
    Supplier<MockResponse> model =
        origin != null
            ? () -> {
              served[0] = origin.serve(request);
              return OriginWire.encode(request, served[0], origin.style());
            }
            : () -> {
              served[0] = route(request, requestId);
              return Wire.encode(request, served[0], github.headerCase(), github.chunkedAbove());
            };
    Supplier<MockResponse> intercepted =
        () -> github.interceptor(request).map(i -> i.intercept(request, model)).orElseGet(model);
    // Faults go outermost: they spoil whatever would otherwise have been sent.
    Optional<NetworkFault> fault = github.faultFor(request);
    MockResponse response =
        fault.map(f -> faults.apply(f, request, intercepted)).orElseGet(intercepted);
    Exchange exchange =
        new Exchange(
            request.method(),
            request.host(),
            request.target(),
            request.httpVersion(),
            headers(request),
            response.getCode(),
            bodyBytes(response, served[0]),
            fault,
            request.port());
    github.record(exchange, served[0] != null && served[0].unexpected());
    if (exchange.status() < 200 || exchange.status() >= 300) {
      github.recordErrorBody(exchange, FaultInjector.body(response));
    }
    return response;
  }

  private Reply route(Request request, String requestId) {
    // The REST API refuses a request without a User-Agent before looking at anything else; raw
    // and codeload serve one (several updaters' README examples send no headers at all).
    if (request.host().equals("api.github.com")
        && request.header("User-Agent").map(String::isBlank).orElse(true)) {
      return Reply.text(403, GitHubDispatcher.NO_USER_AGENT);
    }
    // HEAD is answered as GET without the body (Wire leaves it out), as every GitHub host does
    boolean get = request.method().equals("GET") || request.method().equals("HEAD");
    return switch (request.host()) {
      case "api.github.com" ->
          get
              ? api.route(request, requestId)
              : ApiRoutes.notFound("https://docs.github.com/rest").markUnexpected();
      case "raw.githubusercontent.com" ->
          get ? raw.route(request, requestId) : notFoundText().markUnexpected();
      case "codeload.github.com" -> get ? codeload.route(request) : notFoundText().markUnexpected();
      case "github.com" -> get ? site.route(request) : notFoundText().markUnexpected();
      case ObjectsRoutes.HOST, ObjectsRoutes.OLD_HOST ->
          get ? objects.route(request) : ObjectsRoutes.blobNotFound().markUnexpected();
      default -> notFoundText().markUnexpected();
    };
  }

  private static Reply notFoundText() {
    return Reply.text(404, RawRoutes.NOT_FOUND);
  }

  private static Map<String, String> headers(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    request.headers().forEach(h -> out.merge(h.getFirst(), h.getSecond(), (a, b) -> a + ", " + b));
    return out;
  }

  /** The body length the response announces; see {@link Exchange#bodyBytes()}. */
  private static long bodyBytes(MockResponse response, Reply served) {
    String contentLength = response.getHeaders().get("Content-Length");
    if (contentLength != null) {
      try {
        return Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        // not a number: fall through to the body's own length
      }
    }
    boolean chunked =
        Optional.ofNullable(response.getHeaders().get("Transfer-Encoding"))
            .map(v -> v.equalsIgnoreCase("chunked"))
            .orElse(false);
    if (chunked && served != null) {
      return served.body().length;
    }
    return response.getBody() == null ? 0 : response.getBody().getContentLength();
  }

  /** Deterministic ids in the shape of GitHub's {@code x-github-request-id}. */
  private static String requestId(int n) {
    return String.format(
        "C0DE:%04X:%06X:%06X:%08X", n & 0xffff, n * 7919 & 0xffffff, n * 104729 & 0xffffff, n);
  }
}
