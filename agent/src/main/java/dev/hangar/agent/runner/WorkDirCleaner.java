package dev.hangar.agent.runner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Empties the runner's work folder between two jobs of a reused instance, so the next job does
 * not find the previous one's checkout, build output or temporary files. It never follows a
 * symbolic link: a link a job left is removed as a link, and whatever it points at (the runner
 * install, the agent's files, another disk) stays as it is. On Linux it works through open
 * directory handles ({@link SecureDirectoryStream}), so a leftover process of the job that swaps
 * a directory for a link while the cleaning runs cannot redirect it either.
 */
public final class WorkDirCleaner {
  private static final Set<PosixFilePermission> OWNER_RWX =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private WorkDirCleaner() {}

  /**
   * Removes everything inside {@code dir} and keeps {@code dir} itself. Nothing to do when it
   * does not exist; when a job replaced it with a link or a file, that entry is removed (never
   * its target) and the runner makes the folder again.
   */
  public static void empty(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent)) {
      if (parentStream instanceof SecureDirectoryStream<Path> secureParent) {
        BasicFileAttributes attributes;
        try {
          attributes = attributes(secureParent, name);
        } catch (NoSuchFileException e) {
          return;
        }
        if (!attributes.isDirectory()) {
          secureParent.deleteFile(name);
          return;
        }
        try (SecureDirectoryStream<Path> work = secureParent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
          emptySecure(work);
        }
        return;
      }
    }
    emptyByWalk(absolute);
  }

  private static void emptySecure(SecureDirectoryStream<Path> dir) throws IOException {
    ownerMayChange(dir);
    List<Path> names = new ArrayList<>();
    for (Path entry : dir) {
      names.add(entry.getFileName());
    }
    for (Path name : names) {
      BasicFileAttributes attributes;
      try {
        attributes = attributes(dir, name);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (attributes.isDirectory()) {
        // Opened without following links: a directory swapped for a link meanwhile fails here.
        try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
          emptySecure(child);
        }
        dir.deleteDirectory(name);
      } else {
        // Files, and links as links (their targets are never touched), sockets, pipes.
        dir.deleteFile(name);
      }
    }
  }

  /**
   * Jobs leave read-only directories (Go's module cache is one); root may delete in them anyway,
   * the agent running as the runner user (tests, rootless installs) must make them writable first.
   */
  private static void ownerMayChange(SecureDirectoryStream<Path> dir) {
    PosixFileAttributeView view = dir.getFileAttributeView(PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      if (!permissions.containsAll(OWNER_RWX)) {
        permissions.addAll(OWNER_RWX);
        view.setPermissions(permissions);
      }
    } catch (IOException e) {
      // Not ours to change: deleting inside it fails and says why.
    }
  }

  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
  }

  /** Where no secure directory stream exists (not Linux): a walk that does not follow links. */
  private static void emptyByWalk(Path dir) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!attributes.isDirectory()) {
      Files.delete(dir);
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
        d.toFile().setWritable(true, true);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (!d.equals(dir)) {
          Files.delete(d);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
