package dev.otasim.lint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.otasim.stubs.host.HostInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds and reads lint's configuration as ruff finds its own: for each file, the nearest {@code
 * pyproject.toml} above it that has a {@code [tool.otasim.lint]} table, or the one file {@code
 * --config} names. A pyproject.toml comes from whatever repository is being linted (the gate and
 * pre-commit lint strangers' code), so it is read as data only: through the host-input fence (never
 * through a link, at most {@link #LIMIT} bytes) by a TOML parser that runs nothing, with nesting
 * and string lengths bounded. The gate reads the candidate's this way too, never above the
 * candidate's tree.
 */
public final class LintConfigFiles {
  /** A pyproject.toml larger than this is refused. */
  static final long LIMIT = 1 << 20;

  private static final TomlMapper TOML =
      new TomlMapper(
          TomlFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength((int) LIMIT)
                      .maxNumberLength(100)
                      .build())
              .build());

  private final Path override;
  private final Path root;
  private final Function<Path, String> shown;
  private final Map<Path, Optional<LintConfig>> byFolder = new HashMap<>();
  private LintConfig overridden;

  /**
   * @param override the file {@code --config} names (absolute), or {@code null} to search
   */
  public LintConfigFiles(Path override) {
    this(override, null, Path::toString);
  }

  private LintConfigFiles(Path override, Path root, Function<Path, String> shown) {
    this.override = override;
    this.root = root == null ? null : root.toAbsolutePath().normalize();
    this.shown = shown;
  }

  /**
   * The configurations of a tree that is not where its files came from, such as a release the gate
   * extracted from git: the search stops at {@code root}, and messages name a file as {@code shown}
   * makes its path relative to the root ({@code v1.2.0:pyproject.toml}).
   */
  public static LintConfigFiles within(Path root, Function<String, String> shown) {
    Path r = root.toAbsolutePath().normalize();
    return new LintConfigFiles(
        null, r, file -> shown.apply(r.relativize(file).toString().replace('\\', '/')));
  }

  /** How messages name a configuration file. */
  public String shown(Path file) {
    return shown.apply(file.toAbsolutePath().normalize());
  }

  /**
   * The findings the configurations keep: each file's own {@code select}, {@code extend-select} and
   * {@code ignore}, then the {@code commandLine} layer on top, then its {@code per-file-ignores}.
   *
   * @param absolute a finding's path made absolute (the folder relative paths are relative to)
   * @param rules every rule id lint has
   */
  public List<Finding> kept(
      Collection<Finding> findings,
      Function<Path, Path> absolute,
      Set<String> rules,
      RuleSelection.Layer commandLine) {
    Map<Optional<LintConfig>, RuleSelection> selections = new HashMap<>();
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      Path file = absolute.apply(f.path());
      Optional<LintConfig> c = forFile(file);
      RuleSelection on =
          selections.computeIfAbsent(
              c,
              k ->
                  RuleSelection.of(
                      rules,
                      List.of(
                          k.map(LintConfig::selection).orElse(RuleSelection.Layer.NONE),
                          commandLine)));
      if (on.enabled(f.ruleId()) && !c.map(x -> x.ignoredIn(file, f.ruleId())).orElse(false)) {
        kept.add(f);
      }
    }
    return kept;
  }

  /** The configuration files read so far that had a {@code [tool.otasim.lint]} table, in order. */
  public Set<LintConfig> used() {
    Set<LintConfig> used = new LinkedHashSet<>();
    if (overridden != null) {
      used.add(overridden);
    }
    byFolder.values().forEach(c -> c.ifPresent(used::add));
    return used;
  }

  /**
   * The configuration for one file.
   *
   * @param file absolute
   * @throws IllegalArgumentException for a configuration that is not valid TOML, has an unknown key
   *     or rule, or is refused (a link, too large)
   */
  public Optional<LintConfig> forFile(Path file) {
    if (override != null) {
      if (overridden == null) {
        overridden = read(override, true, shown).orElseThrow();
      }
      return Optional.of(overridden);
    }
    return forFolder(file.toAbsolutePath().normalize().getParent());
  }

  private Optional<LintConfig> forFolder(Path folder) {
    if (folder == null || (root != null && !folder.startsWith(root))) {
      return Optional.empty();
    }
    Optional<LintConfig> known = byFolder.get(folder);
    if (known != null) {
      return known;
    }
    Path candidate = folder.resolve("pyproject.toml");
    Optional<LintConfig> found =
        Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
            ? read(candidate, false, shown)
            : Optional.empty();
    if (found.isEmpty()) {
      found = forFolder(folder.getParent());
    }
    byFolder.put(folder, found);
    return found;
  }

  /**
   * The {@code [tool.otasim.lint]} table of a file.
   *
   * @param named whether the user named the file ({@code --config}): then a missing file is an
   *     error and a file without the table an empty configuration
   */
  static Optional<LintConfig> read(Path file, boolean named) {
    return read(file, named, Path::toString);
  }

  private static Optional<LintConfig> read(Path file, boolean named, Function<Path, String> shown) {
    try {
      return parse(file, named);
    } catch (IllegalArgumentException e) {
      String name = shown.apply(file.toAbsolutePath().normalize());
      if (name.equals(file.toString())) {
        throw e;
      }
      // the file is a copy (the gate's extracted release): name it as the repository has it
      throw new IllegalArgumentException(e.getMessage().replace(file.toString(), name), e);
    }
  }

  private static Optional<LintConfig> parse(Path file, boolean named) {
    byte[] bytes = HostInput.readFile("lint configuration", file, LIMIT);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "no such configuration file: " + file + " (name a pyproject.toml with --config)");
    }
    Map<String, Object> toml;
    try {
      toml = TOML.readValue(bytes, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      String reason = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(
          file
              + " is not valid TOML: "
              + oneLine(reason)
              + "; correct it (or lint with --config"
              + " naming another file)",
          e);
    }
    Object tool = toml == null ? null : toml.get("tool");
    Object otasim = tool instanceof Map<?, ?> t ? t.get("otasim") : null;
    if (otasim == null) {
      return named ? Optional.of(empty(file)) : Optional.empty();
    }
    if (!(otasim instanceof Map<?, ?> o)) {
      throw new IllegalArgumentException(file + ": [tool.otasim] must be a table");
    }
    for (Object key : o.keySet()) {
      if (!"lint".equals(key)) {
        throw new IllegalArgumentException(
            file
                + ": [tool.otasim] has no key '"
                + key
                + "'; otasim reads only [tool.otasim.lint] (see "
                + Linter.DOCS
                + "#configuration)");
      }
    }
    Object lint = o.get("lint");
    if (lint == null) {
      return named ? Optional.of(empty(file)) : Optional.empty();
    }
    if (!(lint instanceof Map<?, ?> table)) {
      throw new IllegalArgumentException(file + ": [tool.otasim.lint] must be a table");
    }
    Map<String, Object> checked = new HashMap<>();
    table.forEach((k, v) -> checked.put(String.valueOf(k), v));
    return Optional.of(LintConfig.fromTable(file, checked, Linter.rules().keySet()));
  }

  private static LintConfig empty(Path file) {
    return LintConfig.fromTable(file, Map.of(), java.util.Set.of());
  }

  private static String oneLine(String s) {
    return s == null ? "" : String.join(" ", s.strip().split("\\s*\\R\\s*"));
  }
}
