package dev.otasim.github;

/**
 * A name a client used for a commit (tag, branch or commit SHA) and what it resolved to.
 *
 * @param name the tag, branch or SHA without any {@code refs/...} prefix
 */
record Ref(Kind kind, String name, Snapshot files, String commitSha) {
  /** What kind of name it was, which decides how GitHub spells it in redirects. */
  enum Kind {
    TAG,
    BRANCH,
    COMMIT
  }

  /** The fully qualified name codeload.github.com uses in archive URLs. */
  String qualified() {
    return switch (kind) {
      case TAG -> "refs/tags/" + name;
      case BRANCH -> "refs/heads/" + name;
      case COMMIT -> name;
    };
  }
}
