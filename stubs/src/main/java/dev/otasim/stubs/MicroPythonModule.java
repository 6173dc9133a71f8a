package dev.otasim.stubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the MicroPython module that a stub class implements. The Python half of the module is the
 * resource {@code dev/otasim/stubs/modules/<name>/<name>.py}; it receives the Java object as {@code
 * _api}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MicroPythonModule {
  /** The module's canonical name, as in {@code extmod/mod<name>.c}. */
  String name();

  /**
   * The {@code u}-prefixed names that reach the same module on firmware of the current family
   * (spec/micropython-esp32.md §14, §20).
   */
  String[] aliases() default {};
}
