package dev.otasim.github;

import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * Replaces or alters the response to some requests, for a test that needs a response no {@link
 * NetworkFault} describes. Faults apply on top of it.
 */
@FunctionalInterface
interface Interceptor {
  /**
   * Returns the response for {@code request}; {@code proceed} gives the one the model would serve,
   * and has the model record whether the request was expected.
   */
  MockResponse intercept(Request request, Supplier<MockResponse> proceed);
}
