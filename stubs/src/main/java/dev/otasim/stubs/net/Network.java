package dev.otasim.stubs.net;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The world the board's radio can reach: access points, a DNS table and the routes from the
 * addresses DNS hands out to real servers on this machine's loopback (the fake GitHub). It also
 * holds the station's association, which only a soft reset keeps.
 */
public final class Network {
  /** How long DHCP takes after association, in virtual milliseconds. The default is 1500. */
  public static final long DEFAULT_DHCP_MILLIS = 1500;

  private final Map<String, String> accessPoints = new LinkedHashMap<>();
  private final Map<String, String> dns = new TreeMap<>();
  private final Map<String, InetSocketAddress> routes = new LinkedHashMap<>();
  private final Map<String, InetSocketAddress> portRoutes = new LinkedHashMap<>();
  private final Map<String, Long> ntpServers = new LinkedHashMap<>();
  private long dhcpMillis = DEFAULT_DHCP_MILLIS;
  private ResponseBodies responseBodies = ResponseBodies.NONE;
  private ServerSilence serverSilence = ServerSilence.UNKNOWN;
  private boolean anyAccessPoint = true;

  private boolean active;
  private long outageUntilMicros = -1;
  private int linkGeneration;
  private String associatedSsid;
  private long connectedAtMicros = -1;
  private int failureStatus;

  /**
   * Adds an access point; once one is added, only configured ones exist. Without any, every
   * ssid/password pair connects.
   */
  public synchronized Network accessPoint(String ssid, String password) {
    accessPoints.put(
        Objects.requireNonNull(ssid, "ssid"), Objects.requireNonNull(password, "password"));
    anyAccessPoint = false;
    return this;
  }

  /** Sets how long DHCP takes after association (virtual time). */
  public synchronized Network setDhcpMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("dhcpMillis (" + millis + ") must not be negative");
    }
    this.dhcpMillis = millis;
    return this;
  }

  /** Puts a host name in the fake DNS with the address it resolves to. */
  public synchronized Network host(String name, String ip) {
    dns.put(name.toLowerCase(java.util.Locale.ROOT), ip);
    return this;
  }

  /** The name {@code ntptime} asks unless device code sets {@code ntptime.host}. */
  public static final String NTP_POOL = "pool.ntp.org";

  /**
   * Puts an NTP server on the network: {@code pool.ntp.org} resolves, and it answers {@code
   * ntptime.time()} with {@code now} plus the virtual time passed since the simulation began (spec
   * §20.2). Without one, {@code ntptime.settime()} fails as on a board whose DNS cannot resolve the
   * pool.
   */
  public synchronized Network ntp(java.time.Instant now) {
    return ntp(NTP_POOL, "162.159.200.123", now);
  }

  /** An NTP server under another name and address, for {@code ntptime.host = name}. */
  public synchronized Network ntp(String name, String ip, java.time.Instant now) {
    host(name, ip);
    ntpServers.put(ip, now.getEpochSecond());
    return this;
  }

  /**
   * What the NTP server at {@code ip} answers, in Unix seconds, given the virtual time since the
   * simulation began; empty if no NTP server is there.
   */
  public synchronized Optional<Long> ntpUnixSeconds(String ip, long worldMicros) {
    Long base = ntpServers.get(ip);
    return base == null ? Optional.empty() : Optional.of(base + worldMicros / 1_000_000L);
  }

  /** Routes every port of {@code ip} to a real server (on loopback). */
  public synchronized Network route(String ip, InetSocketAddress server) {
    routes.put(ip, server);
    return this;
  }

  /**
   * Routes one port of {@code ip} to a real server (on loopback): a server of one's own. The
   * address's other ports are closed, unless {@link #route(String, InetSocketAddress)} routes them.
   */
  public synchronized Network route(String ip, int port, InetSocketAddress server) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    portRoutes.put(ip + ":" + port, Objects.requireNonNull(server, "server"));
    return this;
  }

  /**
   * Lets the servers behind the routes say what body they sent with a response, so the journal can
   * show the start of every non-2xx one (the server's own words: "API rate limit exceeded", a
   * missing User-Agent, ...).
   */
  public synchronized Network setResponseBodies(ResponseBodies bodies) {
    this.responseBodies = Objects.requireNonNull(bodies, "bodies");
    return this;
  }

  /** The servers' account of the bodies they sent; {@link ResponseBodies#NONE} by default. */
  public synchronized ResponseBodies responseBodies() {
    return responseBodies;
  }

  /**
   * Lets the servers behind the routes say when they withhold bytes on purpose, so that a read
   * times out on the board for a deliberate silence and never because this machine is busy.
   */
  public synchronized Network setServerSilence(ServerSilence silence) {
    this.serverSilence = Objects.requireNonNull(silence, "silence");
    return this;
  }

  /** The servers' account of their silences; {@link ServerSilence#UNKNOWN} by default. */
  public synchronized ServerSilence serverSilence() {
    return serverSilence;
  }

  /** The address a name resolves to, if DNS knows it. */
  public synchronized Optional<String> resolve(String name) {
    return Optional.ofNullable(dns.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The real server behind an address, if any. */
  public synchronized Optional<InetSocketAddress> routeTo(String ip) {
    return Optional.ofNullable(routes.get(ip));
  }

  /** The real server behind a port of an address: that port's route, else the address's. */
  public synchronized Optional<InetSocketAddress> routeTo(String ip, int port) {
    InetSocketAddress exact = portRoutes.get(ip + ":" + port);
    return exact != null ? Optional.of(exact) : routeTo(ip);
  }

  /** The ports of {@code ip} routed one by one, sorted; empty if none (or every port is). */
  public synchronized java.util.List<Integer> servedPorts(String ip) {
    return portRoutes.keySet().stream()
        .filter(k -> k.startsWith(ip + ":"))
        .map(k -> Integer.parseInt(k.substring(ip.length() + 1)))
        .sorted()
        .toList();
  }

  /** The names DNS knows, for error messages. */
  public synchronized String knownHosts() {
    return String.join(", ", dns.keySet());
  }

  /** The name that resolves to this address, for the journal; the address itself otherwise. */
  public synchronized String nameOf(String ip) {
    return dns.entrySet().stream()
        .filter(e -> e.getValue().equals(ip))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(ip);
  }

  // ---------------------------------------------------------------- station state

  /**
   * The station's state, which changes while the board runs; the configuration (access points, DNS,
   * routes, DHCP time) is not part of it.
   */
  public record Station(
      boolean active,
      long outageUntilMicros,
      int linkGeneration,
      String associatedSsid,
      long connectedAtMicros,
      int failureStatus) {}

  /** Saves the station's state. */
  public synchronized Station station() {
    return new Station(
        active,
        outageUntilMicros,
        linkGeneration,
        associatedSsid,
        connectedAtMicros,
        failureStatus);
  }

  /** Sets the station back to a saved state, keeping this network's configuration. */
  public synchronized void restore(Station station) {
    active = station.active();
    outageUntilMicros = station.outageUntilMicros();
    linkGeneration = station.linkGeneration();
    associatedSsid = station.associatedSsid();
    connectedAtMicros = station.connectedAtMicros();
    failureStatus = station.failureStatus();
  }

  /**
   * Starts associating, as {@code esp_wifi_connect()} does; the outcome shows later in virtual
   * time.
   *
   * @return the status code the attempt will end in: 1010 (GOT_IP), 201 (NO_AP_FOUND) or 202
   *     (WRONG_PASSWORD)
   */
  public synchronized int associate(String ssid, String password, long nowMicros) {
    associatedSsid = ssid;
    if (anyAccessPoint || password.equals(accessPoints.get(ssid))) {
      connectedAtMicros = nowMicros + dhcpMillis * 1000L;
      failureStatus = 0;
      return 1010;
    }
    connectedAtMicros = -1;
    failureStatus = accessPoints.containsKey(ssid) ? 202 : 201;
    return failureStatus;
  }

  public synchronized void disassociate() {
    associatedSsid = null;
    connectedAtMicros = -1;
    failureStatus = 0;
  }

  /** Whether the station has an IP address at this virtual time. */
  public synchronized boolean connected(long nowMicros) {
    return connectedAtMicros >= 0
        && nowMicros >= connectedAtMicros
        && nowMicros >= outageUntilMicros;
  }

  /**
   * The access point drops out now for {@code outageMillis} of virtual time: the station loses its
   * IP, every open connection is dead, and the driver reconnects by itself afterwards (ESP-IDF
   * retries an association forever unless told otherwise, spec §7).
   */
  public synchronized void dropWifi(long nowMicros, long outageMillis) {
    outageUntilMicros = nowMicros + outageMillis * 1000L;
    linkGeneration++;
  }

  /** Changes whenever the link drops; a connection made before is dead. */
  public synchronized int linkGeneration() {
    return linkGeneration;
  }

  public synchronized boolean connecting(long nowMicros) {
    return connectedAtMicros >= 0 && nowMicros < connectedAtMicros;
  }

  public synchronized int failureStatus() {
    return failureStatus;
  }

  public synchronized String associatedSsid() {
    return associatedSsid;
  }

  public synchronized boolean active() {
    return active;
  }

  public synchronized void setActive(boolean active) {
    this.active = active;
    if (!active) {
      disassociate();
    }
  }

  /** A hard reset or power loss: the radio is off and the station forgets its association. */
  public synchronized void hardReset() {
    active = false;
    outageUntilMicros = -1;
    disassociate();
  }

  /** What it is, for a shell or a debugger: its access points and names. */
  @Override
  public synchronized String toString() {
    return "Network(access points "
        + (anyAccessPoint && accessPoints.isEmpty() ? "any" : accessPoints.keySet())
        + ", names "
        + dns.keySet()
        + ")";
  }
}
