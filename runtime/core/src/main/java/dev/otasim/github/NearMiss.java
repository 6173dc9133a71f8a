package dev.otasim.github;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a request matched nothing scripted: the scripted routes closest to it, each with what differs
 * (method, host, repository, path, ref, header), the way a mock server's near-miss report reads.
 *
 * <pre>
 * Unexpected request GET api.github.com/repos/nobody/nothing/releases/latest; closest scripted:
 *   GET api.github.com/repos/owner/app/releases/latest: repository nobody/nothing, scripted owner/app
 * </pre>
 */
final class NearMiss {
  /** How many routes the report shows at most. */
  private static final int SHOWN = 3;

  private NearMiss() {}

  /** The report for one unexpected exchange against the scripted routes ({@code GET host/path}). */
  static String report(Exchange request, List<String> scripted) {
    String head = "Unexpected request " + request.request();
    if (scripted.isEmpty()) {
      return head
          + "; nothing is scripted (add github.repository(\"owner/name\") and its releases)";
    }
    List<Candidate> ranked =
        scripted.stream()
            .map(route -> candidate(request, route))
            .sorted(
                Comparator.comparingInt((Candidate c) -> c.differences().size())
                    .thenComparing(Comparator.comparingInt(Candidate::prefix).reversed())
                    .thenComparingInt(Candidate::distance))
            .toList();
    Candidate best = ranked.get(0);
    List<Candidate> closest =
        ranked.stream()
            .filter(
                c ->
                    c.differences().size() == best.differences().size()
                        && c.prefix() == best.prefix())
            .limit(SHOWN)
            .toList();
    StringBuilder out = new StringBuilder(head).append("; closest scripted:");
    for (Candidate c : closest) {
      out.append("\n  ").append(c.route()).append(": ").append(String.join("; ", c.differences()));
    }
    int others = scripted.size() - closest.size();
    if (others > 0) {
      out.append("\n  (")
          .append(others)
          .append(others == 1 ? " other scripted route" : " other scripted routes")
          .append(" further off)");
    }
    return out.toString();
  }

  /**
   * A route, what differs, how many leading path segments match (more is closer) and the edit
   * distance between the rest of the paths (less is closer).
   */
  private record Candidate(String route, List<String> differences, int prefix, int distance) {}

  private static Candidate candidate(Exchange request, String route) {
    List<String> differences = differences(request, route);
    String[] r =
        route.substring(route.indexOf('/', route.indexOf(' '))).split("\\?", 2)[0].split("/", -1);
    String[] s = request.target().split("\\?", 2)[0].split("/", -1);
    // the repository is reported on its own: compare the rest as if it were the scripted one
    int repoAt = route.contains(" api.github.com/") ? 2 : 1;
    if (s.length > repoAt + 1 && r.length > repoAt + 1) {
      s = s.clone();
      s[repoAt] = r[repoAt];
      s[repoAt + 1] = r[repoAt + 1];
    }
    int prefix = 0;
    while (prefix < r.length
        && prefix < s.length
        && (r[prefix].equals(s[prefix])
            || (r[prefix].startsWith("{") && fits(r[prefix], s[prefix])))) {
      prefix++;
    }
    if (prefix < r.length && r[prefix].equals("{path}") && prefix < s.length) {
      prefix = s.length; // any file path: the rest matches
    }
    return new Candidate(
        route, differences, prefix, editDistance(tail(r, prefix), tail(s, prefix)));
  }

  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  /** What differs between a request and a scripted route; never empty for an unexpected request. */
  static List<String> differences(Exchange request, String route) {
    List<String> out = new ArrayList<>();
    int space = route.indexOf(' ');
    String method = route.substring(0, space);
    String rest = route.substring(space + 1);
    int slash = rest.indexOf('/');
    String host = rest.substring(0, slash);
    String[] routePathQuery = rest.substring(slash).split("\\?", 2);
    String[] targetPathQuery = request.target().split("\\?", 2);
    if (!method.equals(request.method())) {
      out.add("method " + request.method() + ", scripted " + method);
    }
    if (!host.equals(request.host())) {
      out.add("host " + request.host() + ", scripted " + host);
    }
    comparePaths(host, routePathQuery[0], targetPathQuery[0], out);
    if (routePathQuery.length > 1) {
      String scriptedRef = routePathQuery[1].replaceFirst("^ref=", "");
      query(targetPathQuery.length > 1 ? targetPathQuery[1] : "", "ref")
          .filter(ref -> !alternatives(scriptedRef).contains(ref))
          .ifPresent(ref -> out.add("ref " + ref + ", scripted " + scriptedRef));
    }
    if (host.equals("api.github.com")
        && request.requestHeaders().keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
      out.add("header: no User-Agent, which api.github.com requires");
    }
    if (out.isEmpty()) {
      out.add("matches the route's shape; the model has no such file or object");
    }
    return out;
  }

  private static void comparePaths(String host, String route, String sent, List<String> out) {
    String[] r = route.split("/", -1);
    String[] s = sent.split("/", -1);
    // where owner/name sit: /repos/OWNER/NAME/... on the API, /OWNER/NAME/... on raw
    int repoAt = host.equals("api.github.com") ? 2 : 1;
    if (s.length > repoAt + 1
        && r.length > repoAt + 1
        && !(r[repoAt] + "/" + r[repoAt + 1]).equalsIgnoreCase(s[repoAt] + "/" + s[repoAt + 1])
        && (repoAt == 1 || s[1].equals(r[1]))) {
      out.add(
          "repository "
              + s[repoAt]
              + "/"
              + s[repoAt + 1]
              + ", scripted "
              + r[repoAt]
              + "/"
              + r[repoAt + 1]);
      s = s.clone();
      s[repoAt] = r[repoAt];
      s[repoAt + 1] = r[repoAt + 1];
    }
    for (int i = 0; i < Math.max(r.length, s.length); i++) {
      if (i < r.length && r[i].equals("{path}") && i < s.length && !s[i].isEmpty()) {
        return; // any file path
      }
      if (i < r.length && i < s.length && isName(r[i])) {
        if (!fits(r[i], s[i])) {
          out.add("path " + tail(s, i) + ", scripted " + tail(r, i));
          return;
        }
        continue;
      }
      if (i < r.length && i < s.length && r[i].startsWith("{") && r[i].endsWith("}")) {
        if (!alternatives(r[i]).contains(s[i])) {
          out.add("ref " + s[i] + ", scripted " + r[i]);
        }
        continue;
      }
      if (i >= r.length || i >= s.length || !r[i].equals(s[i])) {
        out.add("path " + tail(s, i) + ", scripted " + tail(r, i));
        return;
      }
    }
  }

  private static String tail(String[] segments, int from) {
    return from >= segments.length
        ? "(ends there)"
        : "…/" + String.join("/", Arrays.asList(segments).subList(from, segments.length));
  }

  /**
   * Whether a scripted segment is a named placeholder ({@code {id}}, {@code {sha}}, {@code
   * {asset}}) rather than a list of refs ({@code {v1.0.0|main}}).
   */
  private static boolean isName(String segment) {
    return segment.startsWith("{")
        && segment.endsWith("}")
        && !segment.contains("|")
        && !segment.equals("{path}")
        && segment
            .chars()
            .allMatch(c -> c == '{' || c == '}' || c == ' ' || Character.isLowerCase(c));
  }

  /** Whether {@code sent} fits a scripted segment: a ref it lists, or what a placeholder names. */
  private static boolean fits(String scripted, String sent) {
    if (!isName(scripted)) {
      return alternatives(scripted).contains(sent);
    }
    return switch (scripted) {
      case "{id}" -> sent.matches("[0-9]+");
      case "{sha}" -> sent.matches("[0-9a-f]{40}");
      default -> !sent.isEmpty();
    };
  }

  private static List<String> alternatives(String braced) {
    return braced.startsWith("{") && braced.endsWith("}")
        ? Arrays.asList(braced.substring(1, braced.length() - 1).split("\\|"))
        : List.of(braced);
  }

  private static Optional<String> query(String query, String name) {
    return Arrays.stream(query.split("&"))
        .filter(p -> p.startsWith(name + "="))
        .map(p -> p.substring(name.length() + 1))
        .findFirst();
  }

  /** The report for every unexpected exchange, one block each. */
  static String reportAll(List<Exchange> unexpected, List<String> scripted) {
    return unexpected.stream().map(e -> report(e, scripted)).collect(Collectors.joining("\n"));
  }
}
