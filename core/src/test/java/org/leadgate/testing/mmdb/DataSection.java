package org.leadgate.testing.mmdb;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data section of a MaxMind DB file. As MaxMind's own writer does, each map, array and string (of four bytes or
 * more, where a pointer is shorter) is written once: where it comes again, also as a map key, a pointer to the first
 * one is written, so readers decode (and cache) shared parts such as a country or the key {@code names} once. Java
 * values map to MaxMind DB types as {@link MmdbWriter} documents.
 */
final class DataSection {
  private static final int POINTER = 1;
  private static final int UTF8_STRING = 2;
  private static final int DOUBLE = 3;
  private static final int UINT16 = 5;
  private static final int UINT32 = 6;
  private static final int MAP = 7;
  private static final int UINT64 = 9;
  private static final int ARRAY = 11;
  private static final int BOOLEAN = 14;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Map<Object, Integer> offsets = new HashMap<>();

  /** Where {@code value} starts in this section, writing it the first time it is seen. */
  int offsetOf(Object value) {
    Integer offset = offsets.get(value);
    if (offset != null) {
      return offset;
    }
    int start = bytes.size();
    write(value);
    offsets.put(value, start);
    return start;
  }

  int size() {
    return bytes.size();
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  private void write(Object value) {
    boolean shareable = value instanceof Map<?, ?> || value instanceof List<?>
        || value instanceof String text && text.getBytes(StandardCharsets.UTF_8).length >= 4;
    if (shareable) {
      Integer earlier = offsets.get(value);
      if (earlier != null) {
        pointer(earlier, bytes);
        return;
      }
      offsets.put(value, bytes.size());
    }
    if (value instanceof Map<?, ?> map) {
      control(MAP, map.size(), bytes);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        write(key(entry.getKey()));
        write(entry.getValue());
      }
    } else if (value instanceof List<?> list) {
      control(ARRAY, list.size(), bytes);
      list.forEach(this::write);
    } else {
      encode(value, bytes);
    }
  }

  /** A pointer: 11, 19, 27 or 32 bits of offset, the first three sizes with a bias so that they never overlap. */
  private static void pointer(int offset, ByteArrayOutputStream out) {
    if (offset < 2_048) {
      out.write(POINTER << 5 | offset >>> 8);
      bigEndian(offset, 1, out);
    } else if (offset < 526_336) {
      int biased = offset - 2_048;
      out.write(POINTER << 5 | 1 << 3 | biased >>> 16);
      bigEndian(biased, 2, out);
    } else if (offset < 134_744_064) {
      int biased = offset - 526_336;
      out.write(POINTER << 5 | 2 << 3 | biased >>> 24);
      bigEndian(biased, 3, out);
    } else {
      out.write(POINTER << 5 | 3 << 3);
      bigEndian(offset, 4, out);
    }
  }

  private static String key(Object key) {
    if (!(key instanceof String text)) {
      throw new IllegalArgumentException("map keys must be strings but one was " + key);
    }
    return text;
  }

  /** Encodes one value with its control byte(s) and payload, without pointers (as the metadata must be). */
  static void encode(Object value, ByteArrayOutputStream out) {
    if (value instanceof String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      control(UTF8_STRING, utf8.length, out);
      out.writeBytes(utf8);
    } else if (value instanceof Map<?, ?> map) {
      control(MAP, map.size(), out);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        encode(key(entry.getKey()), out);
        encode(entry.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      control(ARRAY, list.size(), out);
      list.forEach(item -> encode(item, out));
    } else if (value instanceof Boolean flag) {
      control(BOOLEAN, flag ? 1 : 0, out);
    } else if (value instanceof Double number) {
      control(DOUBLE, Double.BYTES, out);
      bigEndian(Double.doubleToLongBits(number), Double.BYTES, out);
    } else if (value instanceof Integer number) {
      writeUnsigned(UINT16, BigInteger.valueOf(number), 2, out);
    } else if (value instanceof Long number) {
      writeUnsigned(UINT32, BigInteger.valueOf(number), 4, out);
    } else if (value instanceof BigInteger number) {
      writeUnsigned(UINT64, number, 8, out);
    } else {
      throw new IllegalArgumentException("cannot write a " + (value == null ? "null" : value.getClass().getName())
          + " to a MaxMind DB");
    }
  }

  private static void writeUnsigned(int type, BigInteger value, int maxBytes, ByteArrayOutputStream out) {
    if (value.signum() < 0 || value.bitLength() > maxBytes * 8) {
      throw new IllegalArgumentException(value + " does not fit an unsigned " + maxBytes * 8 + "-bit integer");
    }
    int length = (value.bitLength() + 7) / 8;
    control(type, length, out);
    bigEndian(value.longValue(), length, out);
  }

  /** The value's lowest {@code length} bytes, most significant first. */
  private static void bigEndian(long value, int length, ByteArrayOutputStream out) {
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }

  /** The control byte: type in the top 3 bits (0 and an extra byte for extended types), then the size. */
  private static void control(int type, int size, ByteArrayOutputStream out) {
    int typeBits = type <= 7 ? type << 5 : 0;
    if (size < 29) {
      out.write(typeBits | size);
    } else if (size < 29 + 256) {
      out.write(typeBits | 29);
    } else if (size < 285 + 65_536) {
      out.write(typeBits | 30);
    } else {
      out.write(typeBits | 31);
    }
    if (type > 7) {
      out.write(type - 7);
    }
    if (size >= 65_821) {
      bigEndian(size - 65_821L, 3, out);
    } else if (size >= 285) {
      bigEndian(size - 285L, 2, out);
    } else if (size >= 29) {
      out.write(size - 29);
    }
  }
}
