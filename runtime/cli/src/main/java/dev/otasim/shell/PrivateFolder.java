package dev.otasim.shell;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;

/**
 * A folder only this user can enter, for the sockets otasim serves to its own user (the lint
 * daemon, the shell's serial port): {@code $XDG_RUNTIME_DIR/PREFIX-USER}, or the same name under
 * the temp folder. Created {@code rwx------}, and used only while it is still a folder (not a link)
 * of this user's that nobody else can enter.
 */
public final class PrivateFolder {
  private static final EnumSet<PosixFilePermission> ONLY_OWNER =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private PrivateFolder() {}

  /**
   * This user's folder named {@code prefix + user}, or {@code null} where there is no safe place
   * for it (no POSIX permissions, or the name is taken by a link, another user's folder, or a
   * folder others can enter).
   */
  public static Path of(String prefix) throws IOException {
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    Path base =
        runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
            ? Path.of(runtime)
            : Path.of(System.getProperty("java.io.tmpdir"));
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    Path dir = base.resolve(prefix + user);
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ONLY_OWNER));
    } catch (FileAlreadyExistsException e) {
      // checked below like a new one
    } catch (UnsupportedOperationException e) {
      return null; // no POSIX permissions: no safe place
    }
    PosixFileAttributes attrs =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isDirectory()
        || !attrs.permissions().equals(ONLY_OWNER)
        || !attrs.owner().equals(me())) {
      return null;
    }
    return dir;
  }

  /** The user this process runs as. */
  public static UserPrincipal me() throws IOException {
    return Path.of("")
        .getFileSystem()
        .getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }
}
