package dev.otasim.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void namesBlobsAsGitDoes() {
    assertThat(GitHash.blob("hello\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
  }

  @Test
  void namesTheEmptyTreeAsGitDoes() {
    assertThat(new Snapshot(Map.of()).treeSha(""))
        .isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  }

  @Test
  void namesTreesAsGitWriteTreeDoes() {
    // given: the files `git write-tree` named d49a3e00... and aaa96ced...
    Tree tree = new Tree();
    tree.file("hello.txt", "hello\n");
    assertThat(tree.snapshot().treeSha("")).isEqualTo("aaa96ced2d9a1c8e72c56b253a0e2fe78393feb7");
    tree.file("lib.py", "x\n").file("lib-a.py", "y\n").file("lib/x.py", "z\n");

    // when
    Snapshot snapshot = tree.snapshot();

    // then: git sorts "lib/" after "lib.py", because it compares a directory as "lib/"
    assertThat(snapshot.treeSha("")).isEqualTo("d49a3e00fb27e13a95f1272f099bf95498570c59");
    assertThat(snapshot.walk("").stream().map(e -> e.path() + " " + e.sha()))
        .containsExactly(
            "hello.txt ce013625030ba8dba906f756967f9e9ca394464a",
            "lib-a.py 975fbec8256d3e8a3797e7a3611380f27c49f4ac",
            "lib.py 587be6b4c3f93f93c489c0111bba5596147a26cb",
            "lib 38265eec54c812e0ceefa68ea5ae471197298ba0",
            "lib/x.py b68025345d5301abad4d9ec9166f455243a0d746");
  }

  @Test
  void refusesAFileWhereADirectoryIs() {
    Tree tree = new Tree().file("lib/x.py", "z\n");

    assertThatThrownBy(() -> tree.file("lib", "oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"lib\" and \"lib/x.py\" cannot both exist: one would be a directory");
  }

  @Test
  void refusesPathsThatAreNotRelativeFileNames() {
    assertThatThrownBy(() -> new Tree().file("/main.py", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must be relative and name a file, like \"lib/ota.py\": \"/main.py\"");
    assertThatThrownBy(() -> new Tree().file("lib/../main.py", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must not contain empty, \".\" or \"..\" segments: \"lib/../main.py\"");
  }
}
