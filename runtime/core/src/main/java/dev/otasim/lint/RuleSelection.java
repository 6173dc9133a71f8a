package dev.otasim.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rules run, from layers of {@code select}, {@code extend-select} and {@code ignore} applied
 * in order (the configuration file, then the command line), as ruff's {@code [tool.ruff.lint]}
 * does: a layer's {@code select} replaces what was on, {@code extend-select} adds and {@code
 * ignore} removes. Within a layer an exact rule id beats {@code ALL}, and {@code ignore} wins a
 * tie. A layer that selects without ignoring keeps the previous layer's ignores ({@code --select X}
 * on the command line still honours the file's {@code ignore}).
 */
public final class RuleSelection {
  /** Every rule. */
  public static final String ALL = "ALL";

  /**
   * One layer.
   *
   * @param select the rules to run instead of the previous layer's, or {@code null} to keep them
   * @param extendSelect rules to run as well
   * @param ignore rules not to run
   */
  public record Layer(List<String> select, List<String> extendSelect, List<String> ignore) {
    public Layer {
      select = select == null ? null : List.copyOf(select);
      extendSelect = List.copyOf(extendSelect);
      ignore = List.copyOf(ignore);
    }

    /** A layer that changes nothing. */
    public static final Layer NONE = new Layer(null, List.of(), List.of());
  }

  private final Set<String> enabled;

  private RuleSelection(Set<String> enabled) {
    this.enabled = enabled;
  }

  /** Every rule on (no configuration). */
  public static RuleSelection all(Set<String> rules) {
    return new RuleSelection(new TreeSet<>(rules));
  }

  /**
   * The rules on after the layers, starting from all of {@code rules} on.
   *
   * @throws IllegalArgumentException naming a selector that is neither a rule id nor {@code ALL}
   */
  public static RuleSelection of(Set<String> rules, List<Layer> layers) {
    Set<String> on = new TreeSet<>(rules);
    List<String> previousIgnore = List.of();
    for (Layer layer : layers) {
      List<String> ignore = layer.ignore();
      if (layer.select() != null && ignore.isEmpty()) {
        ignore = previousIgnore;
      }
      List<String> positive = new ArrayList<>(layer.extendSelect());
      if (layer.select() != null) {
        positive.addAll(layer.select());
      }
      Set<String> next = new TreeSet<>();
      for (String rule : rules) {
        int plus = specificity(positive, rule);
        int minus = specificity(ignore, rule);
        boolean was = layer.select() == null && on.contains(rule);
        if (plus == 0 && minus == 0 ? was : plus > minus) {
          next.add(rule);
        }
      }
      on = next;
      previousIgnore = ignore;
    }
    return new RuleSelection(on);
  }

  /** 2 if the rule is named, 1 if {@code ALL} is, else 0. */
  private static int specificity(List<String> selectors, String rule) {
    if (selectors.contains(rule)) {
      return 2;
    }
    return selectors.contains(ALL) ? 1 : 0;
  }

  public boolean enabled(String rule) {
    return enabled.contains(Objects.requireNonNull(rule));
  }

  /** The rules on, sorted. */
  public Set<String> enabled() {
    return Collections.unmodifiableSet(enabled);
  }
}
