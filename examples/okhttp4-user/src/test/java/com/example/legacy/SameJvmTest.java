package com.example.legacy;

import static dev.otasim.assertions.OtaAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;
import dev.otasim.junit.OtaSimulatorTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import kotlin.KotlinVersion;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The project's OkHttp 4 on Kotlin 1.6 and otasim's fake GitHub (OkHttp 5 and Kotlin 2 inside),
 * one after the other and again, in one JVM.
 */
@OtaSimulatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SameJvmTest {
  @Test
  @Order(1)
  void ownOkHttpFetchesBeforeOtasimRuns() throws IOException {
    ownOkHttpFetches();
  }

  @Test
  @Order(2)
  void otasimInstallsNewRelease(Device device, FakeGitHub github) {
    // given: GitHub has a newer release; the board runs v1.0.0 of the app
    github
        .repository("me/thermostat")
        .release("v1.0.0", tree -> tree.file("main/app.py", APP))
        .release("v1.1.0", tree -> tree.file("main/app.py", APP));
    device.flash().load(Path.of("../board"));
    device.network().accessPoint("home", "secret");

    // when
    device.runUntilSettled();

    // then: the board downloaded the release from the fake GitHub and runs it
    assertThat(device).hasSettled().hasFileWithText("/main/.version", "v1.1.0");
    assertThat(device.journal())
        .fileOps()
        .containsInOrder("write next/app.py 80 B", "rename next -> main");
    assertThat(device).lastBoot().printed("app: doing my work");
  }

  @Test
  @Order(3)
  void ownOkHttpFetchesAfterOtasimRan() throws IOException {
    ownOkHttpFetches();
  }

  /** The project's own versions are the ones on the classpath, and they work. */
  private static void ownOkHttpFetches() throws IOException {
    assertEquals("4.10.0", OkHttp.VERSION);
    assertEquals("1.6.21", KotlinVersion.CURRENT.toString());

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "hello from the project's own server".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      Request request =
          new Request.Builder()
              .url("http://127.0.0.1:" + server.getAddress().getPort() + "/hello")
              .build();
      try (Response response = new OkHttpClient().newCall(request).execute()) {
        assertEquals(200, response.code());
        assertEquals("hello from the project's own server", response.body().string());
      }
    } finally {
      server.stop(0);
    }
  }

  static final String APP =
      """
      def run(updater, config):
          updater.confirm()
          print("app: doing my work")
      """;
}
