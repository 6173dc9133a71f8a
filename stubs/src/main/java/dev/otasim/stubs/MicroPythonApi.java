package dev.otasim.stubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a member that the Python shims of the simulated board may call. The GraalPy host exposes
 * only members carrying this annotation ({@code HostAccess.EXPLICIT} style), so everything else in
 * the stubs stays invisible to device code.
 *
 * <p>Members carrying it keep MicroPython's spelling ({@code mem_free}, {@code ilistdir}) where the
 * shim forwards them one to one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface MicroPythonApi {}
