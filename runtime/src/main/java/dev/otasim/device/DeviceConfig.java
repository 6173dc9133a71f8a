package dev.otasim.device;

import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.ota.Ota;
import java.time.Duration;
import java.util.Objects;

/**
 * The immutable configuration of a simulated ESP32: flash size, heap, firmware, and how long a boot
 * may run before it counts as hung.
 *
 * <pre>{@code
 * DeviceConfig config = DeviceConfig.builder().setFlashBlocks(240).setHeapBytes(90_000).build();
 * }</pre>
 */
public final class DeviceConfig {
  private final int flashBlocks;
  private final int heapBytes;
  private final String firmware;
  private final Duration bootTimeLimit;
  private final int maxBoots;
  private final int maxAllocBytes;
  private final Ota.Image image;
  private final Engine engine;

  private DeviceConfig(Builder b) {
    this.flashBlocks = b.flashBlocks;
    this.heapBytes = b.heapBytes;
    this.firmware = b.firmware;
    this.bootTimeLimit = b.bootTimeLimit;
    this.maxBoots = b.maxBoots;
    this.maxAllocBytes = b.maxAllocBytes;
    this.image = b.image;
    this.engine = b.engine;
  }

  /** A generic ESP32-WROOM with the newest firmware: 2 MiB LittleFS, ~112 KB heap. */
  public static DeviceConfig esp32() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.flashBlocks = flashBlocks; // 0 keeps "the image's file system"
    return b.setHeapBytes(heapBytes)
        .setFirmware(firmware)
        .setBootTimeLimit(bootTimeLimit)
        .setMaxBoots(maxBoots)
        .setMaxAllocBytes(maxAllocBytes)
        .setImage(image)
        .setEngine(engine);
  }

  /** The Python VM the board's boots run on. */
  public Engine engine() {
    return engine;
  }

  /** The flash capacity in blocks: as set, or the image's file system (512, or 240 on OTA). */
  public int flashBlocks() {
    if (flashBlocks > 0) {
      return flashBlocks;
    }
    return image == Ota.Image.OTA ? Builder.OTA_IMAGE_FLASH_BLOCKS : Builder.DEFAULT_FLASH_BLOCKS;
  }

  /** The largest single allocation the heap can satisfy, in bytes. */
  public int maxAllocBytes() {
    return Math.min(maxAllocBytes, heapBytes);
  }

  /** The firmware image's partition table: no OTA slots (the default), or two. */
  public Ota.Image image() {
    return image;
  }

  public int heapBytes() {
    return heapBytes;
  }

  public String firmware() {
    return firmware;
  }

  public Duration bootTimeLimit() {
    return bootTimeLimit;
  }

  public int maxBoots() {
    return maxBoots;
  }

  /** Builds a {@link DeviceConfig}; every setter validates its argument. */
  public static final class Builder {
    /** 512 blocks of 4096 bytes: the 2 MiB {@code vfs} partition of a 4 MiB board. */
    public static final int DEFAULT_FLASH_BLOCKS = Flash.DEFAULT_BLOCK_COUNT;

    /** The ESP32's Python heap after the first grow (commit f6d630877c, spec §15). */
    public static final int DEFAULT_HEAP_BYTES = 112_000;

    /** The firmware the board runs. */
    public static final String DEFAULT_FIRMWARE = "1.27.0";

    /** Wall-clock time a boot may take before it is stopped as hung. */
    public static final Duration DEFAULT_BOOT_TIME_LIMIT = Duration.ofSeconds(20);

    /** Boots a run may take to settle before it is reported as a boot loop. */
    public static final int DEFAULT_MAX_BOOTS = 12;

    /** The file system of the ESP32_GENERIC-OTA image: 960 KiB after two 1536 KiB app slots. */
    public static final int OTA_IMAGE_FLASH_BLOCKS = 240;

    /**
     * The largest single allocation: fragmentation limits it well below the free heap (spec §15).
     */
    public static final int DEFAULT_MAX_ALLOC_BYTES = 40_000;

    private int flashBlocks;
    private int maxAllocBytes = DEFAULT_MAX_ALLOC_BYTES;
    private Ota.Image image = Ota.Image.GENERIC;
    private int heapBytes = DEFAULT_HEAP_BYTES;
    private String firmware = DEFAULT_FIRMWARE;
    private Duration bootTimeLimit = DEFAULT_BOOT_TIME_LIMIT;
    private int maxBoots = DEFAULT_MAX_BOOTS;
    private Engine engine = Engine.GRAALPY;

    private Builder() {}

    /**
     * Sets the Python VM the boots run on: {@link Engine#GRAALPY} (the default) or {@link
     * Engine#MICROPYTHON}, the real MicroPython VM.
     */
    public Builder setEngine(Engine engine) {
      this.engine = java.util.Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Sets the flash capacity in 4096-byte blocks. The default is the image's file system: 512 (2
     * MiB), or 240 on the OTA image.
     *
     * @throws IllegalArgumentException if blocks is below 4
     */
    public Builder setFlashBlocks(int blocks) {
      if (blocks < 4) {
        throw new IllegalArgumentException("flashBlocks (" + blocks + ") must be at least 4");
      }
      this.flashBlocks = blocks;
      return this;
    }

    /**
     * Sets the Python heap in bytes. The default is 112000.
     *
     * @throws IllegalArgumentException if bytes is not positive
     */
    public Builder setHeapBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("heapBytes (" + bytes + ") must be positive");
      }
      this.heapBytes = bytes;
      return this;
    }

    /**
     * Sets the MicroPython firmware version, such as {@code 1.27.0}. The default is 1.27.0.
     *
     * @throws IllegalArgumentException if the version is not of the form major.minor[.patch]
     */
    public Builder setFirmware(String version) {
      Objects.requireNonNull(version, "version");
      // bounded digits: the module table parses each part as an int when the board boots
      if (!version.matches("\\d{1,4}\\.\\d{1,4}(\\.\\d{1,4})?")) {
        throw new IllegalArgumentException(
            "firmware (" + version + ") must look like 1.27.0 or 1.22");
      }
      this.firmware = version.chars().filter(c -> c == '.').count() == 1 ? version + ".0" : version;
      return this;
    }

    /**
     * Sets the wall-clock time one boot may run before it is stopped as hung. The default is 20
     * seconds; virtual sleeps take no wall-clock time.
     *
     * @throws IllegalArgumentException if the limit is not positive
     */
    public Builder setBootTimeLimit(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException("bootTimeLimit (" + limit + ") must be positive");
      }
      this.bootTimeLimit = limit;
      return this;
    }

    /**
     * Sets how many boots a run may take before it is reported as a boot loop. The default is 12.
     *
     * @throws IllegalArgumentException if boots is not positive
     */
    public Builder setMaxBoots(int boots) {
      if (boots <= 0) {
        throw new IllegalArgumentException("maxBoots (" + boots + ") must be positive");
      }
      this.maxBoots = boots;
      return this;
    }

    /**
     * Sets the largest single allocation in bytes; anything larger raises {@code MemoryError}. The
     * default is 40000.
     *
     * @throws IllegalArgumentException if bytes is not positive
     */
    public Builder setMaxAllocBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxAllocBytes (" + bytes + ") must be positive");
      }
      this.maxAllocBytes = bytes;
      return this;
    }

    /**
     * Sets the firmware image: {@code GENERIC} (no OTA app slots, 2 MiB file system, the default)
     * or {@code OTA} (two app slots for {@code esp32.Partition} updates, 960 KiB file system).
     */
    public Builder setImage(Ota.Image image) {
      this.image = java.util.Objects.requireNonNull(image, "image");
      return this;
    }

    public DeviceConfig build() {
      return new DeviceConfig(this);
    }
  }
}
