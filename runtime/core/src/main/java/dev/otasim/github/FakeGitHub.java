package dev.otasim.github;

import dev.otasim.report.Count;
import dev.otasim.stubs.journal.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;

/**
 * A fake GitHub on one local port: the REST API, raw.githubusercontent.com and codeload, told apart
 * by the {@code Host} header, as a simulated device connects every GitHub host name here.
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.create()) {
 *   github.repository("owner/app")
 *       .release("v1.0.0", files -> files.file("main.py", "print('v1')\n"))
 *       .release("v1.1.0", files -> files.file("main.py", "print('v1.1')\n"));
 *   github.start();
 *   ... run the device against github.address() ...
 *   github.verify();
 * }
 * }</pre>
 *
 * <p>It imitates what spec/github-api.md lists: releases, contents, git trees and archive redirects
 * on api.github.com; files on raw.githubusercontent.com; the User-Agent rule; private repositories;
 * the hourly rate limit; GitHub's JSON shapes and sizes and its header names; the git database
 * (refs, annotated tags, commits, blobs, trees by SHA); commit, branch and tag lists with {@code
 * Link} pagination; release assets through github.com's 302 to the objects host
 * (release-assets.githubusercontent.com); archives on codeload.github.com (tar.gz and zip under
 * {@code owner-repo-shortsha/}). Servers of one's own are {@linkplain #origin(String) origins}.
 *
 * <p>Faults ({@link NetworkFault}) can be attached to requests by method, host and path, for every
 * matching request or only some of them:
 *
 * <pre>{@code
 * github.on("GET", "raw.githubusercontent.com", "/owner/app/v1.1.0/main.py")
 *     .onRequest(2)
 *     .fault(new NetworkFault.TruncatedBody(100));
 * }</pre>
 *
 * <p>Every exchange is recorded, with the fault applied to it if any. A request nothing scripted
 * answers (an unknown host, route, repository, tag or ref) gets GitHub's 404 at once and is also
 * recorded as {@linkplain #unexpected() unexpected}; {@link #verify()} fails on those. A missing
 * file at a known ref, or {@code releases/latest} of a repository without a published release, is
 * GitHub's normal 404 and not unexpected: updaters ask such questions on purpose.
 */
public final class FakeGitHub implements AutoCloseable {
  private static final Set<String> HOST_NAMES =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "api.github.com",
                  "raw.githubusercontent.com",
                  "codeload.github.com",
                  "github.com",
                  "objects.githubusercontent.com",
                  ObjectsRoutes.HOST)));

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** A route's response override; see {@link #intercept}. */
  private record Interception(Predicate<Request> when, Interceptor then) {}

  /** An installed fault rule and how many requests its pattern has matched so far. */
  private static final class InstalledFault {
    final FaultRule rule;
    int matched;

    InstalledFault(FaultRule rule) {
      this.rule = rule;
    }
  }

  private final Map<String, Repository> repositories = new LinkedHashMap<>();

  /** The servers of one's own by {@code host:port}, each with its server once started. */
  private final Map<String, Origin> origins = new LinkedHashMap<>();

  private final Map<Origin, MockWebServer> originServers = new LinkedHashMap<>();
  private final List<java.util.function.Consumer<Origin>> originListeners = new ArrayList<>();
  private final Set<String> tokens = new HashSet<>();
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<Exchange> unexpected = new ArrayList<>();

  /** The start of the latest non-2xx body sent per "METHOD host target status", for the journal. */
  private final Map<String, byte[]> errorBodies = new java.util.HashMap<>();

  private final List<Interception> interceptions = new ArrayList<>();
  private final List<InstalledFault> faults = new ArrayList<>();

  /** Every request the fault rules have looked at, in order: what their counters count. */
  private final List<Request> counted = new ArrayList<>();

  private final Connections connections = new Connections();
  private final Silences silences = new Silences();
  private final RateLimit rateLimit = new RateLimit();
  private volatile Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private volatile HeaderCase headerCase = HeaderCase.LOWER;
  private volatile int chunkedAbove = 1024;
  private MockWebServer server;
  private GitHubDispatcher dispatcher;
  private int restoredSequence;
  private boolean closed;

  private FakeGitHub() {}

  /** A fake GitHub with no repositories, not yet listening. */
  public static FakeGitHub create() {
    return new FakeGitHub();
  }

  /**
   * The repository {@code "owner/name"}, created empty on first use. Names ignore case.
   *
   * @throws IllegalArgumentException if the name is not one GitHub allows ({@link RepoName})
   */
  public synchronized Repository repository(String ownerSlashName) {
    RepoName name = RepoName.parse(ownerSlashName);
    return repositories.computeIfAbsent(
        ownerSlashName.toLowerCase(Locale.ROOT), key -> new Repository(name.owner(), name.name()));
  }

  /**
   * The server of one's own at {@code url} ({@code http://192.168.1.10:8000/}, {@code
   * https://updates.example.org/ota/}), created on first use: its scheme, host and port are where
   * the device connects, its path where the files are served. Its requests are recorded and faulted
   * with GitHub's.
   *
   * @throws IllegalArgumentException if {@code url} is no http(s) URL, names one of GitHub's hosts,
   *     or another path on a host and port already served
   */
  public synchronized Origin origin(String url) {
    Origin origin = new Origin(this, url);
    if (HOST_NAMES.contains(origin.host())) {
      throw new IllegalArgumentException(
          "origin "
              + origin.url()
              + " is one of GitHub's hosts, which the fake GitHub serves itself; give a"
              + " repository instead");
    }
    String key = origin.host() + ":" + origin.port();
    Origin known = origins.get(key);
    if (known != null) {
      if (!known.url().equals(origin.url())) {
        throw new IllegalArgumentException(
            "origin "
                + origin.url()
                + ": "
                + known.url()
                + " is already served on that host and port; serve one folder per host and"
                + " port, with the other files in a sub-folder");
      }
      return known;
    }
    origins.put(key, origin);
    if (server != null) {
      startOrigin(origin);
      originListeners.forEach(l -> l.accept(origin));
    }
    return origin;
  }

  /**
   * Calls {@code listener} with each origin added from now on, once its server listens: how a
   * device connected earlier learns the address of a server a test adds later.
   */
  public synchronized void onOriginAdded(java.util.function.Consumer<Origin> listener) {
    originListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Forgets the devices connected so far ({@link #onOriginAdded} listeners): a fake GitHub reset
   * between power cycles of a fleet serves each cycle's device, never an earlier one.
   */
  public synchronized void forgetDevices() {
    originListeners.clear();
  }

  /**
   * When this fake GitHub's servers send nothing on purpose, for a device's sockets ({@link
   * dev.otasim.stubs.net.Network#setServerSilence}): a read times out on a stall or a pause longer
   * than its timeout, never because this machine is too busy to answer in time.
   */
  public dev.otasim.stubs.net.ServerSilence serverSilence() {
    return silences;
  }

  /** The servers of one's own, in the order they were added. */
  public synchronized List<Origin> origins() {
    return List.copyOf(origins.values());
  }

  /** Where {@code origin}'s server listens on this machine; the device's route for its address. */
  public synchronized InetSocketAddress address(Origin origin) {
    address(); // the same checks: started, not closed
    MockWebServer s = originServers.get(origin);
    if (s == null) {
      throw new IllegalArgumentException(origin + " is not an origin of this FakeGitHub");
    }
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getPort());
  }

  private void startOrigin(Origin origin) {
    Connections own = new Connections();
    MockWebServer started = new MockWebServer();
    started.setDispatcher(
        new GitHubDispatcher(
            this, new FaultInjector(this, own, origin), origin, dispatcher.sequenceCounter()));
    started.setServerSocketFactory(new NoDelayServerSocketFactory(own, silences));
    try {
      started.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for " + origin, e);
    }
    originServers.put(origin, started);
  }

  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("mockwebserver3.MockWebServer");

  /** Starts listening on 127.0.0.1 at an ephemeral port. Calling it again does nothing. */
  public synchronized FakeGitHub start() {
    // A device that loses power between connect and request leaves a connection without a
    // request; MockWebServer warns about each. That is an expected outcome here, not news.
    QUIET.setLevel(java.util.logging.Level.SEVERE);
    if (closed) {
      throw new IllegalStateException("this FakeGitHub is closed; create another");
    }
    if (server == null) {
      MockWebServer started = new MockWebServer();
      dispatcher = new GitHubDispatcher(this, new FaultInjector(this, connections));
      dispatcher.setSequence(restoredSequence);
      started.setDispatcher(dispatcher);
      started.setServerSocketFactory(new NoDelayServerSocketFactory(connections, silences));
      try {
        started.start(InetAddress.getByName("127.0.0.1"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
      }
      server = started;
      origins.values().forEach(this::startOrigin);
    }
    return this;
  }

  /** Where the server listens; every GitHub host name should resolve here. */
  public synchronized InetSocketAddress address() {
    if (closed) {
      // its port is free again, possibly taken by another server: never hand it out
      throw new IllegalStateException("this FakeGitHub is closed; create another");
    }
    if (server == null) {
      throw new IllegalStateException("this FakeGitHub is not listening yet; call start() first");
    }
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
  }

  /** Whether {@code host} is one of GitHub's, which this server answers for (not an origin). */
  static boolean isGitHubHost(String host) {
    return HOST_NAMES.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The host names this server answers for, to point a simulated DNS at {@link #address()}. */
  public Set<String> hostNames() {
    return HOST_NAMES;
  }

  /** Every exchange so far, in the order responses were chosen. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The exchanges nothing scripted answered. */
  public synchronized List<Exchange> unexpected() {
    return List.copyOf(unexpected);
  }

  /**
   * Throws an {@link AssertionError} naming each unexpected request with the scripted routes
   * closest to it and what differs from each (method, host, repository, path, ref, header), one
   * line per route.
   */
  public synchronized void verify() {
    if (unexpected.isEmpty()) {
      return;
    }
    throw new AssertionError(NearMiss.reportAll(unexpected, scripted()));
  }

  /**
   * Each unexpected request with the scripted routes closest to it and what differs from each, as
   * {@link #verify()} reports them; empty when there is none.
   */
  public synchronized String nearMisses() {
    return unexpected.isEmpty() ? "" : NearMiss.reportAll(unexpected, scripted());
  }

  /** Sets the clock behind dates and the rate limit's hour; fixed at 2026-01-01T00:00:00Z. */
  public FakeGitHub setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets how header names are spelled; {@link HeaderCase#LOWER} unless set. */
  public FakeGitHub setHeaderCase(HeaderCase headerCase) {
    this.headerCase = Objects.requireNonNull(headerCase, "headerCase");
    return this;
  }

  /**
   * Sets the hourly limit of API requests without a token (GitHub's: 60). Requests with a token get
   * GitHub's 5000.
   */
  public FakeGitHub setRateLimit(int perHour) {
    rateLimit.setUnauthenticated(perHour);
    return this;
  }

  /**
   * Sends HTTP/1.1 JSON bodies longer than {@code bytes} with {@code Transfer-Encoding: chunked},
   * in chunks of at most 1 KiB; shorter ones, HTTP/1.0 replies and raw files get {@code
   * Content-Length}. Default 1024, so a release (2-4 KB) is chunked and an error is not; {@link
   * Integer#MAX_VALUE} never chunks.
   */
  public FakeGitHub setChunkedAbove(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    this.chunkedAbove = bytes;
    return this;
  }

  /**
   * Puts a client's rate-limit hour where an earlier session left it: the hour started at {@code
   * start} and {@code used} API requests of it are spent, so that responses show the remainder and
   * reset as GitHub would (a fleet's board sees what its site's earlier boards left it).
   *
   * @param token the client's token, or {@code null} for requests without one (counted by address)
   */
  public FakeGitHub setRateLimitUsed(String token, Instant start, int used) {
    return setRateLimitUsed(token, start, used, 0);
  }

  /**
   * {@link #setRateLimitUsed(String, Instant, int)}, refusing requests only {@code headroom} past
   * the limit: the headers show {@code used} spent while the client may make as many requests as if
   * {@code used - headroom} were (a fleet checks whether an updater acts on what they show).
   */
  public synchronized FakeGitHub setRateLimitUsed(
      String token, Instant start, int used, int headroom) {
    if (used < 0 || headroom < 0) {
      throw new IllegalArgumentException(
          "used requests and headroom must be >= 0: " + used + ", " + headroom);
    }
    rateLimit.seed(
        token == null ? "address " + ApiRoutes.CLIENT_ADDRESS : "token " + token,
        start.getEpochSecond(),
        used,
        headroom);
    return this;
  }

  /**
   * Makes {@code token} one GitHub knows, besides the private repositories' tokens: requests with
   * it get the authenticated rate limit instead of 401 {@code Bad credentials}.
   */
  public synchronized FakeGitHub acceptToken(String token) {
    tokens.add(Objects.requireNonNull(token, "token"));
    return this;
  }

  /**
   * The requests {@code method} (or {@code "*"}) to {@code host} (or {@code "*"}) for {@code path}
   * will get a fault: a target like {@code "/owner/app/v1.1.0/main.py"}, where {@code *} matches
   * within a path segment and {@code **} across them; see {@link RequestPattern}. Finish with
   * {@link FaultTarget#fault}.
   */
  public FaultTarget on(String method, String host, String path) {
    return new FaultTarget(this, new RequestPattern(method, host, path), Occurrences.always());
  }

  /**
   * The requests {@code method} (or {@code "*"}) about {@code repository} ({@code "owner/name"})
   * will get a fault, on whichever host they go to: its releases, contents, trees and refs on
   * api.github.com, its files on raw.githubusercontent.com, its archives on codeload.github.com and
   * its pages and redirects on github.com. Finish with {@link FaultTarget#fault}.
   */
  public FaultTarget onRepository(String method, String repository) {
    return new FaultTarget(
        this, RequestPattern.repository(method, repository), Occurrences.always());
  }

  /**
   * Installs {@code rule}: from now on, the requests it selects get its fault. Rules installed
   * later win over earlier ones for the same request. Returns {@code rule}.
   */
  public synchronized FaultRule fault(FaultRule rule) {
    faults.add(new InstalledFault(Objects.requireNonNull(rule, "rule")));
    return rule;
  }

  /** Removes every fault rule installed; the requests they counted are forgotten with them. */
  public synchronized FakeGitHub clearFaults() {
    faults.clear();
    return this;
  }

  /** The fault rules installed, in order. */
  public synchronized List<FaultRule> faults() {
    return faults.stream().map(f -> f.rule).toList();
  }

  /**
   * What the fake GitHub has been through, saved between two of a device's boots: the exchanges,
   * the requests its fault rules counted, the rate-limit windows and the request-id sequence. Its
   * configuration (repositories, tokens, interceptions, rules) is not part of it.
   */
  public static final class Snapshot {
    private final List<Exchange> exchanges;
    private final List<Exchange> unexpected;
    private final List<Request> counted;
    private final Map<String, long[]> rateLimit;
    private final int sequence;

    private Snapshot(FakeGitHub g) {
      this.exchanges = List.copyOf(g.exchanges);
      this.unexpected = List.copyOf(g.unexpected);
      this.counted = List.copyOf(g.counted);
      this.rateLimit = g.rateLimit.windows();
      this.sequence = g.dispatcher == null ? g.restoredSequence : g.dispatcher.sequence();
    }
  }

  /** Saves what this fake GitHub has been through; call it while no request is in flight. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(this);
  }

  /**
   * Puts a fake GitHub of the same configuration in the state {@code saved} holds, as if it had
   * served those requests: every installed fault rule, those installed since included, counts them
   * again, so "the 3rd request" means what it meant in the run that was saved.
   */
  public synchronized void restore(Snapshot saved) {
    exchanges.clear();
    exchanges.addAll(saved.exchanges);
    unexpected.clear();
    unexpected.addAll(saved.unexpected);
    counted.clear();
    counted.addAll(saved.counted);
    for (InstalledFault installed : faults) {
      installed.matched =
          (int) counted.stream().filter(r -> installed.rule.pattern().matches(r)).count();
    }
    rateLimit.restore(saved.rateLimit);
    restoredSequence = saved.sequence;
    if (dispatcher != null) {
      dispatcher.setSequence(saved.sequence);
    }
  }

  /** Stops the server and closes its connections. */
  @Override
  public void close() {
    List<MockWebServer> running = new ArrayList<>();
    synchronized (this) {
      closed = true;
      if (server != null) {
        running.add(server);
      }
      running.addAll(originServers.values());
    }
    // Not while holding this lock: MockWebServer waits for requests in flight, and those record
    // their exchange here. Holding it deadlocked until MockWebServer gave up after 5 s.
    running.forEach(MockWebServer::close);
  }

  /**
   * Answers the requests {@code when} matches through {@code then} instead of (or around) the
   * model. The latest matching registration wins.
   */
  synchronized void intercept(Predicate<Request> when, Interceptor then) {
    interceptions.add(new Interception(when, then));
  }

  synchronized Optional<Interceptor> interceptor(Request request) {
    for (int i = interceptions.size() - 1; i >= 0; i--) {
      if (interceptions.get(i).when().test(request)) {
        return Optional.of(interceptions.get(i).then());
      }
    }
    return Optional.empty();
  }

  /**
   * The fault for {@code request}, if a rule selects it. Every rule whose pattern matches counts
   * the request, whether or not it wins, so "the 3rd request" means the same with other rules.
   */
  synchronized Optional<NetworkFault> faultFor(Request request) {
    NetworkFault chosen = null;
    counted.add(request);
    for (InstalledFault installed : faults) {
      if (installed.rule.pattern().matches(request)) {
        installed.matched++;
        if (installed.rule.occurrences().includes(installed.matched)) {
          chosen = installed.rule.fault();
        }
      }
    }
    return Optional.ofNullable(chosen);
  }

  synchronized Optional<Repository> find(String owner, String name) {
    return Optional.ofNullable(repositories.get((owner + "/" + name).toLowerCase(Locale.ROOT)));
  }

  /** Every repository, in the order they were created. */
  synchronized List<Repository> repositories() {
    return List.copyOf(repositories.values());
  }

  synchronized boolean knowsToken(String token) {
    return tokens.contains(token)
        || repositories.values().stream().anyMatch(r -> r.token().map(token::equals).orElse(false));
  }

  synchronized void record(Exchange exchange, boolean wasUnexpected) {
    exchanges.add(exchange);
    if (wasUnexpected) {
      unexpected.add(exchange);
    }
  }

  /** Keeps the start of a non-2xx response's body until the device reads its status line. */
  synchronized void recordErrorBody(Exchange exchange, byte[] body) {
    int keep = Math.min(body.length, Event.HttpExchange.BODY_START_BYTES + 1);
    errorBodies.put(
        bodyKey(exchange.method(), exchange.host(), exchange.target(), exchange.status()),
        java.util.Arrays.copyOf(body, keep));
  }

  /**
   * The start of the body of the latest non-2xx response sent to this request (as much as the
   * journal shows, and one byte more), if there was one; what a connected device's journal shows on
   * its {@code http} lines ({@link dev.otasim.stubs.net.ResponseBodies}).
   */
  public synchronized Optional<byte[]> responseBody(
      String method, String host, String target, int status) {
    return Optional.ofNullable(errorBodies.get(bodyKey(method, host, target, status)));
  }

  private static String bodyKey(String method, String host, String target, int status) {
    return method + " " + host.toLowerCase(Locale.ROOT) + " " + target + " " + status;
  }

  /** What the model answers, as {@code GET host/path} lines. */
  synchronized List<String> scripted() {
    List<String> out = new ArrayList<>();
    repositories.values().forEach(r -> out.addAll(r.routes()));
    origins.values().forEach(o -> out.addAll(o.scripted()));
    return out;
  }

  Clock clock() {
    return clock;
  }

  HeaderCase headerCase() {
    return headerCase;
  }

  int chunkedAbove() {
    return chunkedAbove;
  }

  RateLimit rateLimit() {
    return rateLimit;
  }

  /** An HTTP date, as in the {@code Date} header. */
  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /**
   * What it is, for a shell or a debugger: {@code FakeGitHub(repositories [owner/app], 3 requests,
   * serving)}.
   */
  @Override
  public synchronized String toString() {
    return "FakeGitHub(repositories "
        + repositories.keySet()
        + ", "
        + Count.of(exchanges.size(), "request")
        + (server == null ? ", not started" : "")
        + ")";
  }
}
