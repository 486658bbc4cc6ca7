package org.leadgate.testing.mmdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a MaxMind DB file (format 2.0, IPv6 tree) for tests, readable by MaxMind's own readers:
 *
 * <pre>{@code
 * new MmdbWriter("GeoIP2-City")
 *     .insert("81.2.69.0/24", Map.of("country", Map.of("iso_code", "GB")))
 *     .write(path);
 * }</pre>
 *
 * <p>IPv4 networks go under {@code ::/96}, where readers look IPv4 addresses up. A network inserted inside an
 * earlier one overrides it there; a later network covering earlier ones replaces them. Record values are Java
 * values: {@link Map} (string keys) is a map, {@link List} an array, {@link String} a UTF-8 string, {@link Boolean}
 * a boolean, {@link Double} a double, and the integer types choose the width the GeoIP2 readers expect:
 * {@link Integer} is uint16 (e.g. {@code accuracy_radius}, {@code confidence}), {@link Long} uint32 (e.g.
 * {@code geoname_id}, {@code autonomous_system_number}), {@link BigInteger} uint64. Records are stored once however
 * many networks share them. The record size is the smallest of 24, 28 and 32 bits that fits unless
 * {@link #recordSize} chooses one.
 */
public final class MmdbWriter {
  private static final byte[] METADATA_MARKER = concat(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF},
      "MaxMind.com".getBytes(StandardCharsets.US_ASCII));
  private static final int DATA_SECTION_SEPARATOR = 16;
  private static final int IPV4_IN_IPV6_BITS = 96;

  private final String databaseType;
  private final Node root = new Node();
  private Instant buildTime = Instant.parse("2026-01-05T00:00:00Z");
  private int recordSize;

  /** A writer of an empty database whose metadata names {@code databaseType}, e.g. {@code GeoIP2-City}. */
  public MmdbWriter(String databaseType) {
    this.databaseType = Objects.requireNonNull(databaseType, "databaseType");
  }

  /** Maps every address of {@code network} (CIDR, IPv4 or IPv6, e.g. {@code 81.2.69.0/24}) to {@code record}. */
  public MmdbWriter insert(String network, Object record) {
    Objects.requireNonNull(record, "record");
    int slash = network.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR network: " + network);
    }
    byte[] address = parse(network.substring(0, slash));
    int prefix = Integer.parseInt(network.substring(slash + 1)) + (address.length == 4 ? IPV4_IN_IPV6_BITS : 0);
    byte[] bits = address.length == 4 ? concat(new byte[12], address) : address;
    if (prefix < 1 || prefix > 128) {
      throw new IllegalArgumentException("prefix length out of range: " + network);
    }
    Node node = root;
    for (int depth = 0; depth < prefix - 1; depth++) {
      int bit = bit(bits, depth);
      if (!(node.children[bit] instanceof Node)) {
        Node split = new Node();
        split.children[0] = node.children[bit];
        split.children[1] = node.children[bit];
        node.children[bit] = split;
      }
      node = (Node) node.children[bit];
    }
    node.children[bit(bits, prefix - 1)] = new Leaf(record);
    return this;
  }

  /** The metadata's build time (default 2026-01-05T00:00:00Z). */
  public MmdbWriter buildTime(Instant time) {
    this.buildTime = Objects.requireNonNull(time, "time");
    return this;
  }

  /** Forces 24, 28 or 32-bit records. */
  public MmdbWriter recordSize(int bits) {
    if (bits != 24 && bits != 28 && bits != 32) {
      throw new IllegalArgumentException("record size must be 24, 28 or 32 but was " + bits);
    }
    this.recordSize = bits;
    return this;
  }

  /** Writes the database to {@code file} (replacing it) and returns the file. */
  public Path write(Path file) {
    try {
      Files.write(file, toBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole database file: search tree, separator, data section, metadata marker and metadata. */
  public byte[] toBytes() {
    List<Node> nodes = numberNodes();
    long nodeCount = nodes.size();
    DataSection data = new DataSection();
    collectRecords(nodes, data);
    int bits = recordSize != 0 ? recordSize : smallestRecordSize(nodeCount + DATA_SECTION_SEPARATOR + data.size());
    if (nodeCount + DATA_SECTION_SEPARATOR + data.size() >= 1L << bits) {
      throw new IllegalStateException("a " + bits + "-bit record cannot address this database");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Node node : nodes) {
      writeNode(value(node.children[0], nodeCount, data), value(node.children[1], nodeCount, data), bits, out);
    }
    out.writeBytes(new byte[DATA_SECTION_SEPARATOR]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(METADATA_MARKER);
    DataSection.encode(metadata(nodeCount, bits), out);
    return out.toByteArray();
  }

  private Map<String, Object> metadata(long nodeCount, int bits) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", 2);
    metadata.put("binary_format_minor_version", 0);
    metadata.put("build_epoch", BigInteger.valueOf(buildTime.getEpochSecond()));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", databaseType + " test database"));
    metadata.put("ip_version", 6);
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", nodeCount);
    metadata.put("record_size", bits);
    return metadata;
  }

  /** The nodes in depth-first order, numbered so; the root is node 0. */
  private List<Node> numberNodes() {
    List<Node> nodes = new ArrayList<>();
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      node.number = nodes.size();
      nodes.add(node);
      for (int bit = 1; bit >= 0; bit--) {
        if (node.children[bit] instanceof Node child) {
          pending.push(child);
        }
      }
    }
    return nodes;
  }

  private static void collectRecords(List<Node> nodes, DataSection data) {
    for (Node node : nodes) {
      for (Object child : node.children) {
        if (child instanceof Leaf leaf) {
          data.offsetOf(leaf.record());
        }
      }
    }
  }

  /** A record's value: a node number, {@code nodeCount} for "no data", or a data section offset past the tree. */
  private static long value(Object child, long nodeCount, DataSection data) {
    if (child instanceof Node node) {
      return node.number;
    }
    if (child instanceof Leaf leaf) {
      return nodeCount + DATA_SECTION_SEPARATOR + data.offsetOf(leaf.record());
    }
    return nodeCount;
  }

  private static void writeNode(long left, long right, int bits, ByteArrayOutputStream out) {
    switch (bits) {
      case 24 -> {
        bytes(left, 3, out);
        bytes(right, 3, out);
      }
      case 28 -> {
        bytes(left, 3, out);
        out.write((int) (((left >>> 24) & 0x0F) << 4 | ((right >>> 24) & 0x0F)));
        bytes(right, 3, out);
      }
      default -> {
        bytes(left, 4, out);
        bytes(right, 4, out);
      }
    }
  }

  private static void bytes(long value, int length, ByteArrayOutputStream out) {
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }

  private static int smallestRecordSize(long largestValue) {
    return largestValue < 1L << 24 ? 24 : largestValue < 1L << 28 ? 28 : 32;
  }

  private static int bit(byte[] address, int index) {
    return (address[index / 8] >> (7 - index % 8)) & 1;
  }

  private static byte[] parse(String literal) {
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("not an IP address literal: " + literal);
    }
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + literal, e);
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** An inner node of the search tree; each child is a {@link Node}, a {@link Leaf} or null (no data). */
  private static final class Node {
    final Object[] children = new Object[2];
    int number;
  }

  private record Leaf(Object record) {}
}
