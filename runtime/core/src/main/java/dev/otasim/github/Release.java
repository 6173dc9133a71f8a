package dev.otasim.github;

/**
 * One release of a repository: its tag, whether it is published, and the files at that tag.
 *
 * @param index the order of creation within the repository, from 0
 */
record Release(String tag, Kind kind, Snapshot files, int index, long id, String commitSha) {
  /** The three states GitHub distinguishes with its {@code draft} and {@code prerelease} flags. */
  enum Kind {
    PUBLISHED,
    PRERELEASE,
    DRAFT
  }

  boolean draft() {
    return kind == Kind.DRAFT;
  }

  boolean prerelease() {
    return kind == Kind.PRERELEASE;
  }
}
